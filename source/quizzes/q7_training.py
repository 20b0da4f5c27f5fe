"""Quiz 7 – Training: Epochen, Batches und Iterationen, Trainings-/Validierungs-/Testdaten, Over- und
Underfitting, L2-Regularisierung, Gewichtsinitialisierung, Batch Normalization, Fine-Tuning.

Sources: the script (seed 003 §7, §10, §12–13, §24, §28–31) and the exercise sheet (002:
"Unterschied Epoche und Iteration"). Iterations per epoch, the L2 term, BatchNorm and Dense
parameter counts are Keras'/TensorFlow's.
"""

import math

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, ShortAnswer, SingleChoice, T, matrix, ref


# -- variants -------------------------------------------------------------------------------
def batches_variant(rng):
    return {"n": rng.choice([1000, 1500, 1797, 2000, 2500, 6000, 50000, 60000]),
            "batch": rng.choice([10, 16, 32, 64, 100, 128]), "epochs": rng.choice([5, 10, 20])}


def batches_key(p):
    steps = ref.steps_per_epoch(p["n"], p["batch"])
    return (steps, steps * p["epochs"])


def batches_by_hand(p):
    steps = math.ceil(p["n"] / p["batch"])
    return (steps, steps * p["epochs"])


def l2_variant(rng):
    matrices = tuple(tuple(tuple(rng.integer(-3, 3) for _ in range(2)) for _ in range(2)) for _ in range(2))
    return {"w": matrices, "lam": rng.choice([0.01, 0.1, 0.5, 1.0]), "m": rng.choice([10, 20, 50, 100])}


def _squares(p) -> int:
    return sum(v * v for w in p["w"] for row in w for v in row)


def l2_by_hand(p):
    return p["lam"] / (2 * p["m"]) * _squares(p)


def batchnorm_variant(rng):
    return {"units": rng.choice([8, 16, 32, 50, 64, 100, 128, 256])}


def finetune_variant(rng):
    return {"n": rng.choice([20, 64, 100, 784]), "a": rng.choice([64, 128, 256]), "b": rng.choice([16, 32, 64]),
            "k": rng.choice([2, 3, 5, 10])}


# -- questions ------------------------------------------------------------------------------
QUESTIONS = [
    SingleChoice(
        "epoche_iteration", title=T("Epoche und Iteration", "Epoch and iteration"),
        text=T("Was ist der Unterschied zwischen einer Epoche und einer Iteration?",
               "What is the difference between an epoch and an iteration?"),
        options=[Option(T("Eine Iteration verarbeitet einen Batch (vorwärts und rückwärts); eine Epoche ist ein "
                          "Durchgang durch alle Trainingsdaten.", "An iteration processes one batch (forward and "
                          "backward); an epoch is one pass over all training data."), True),
                 Option(T("Eine Epoche verarbeitet einen Batch; eine Iteration alle Trainingsdaten.",
                          "An epoch processes one batch; an iteration all training data.")),
                 Option(T("Beides bezeichnet dasselbe.", "Both mean the same.")),
                 Option(T("Eine Iteration ist ein Durchgang über die Validierungsdaten.", "An iteration is one pass "
                          "over the validation data."))]),
    Numeric(
        "iterationen", points=2, size=2, partial=True, params=batches_variant,
        title=T("Batches und Iterationen", "Batches and iterations"),
        text=lambda p: T(
            f"Ein Netz wird mit `model.fit(X, y, batch_size={p['batch']}, epochs={p['epochs']})` auf {p['n']} "
            "Trainingsbeispielen trainiert (der letzte Batch einer Epoche darf kleiner sein). Wie viele "
            "Gewichtsaktualisierungen gibt es (a) pro Epoche und (b) insgesamt? Antwort als Tupel (a, b). "
            "(Skript: 1000 Bilder, Batch Size 10 → 100 Batches je Epoche.)",
            f"A network is trained with `model.fit(X, y, batch_size={p['batch']}, epochs={p['epochs']})` on "
            f"{p['n']} training examples (the last batch of an epoch may be smaller). How many weight updates are "
            "there (a) per epoch and (b) in total? Answer as a tuple (a, b). (Script: 1000 images, batch size 10 → "
            "100 batches per epoch.)"),
        key=batches_key, formula=batches_by_hand,
        explain=lambda p: T(f"⌈{p['n']}/{p['batch']}⌉ = {batches_by_hand(p)[0]} je Epoche, mal {p['epochs']} "
                            f"Epochen = {batches_by_hand(p)[1]}.",
                            f"⌈{p['n']}/{p['batch']}⌉ = {batches_by_hand(p)[0]} per epoch, times {p['epochs']} "
                            f"epochs = {batches_by_hand(p)[1]}.")),
    SingleChoice(
        "validierung", title=T("Wozu Validierungsdaten?", "What are validation data for?"),
        text=T("Wozu dient das Validation Set während des Trainings?", "What is the validation set used for during "
               "training?"),
        options=[Option(T("Um nach jeder Epoche auf nicht trainierten Daten zu prüfen, ob das Modell generalisiert "
                          "(z. B. Overfitting zu erkennen) und Hyperparameter anzupassen.",
                          "To check after each epoch on untrained data whether the model generalises (e.g. to "
                          "detect overfitting) and to tune hyperparameters."), True),
                 Option(T("Um die Gewichte zu aktualisieren.", "To update the weights.")),
                 Option(T("Um am Ende ein einziges Mal die endgültige Güte zu messen.", "To measure the final "
                          "quality once at the very end.")),
                 Option(T("Um die Trainingsdaten zu vergrößern.", "To enlarge the training data."))]),
    MultipleChoice(
        "overfitting", points=2, title=T("Maßnahmen gegen Overfitting", "Measures against overfitting"),
        text=T("Welche Maßnahmen reduzieren Overfitting?", "Which measures reduce overfitting?"),
        options=[Option(T("Mehr Trainingsdaten hinzufügen", "Add more training data"), True),
                 Option(T("Data Augmentation (z. B. gedrehte oder gespiegelte Bilder)",
                          "Data augmentation (e.g. rotated or flipped images)"), True),
                 Option(T("Die Komplexität des Netzes reduzieren", "Reduce the complexity of the network"), True),
                 Option(T("Dropout einsetzen", "Use dropout"), True),
                 Option(T("Mehr Schichten und Neuronen hinzufügen", "Add more layers and neurons"), False),
                 Option(T("Länger trainieren, bis der Trainingsfehler null ist", "Train longer until the training "
                          "error is zero"), False)]),
    SingleChoice(
        "underfitting", title=T("Underfitting", "Underfitting"),
        text=T("Ein Netz ist schon auf den Trainingsdaten schlecht (Underfitting). Was hilft?",
               "A network already performs poorly on the training data (underfitting). What helps?"),
        options=[Option(T("Die Komplexität erhöhen (mehr Schichten/Neuronen), mehr Features, weniger Dropout",
                          "Increase the complexity (more layers/neurons), more features, less dropout"), True),
                 Option(T("Mehr Dropout und stärkere L2-Regularisierung", "More dropout and stronger L2 "
                          "regularisation")),
                 Option(T("Weniger Trainingsdaten verwenden", "Use less training data")),
                 Option(T("Das Netz verkleinern", "Make the network smaller"))]),
    Numeric(
        "l2_term", points=2, rtol=1e-3, atol=1e-4, params=l2_variant, title=T("L2-Regularisierungsterm",
                                                                             "L2 regularisation term"),
        text=lambda p: T(
            f"Ein Netz hat zwei Gewichtsmatrizen W⁽¹⁾ = {matrix(p['w'][0])} und W⁽²⁾ = {matrix(p['w'][1])}. "
            f"Wie groß ist der L2-Term $\\frac{{\\lambda}}{{2m}}\\sum_j \\lVert W^{{(j)}}\\rVert^2$ (Summe der "
            f"quadrierten Einträge) für λ = {p['lam']} und m = {p['m']}?",
            f"A network has two weight matrices W⁽¹⁾ = {matrix(p['w'][0])} and W⁽²⁾ = {matrix(p['w'][1])}. "
            f"What is the L2 term $\\frac{{\\lambda}}{{2m}}\\sum_j \\lVert W^{{(j)}}\\rVert^2$ (sum of squared "
            f"entries) for λ = {p['lam']} and m = {p['m']}?"),
        key=lambda p: ref.l2_penalty(p["w"], p["lam"], p["m"]),
        formula=l2_by_hand,
        explain=lambda p: T(f"Summe der Quadrate: {_squares(p)}; {p['lam']}/(2·{p['m']})·{_squares(p)} = "
                            f"{l2_by_hand(p):.6g}.",
                            f"Sum of squares: {_squares(p)}; {p['lam']}/(2·{p['m']})·{_squares(p)} = "
                            f"{l2_by_hand(p):.6g}.")),
    Numeric(
        "zufallsinit", atol=0.01, title=T("Zufällige Initialisierung", "Random initialisation"),
        text=T("Skript §24: 250 Eingabeknoten haben alle den Wert 1; die 250 Gewichte zu einem Neuron sind "
               "unabhängig normalverteilt mit Mittelwert 0 und Standardabweichung 1. Welche Standardabweichung hat "
               "die gewichtete Summe z (2 Nachkommastellen)?",
               "Script §24: 250 input nodes all have the value 1; the 250 weights into one neuron are independent "
               "and normally distributed with mean 0 and standard deviation 1. What is the standard deviation of "
               "the weighted sum z (2 decimals)?"),
        key=math.sqrt(250),
        explain=T("Die Varianzen addieren sich: Var(z) = 250, also σ = √250 ≈ 15.81 – viel zu breit; deshalb "
                  "skaliert Xavier/Glorot die Gewichte auf Varianz 1/n.",
                  "The variances add up: Var(z) = 250, so σ = √250 ≈ 15.81 – far too wide; this is why "
                  "Xavier/Glorot scales the weights to variance 1/n.")),
    SingleChoice(
        "he_init", title=T("Initialisierung bei ReLU", "Initialisation with ReLU"),
        text=T("Xavier/Glorot-Initialisierung gibt den Gewichten eines Knotens mit n Eingängen die Varianz 1/n. "
               "Welche Varianz empfiehlt das Skript, wenn ReLU die Aktivierungsfunktion ist?",
               "Xavier/Glorot initialisation gives the weights of a node with n inputs the variance 1/n. Which "
               "variance does the script recommend when ReLU is the activation function?"),
        options=[Option("2/n", True), Option("1/n"), Option("1"), Option("1/(2n)")]),
    Numeric(
        "batchnorm_parameter", points=2, size=2, partial=True, params=batchnorm_variant,
        title=T("Parameter von BatchNormalization", "Parameters of BatchNormalization"),
        text=lambda p: T(
            f"Auf `Dense({p['units']}, activation=\"relu\")` folgt `BatchNormalization()`. Wie viele Parameter hat "
            "die BatchNormalization-Schicht (a) trainierbar und (b) nicht trainierbar? Antwort als Tupel (a, b).",
            f"`Dense({p['units']}, activation=\"relu\")` is followed by `BatchNormalization()`. How many parameters "
            "does the BatchNormalization layer have (a) trainable and (b) non-trainable? Answer as a tuple (a, b)."),
        key=lambda p: ref.batchnorm_params(p["units"]),
        formula=lambda p: (2 * p["units"], 2 * p["units"]),
        explain=lambda p: T(f"Trainierbar: g (γ) und b (β) je Kanal, 2·{p['units']}; nicht trainierbar: gleitender "
                            f"Mittelwert und Varianz, 2·{p['units']}.",
                            f"Trainable: g (γ) and b (β) per channel, 2·{p['units']}; non-trainable: moving mean and "
                            f"variance, 2·{p['units']}.")),
    Numeric(
        "feintuning", points=2, params=finetune_variant, title=T("Fine-Tuning mit eingefrorenen Schichten",
                                                                 "Fine-tuning with frozen layers"),
        text=lambda p: T(
            f"Ein vortrainiertes Netz `Dense({p['a']})` → `Dense({p['b']})` auf {p['n']} Eingängen wird "
            f"eingefroren (`trainable = False`); als neue Ausgabeschicht kommt `Dense({p['k']}, "
            "activation=\"softmax\")` hinzu. Wie viele Parameter werden beim Fine-Tuning trainiert?",
            f"A pre-trained network `Dense({p['a']})` → `Dense({p['b']})` on {p['n']} inputs is frozen "
            f"(`trainable = False`); a new output layer `Dense({p['k']}, activation=\"softmax\")` is added. How "
            "many parameters are trained during fine-tuning?"),
        key=lambda p: ref.dense_params(p["b"], p["k"]),
        formula=lambda p: p["b"] * p["k"] + p["k"],
        explain=lambda p: T(f"Nur die neue Schicht: {p['b']}·{p['k']} + {p['k']} = {p['b'] * p['k'] + p['k']}; "
                            "die eingefrorenen Gewichte bleiben unverändert.",
                            f"Only the new layer: {p['b']}·{p['k']} + {p['k']} = {p['b'] * p['k'] + p['k']}; the "
                            "frozen weights stay unchanged.")),
    ShortAnswer(
        "einfrieren", title=T("Eine Schicht einfrieren", "Freezing a layer"),
        text=T("Mit welcher Zuweisung friert man in Keras die Gewichte einer Schicht `layer` ein (eine Zeile "
               "Python, als Text)?",
               "Which assignment freezes the weights of a layer `layer` in Keras (one line of Python, as text)?"),
        accept=[r"(\w+\.)?trainable ?= ?false"], reject=[r"(\w+\.)?trainable ?= ?true"],
        example="layer.trainable = False"),
    SingleChoice(
        "batchnorm_was", title=T("Was Batch Normalization tut", "What batch normalization does"),
        text=T("Was macht eine BatchNormalization-Schicht während des Trainings?",
               "What does a BatchNormalization layer do during training?"),
        options=[Option(T("Sie normalisiert die Ausgaben pro Batch (Mittelwert 0, Standardabweichung 1) und "
                          "skaliert und verschiebt sie dann mit zwei trainierbaren Parametern.",
                          "It normalises the outputs per batch (mean 0, standard deviation 1), then scales and "
                          "shifts them with two trainable parameters."), True),
                 Option(T("Sie normalisiert nur die Eingabedaten einmal vor dem Training.",
                          "It normalises only the input data once before training.")),
                 Option(T("Sie setzt zufällig Ausgaben auf null.", "It sets random outputs to zero.")),
                 Option(T("Sie teilt die Trainingsdaten in Batches auf.", "It splits the training data into "
                          "batches."))]),
    SingleChoice(
        "batch_groesse", title=T("Große Batch Size", "Large batch size"),
        text=T("Was ist laut Skript der Kompromiss einer großen Batch Size?", "According to the script, what is "
               "the trade-off of a large batch size?"),
        options=[Option(T("Epochen laufen schneller durch, aber das Modell kann schlechter generalisieren.",
                          "Epochs finish faster, but the model may generalise worse."), True),
                 Option(T("Epochen dauern länger, dafür generalisiert das Modell immer besser.",
                          "Epochs take longer, but the model always generalises better.")),
                 Option(T("Die Anzahl der Epochen muss gleich der Batch Size sein.",
                          "The number of epochs must equal the batch size.")),
                 Option(T("Große Batches verhindern Overfitting vollständig.", "Large batches prevent overfitting "
                          "completely."))]),
    MultipleChoice(
        "transfer_arten", points=2, title=T("Arten von Transfer Learning", "Kinds of transfer learning"),
        text=T("Übungsblatt 002 unterscheidet drei Arten von Transfer Learning: *inductive*, *transductive* und "
               "*unsupervised*. Welche Zuordnungen stimmen?",
               "Exercise sheet 002 distinguishes three kinds of transfer learning: *inductive*, *transductive* and "
               "*unsupervised*. Which assignments are right?"),
        options=[
            Option(T("Inductive: ein überwacht trainiertes Modell wird mit neuen, **gelabelten** Daten für eine neue "
                     "Aufgabe weitertrainiert (z. B. Klassifikation, Regression).",
                     "Inductive: a model trained with supervision is trained further on new **labelled** data for a "
                     "new task (e.g. classification, regression)."), True),
            Option(T("Transductive: ein überwacht trainiertes Modell wird auf neue, **ungelabelte** Daten übertragen "
                     "(z. B. Klassifikation in einer neuen Domäne).",
                     "Transductive: a model trained with supervision is transferred to new **unlabelled** data "
                     "(e.g. classification in a new domain)."), True),
            Option(T("Unsupervised: ein unüberwacht trainiertes Modell wird mit neuen ungelabelten Daten verwendet "
                     "(z. B. Clustering, Dimensionsreduktion).",
                     "Unsupervised: a model trained without supervision is used with new unlabelled data (e.g. "
                     "clustering, dimensionality reduction)."), True),
            Option(T("Inductive: das Modell wird ohne jede Daten auf die neue Aufgabe übertragen.",
                     "Inductive: the model is transferred to the new task without any data.")),
            Option(T("Transductive: die neuen Daten müssen vollständig gelabelt sein.",
                     "Transductive: the new data must be fully labelled.")),
        ]),
]

QUIZ = Quiz(
    "q7_training", T("Quiz 7: Training", "Quiz 7: Training"), QUESTIONS,
    intro=T("Zu Training, Regularisierung, Initialisierung, Batch Normalization und Fine-Tuning (Übung 08).",
            "On training, regularisation, initialisation, batch normalization and fine-tuning (exercise 08)."))
