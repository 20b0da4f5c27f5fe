"""Quiz 2 – Neuronale Netze (MLPs): Perzeptron, Aktivierung, Backpropagation, Gradientenabstieg,
die Merktabellen für Regression und Klassifikation, Loss-Funktionen.

Sources: day 1 of the course (seeds 000/001: MLPs, the Merktabellen, MSE/MAE, categorical vs
sparse categorical cross-entropy with the slide's example) and the script (003 §5–9, §26.3:
the 2-3-2 network with 17 parameters). Parameter counts, losses and the SGD step are Keras'.
"""

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, Rule, ShortAnswer, SingleChoice, T, ref


# -- variants -------------------------------------------------------------------------------
def dense_variant(rng):
    return {"n_in": rng.choice([4, 13, 20, 30, 64, 784]), "units": rng.choice([8, 10, 16, 32, 64, 100])}


def mlp_variant(rng):
    return {"sizes": (rng.choice([2, 3, 4, 5, 8, 13]), rng.choice([3, 4, 5, 8, 10, 16]),
                      rng.choice([3, 4, 6, 8, 12]), rng.choice([1, 2, 3, 10]))}


def mlp_key(p):
    sizes = p["sizes"]
    return sum(ref.dense_params(a, b) for a, b in zip(sizes, sizes[1:]))


def mlp_by_hand(p):
    sizes = p["sizes"]
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))


def _mlp_steps(p) -> str:
    sizes = p["sizes"]
    return " + ".join(f"({a}·{b} + {b})" for a, b in zip(sizes, sizes[1:])) + f" = {mlp_by_hand(p)}"


def sgd_variant(rng):
    return {"w": (rng.uniform(-2, 2, 1), rng.uniform(-2, 2, 1)), "g": (rng.uniform(-3, 3, 1), rng.uniform(-3, 3, 1)),
            "lr": rng.choice([0.01, 0.05, 0.1, 0.2, 0.5])}


def sgd_by_hand(p):
    return tuple(round(w - p["lr"] * g, 6) for w, g in zip(p["w"], p["g"]))


def errors_variant(rng):
    y_true = tuple(rng.integer(0, 9) for _ in range(4))
    y_pred = tuple(v + rng.choice([-3, -2, -1, 0, 1, 2, 3]) for v in y_true)
    return {"y_true": y_true, "y_pred": y_pred}


def errors_by_hand(p):
    diffs = [t - q for t, q in zip(p["y_true"], p["y_pred"])]
    return (sum(d * d for d in diffs) / len(diffs), sum(abs(d) for d in diffs) / len(diffs))


def crossentropy_variant(rng):
    rows = []
    for _ in range(2):
        a = rng.integer(5, 80)
        b = rng.integer(5, 95 - a)
        rows.append((a / 100, b / 100, round((100 - a - b) / 100, 2)))
    return {"y_true": (rng.integer(0, 2), rng.integer(0, 2)), "y_pred": tuple(rows)}


def crossentropy_by_hand(p):
    import math

    return -sum(math.log(row[k]) for k, row in zip(p["y_true"], p["y_pred"])) / 2


def functional_variant(rng):
    return {"a": rng.choice([4, 8, 10, 16, 20]), "b": rng.choice([2, 3, 5, 6]), "h": rng.choice([8, 16, 32, 30]),
            "k": rng.choice([1, 2, 3])}


def functional_by_hand(p):
    return (p["a"] * p["h"] + p["h"]) + ((p["h"] + p["b"]) * p["k"] + p["k"])


# -- questions ------------------------------------------------------------------------------
QUESTIONS = [
    SingleChoice(
        "xor", title=T("Warum Multi-Layer Perceptrons?", "Why multi-layer perceptrons?"),
        text=T("Warum stapelt man Perzeptrons zu einem Multi-Layer Perceptron?",
               "Why are perceptrons stacked into a multi-layer perceptron?"),
        options=[
            Option(T("Ein einzelnes Perzeptron kann z. B. die XOR-Funktion nicht abbilden; mehrere Schichten können "
                     "es.", "A single perceptron cannot represent e.g. the XOR function; several layers can."),
                   True),
            Option(T("Damit das Netz ohne Aktivierungsfunktionen auskommt.", "So that the network needs no "
                     "activation functions."), False),
            Option(T("Weil ein einzelnes Perzeptron keine Gewichte hat.", "Because a single perceptron has no "
                     "weights."), False),
            Option(T("Damit das Training ohne Gradienten funktioniert.", "So that training works without "
                     "gradients."), False),
        ]),
    ShortAnswer(
        "relu", title=T("Standard-Aktivierung", "Default activation"),
        text=T("Welche Aktivierungsfunktion verwenden wir in den verborgenen Schichten vor allem (die "
               "meistgenutzte, max(0, x))?",
               "Which activation function do we mostly use in the hidden layers (the most used one, max(0, x))?"),
        accept=[r"relu", r"rectified linear( unit)?( \(relu\))?", r"re ?lu"],
        reject=[Rule(r"(sigmoid|logistic|logistisch|softmax|tanh)", 0.0)], example="ReLU"),
    SingleChoice(
        "lernrate", title=T("Zu große Lernrate", "Learning rate too large"),
        text=T("Was passiert beim Gradientenabstieg typischerweise, wenn die Lernrate ε **zu groß** ist?",
               "What typically happens in gradient descent when the learning rate ε is **too large**?"),
        options=[Option(T("Die Schritte springen über das Minimum hinweg; der Loss schwankt oder divergiert.",
                          "The steps jump over the minimum; the loss oscillates or diverges."), True),
                 Option(T("Das Training wird sehr langsam, konvergiert aber sicher.",
                          "Training becomes very slow but surely converges.")),
                 Option(T("Die Gradienten werden exakt null.", "The gradients become exactly zero.")),
                 Option(T("Das Modell lernt die Trainingsdaten auswendig.", "The model memorises the training "
                          "data."))]),
    MultipleChoice(
        "merktabelle_regression", points=2, title=T("Merktabelle Regression", "Cheat sheet: regression"),
        text=T("Merktabelle Regression: Welche Einstellungen sind für ein MLP zur Regression typisch?",
               "Cheat sheet for regression: which settings are typical for a regression MLP?"),
        options=[
            Option(T("Ein Ausgabeneuron pro Vorhersagedimension", "One output neuron per prediction dimension"), True),
            Option(T("Keine Aktivierung (linear) in der Ausgabeschicht, oder ReLU/softplus für positive Werte",
                     "No activation (linear) in the output layer, or ReLU/softplus for positive outputs"), True),
            Option(T("Loss MSE, oder MAE/Huber bei Ausreißern", "Loss MSE, or MAE/Huber with outliers"), True),
            Option(T("Softmax in der Ausgabeschicht", "Softmax in the output layer"), False),
            Option(T("Loss: Categorical Cross Entropy", "Loss: categorical cross-entropy"), False),
        ]),
    SingleChoice(
        "ausgabe_multilabel", title=T("Ausgabeschicht für Multilabel", "Output layer for multilabel"),
        text=T("Eine E-Mail soll gleichzeitig als *Spam ja/nein* und als *dringend ja/nein* eingestuft werden "
               "(beides kann zutreffen). Welche Ausgabeschicht passt laut Merktabelle?",
               "An e-mail is to be classified as *spam yes/no* and *urgent yes/no* at the same time (both can "
               "apply). Which output layer fits according to the cheat sheet?"),
        options=[Option("`Dense(2, activation=\"sigmoid\")`", True), Option("`Dense(2, activation=\"softmax\")`"),
                 Option("`Dense(1, activation=\"sigmoid\")`"), Option("`Dense(4, activation=\"relu\")`")]),
    SingleChoice(
        "loss_wahl", title=T("Loss für ganzzahlige Labels", "Loss for integer labels"),
        text=T("Die Labels liegen als Klassennummern vor, z. B. `y_true = [1, 2]`, die Vorhersagen als "
               "Wahrscheinlichkeiten `y_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]`. Welcher Keras-Loss passt "
               "ohne One-Hot-Kodierung?",
               "The labels are class numbers, e.g. `y_true = [1, 2]`, the predictions probabilities "
               "`y_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]`. Which Keras loss fits without one-hot encoding?"),
        options=[Option("`sparse_categorical_crossentropy`", True), Option("`categorical_crossentropy`"),
                 Option("`binary_crossentropy`"), Option("`mean_squared_error`")]),
    ShortAnswer(
        "backpropagation", title=T("Wie Netze lernen", "How networks learn"),
        text=T("Wie heißt das Verfahren, das in einem Forward Pass und einem Reverse Pass den Gradienten des "
               "Fehlers bezüglich jedes Gewichts berechnet (Rumelhart, Hinton & Williams, 1986)?",
               "What is the method called that computes the gradient of the error with respect to every weight "
               "in a forward pass and a reverse pass (Rumelhart, Hinton & Williams, 1986)?"),
        accept=[r"backpropagation( of error)?", r"back[- ]?prop(agation)?", r"fehlerrueckfuehrung",
                r"rueckpropagierung", r"fehlerrueckfuehrung \(backpropagation\)"],
        example="Backpropagation"),
    Numeric(
        "dense_parameter", params=dense_variant,
        title=T("Parameter einer Dense-Schicht", "Parameters of a Dense layer"),
        text=lambda p: T(f"Eine Schicht `Dense({p['units']})` erhält {p['n_in']} Eingänge. Wie viele lernbare "
                         "Parameter hat sie (mit Bias)?",
                         f"A layer `Dense({p['units']})` receives {p['n_in']} inputs. How many trainable parameters "
                         "does it have (with bias)?"),
        key=lambda p: ref.dense_params(p["n_in"], p["units"]),
        formula=lambda p: p["n_in"] * p["units"] + p["units"],
        explain=lambda p: T(f"Eingänge · Neuronen + Biases = {p['n_in']}·{p['units']} + {p['units']} = "
                            f"{p['n_in'] * p['units'] + p['units']}.",
                            f"inputs · neurons + biases = {p['n_in']}·{p['units']} + {p['units']} = "
                            f"{p['n_in'] * p['units'] + p['units']}.")),
    Numeric(
        "mlp_parameter", points=2, params=mlp_variant, title=T("Parameter eines MLPs", "Parameters of an MLP"),
        text=lambda p: T(
            "Ein vollvernetztes Netz hat die Schichtgrößen " + "-".join(map(str, p["sizes"])) + " (Eingabe, zwei "
            "verborgene Schichten, Ausgabe), alle Schichten mit Bias. Wie viele lernbare Parameter hat es? "
            "(Skript §26.3: 2-3-2 hat 9 + 8 = 17.)",
            "A fully connected network has the layer sizes " + "-".join(map(str, p["sizes"])) + " (input, two "
            "hidden layers, output), all layers with bias. How many trainable parameters does it have? "
            "(Script §26.3: 2-3-2 has 9 + 8 = 17.)"),
        key=mlp_key, formula=mlp_by_hand,
        explain=lambda p: T(f"Je Schicht Eingänge·Neuronen + Neuronen: {_mlp_steps(p)}; die Eingabeschicht hat "
                            "keine Parameter.",
                            f"Per layer inputs·neurons + neurons: {_mlp_steps(p)}; the input layer has no "
                            "parameters.")),
    Numeric(
        "sgd_schritt", points=2, size=2, atol=1e-4, params=sgd_variant,
        title=T("Ein Schritt Gradientenabstieg", "One gradient descent step"),
        text=lambda p: T(
            f"Gradientenabstieg: Die Gewichte sind w = {p['w']}, der Gradient des Loss ist g = {p['g']}, die "
            f"Lernrate ε = {p['lr']}. Wie lauten die Gewichte nach einem Schritt "
            "$w_\\text{neu} = w - \\epsilon\\, g$ (wie `keras.optimizers.SGD`)?",
            f"Gradient descent: the weights are w = {p['w']}, the gradient of the loss is g = {p['g']}, the "
            f"learning rate ε = {p['lr']}. What are the weights after one step $w_\\text{{new}} = w - \\epsilon\\, g$ "
            "(like `keras.optimizers.SGD`)?"),
        key=lambda p: ref.sgd_step(p["w"], p["g"], p["lr"]),
        formula=sgd_by_hand,
        explain=lambda p: T(f"w − ε·g = ({p['w'][0]} − {p['lr']}·{p['g'][0]}, {p['w'][1]} − {p['lr']}·{p['g'][1]}) = "
                            f"{sgd_by_hand(p)}.",
                            f"w − ε·g = ({p['w'][0]} − {p['lr']}·{p['g'][0]}, {p['w'][1]} − {p['lr']}·{p['g'][1]}) = "
                            f"{sgd_by_hand(p)}.")),
    Numeric(
        "mse_mae", points=2, size=2, partial=True, atol=1e-3, params=errors_variant,
        title=T("MSE und MAE", "MSE and MAE"),
        text=lambda p: T(f"Labels y = {p['y_true']}, Vorhersagen ŷ = {p['y_pred']}. Berechnen Sie "
                         "(MSE, MAE) als Tupel.",
                         f"Labels y = {p['y_true']}, predictions ŷ = {p['y_pred']}. Compute (MSE, MAE) as a tuple."),
        key=lambda p: (ref.mse(p["y_true"], p["y_pred"]), ref.mae(p["y_true"], p["y_pred"])),
        formula=errors_by_hand,
        explain=lambda p: T(f"MSE = Mittel der quadrierten Abweichungen = {errors_by_hand(p)[0]:g}, MAE = Mittel der "
                            f"Beträge = {errors_by_hand(p)[1]:g}.",
                            f"MSE = mean of squared errors = {errors_by_hand(p)[0]:g}, MAE = mean of absolute errors "
                            f"= {errors_by_hand(p)[1]:g}.")),
    Numeric(
        "crossentropy", points=2, atol=0.005, params=crossentropy_variant,
        title=T("Sparse Categorical Cross-Entropy", "Sparse categorical cross-entropy"),
        text=lambda p: T(
            f"`y_true = {list(p['y_true'])}`, `y_pred = {[list(r) for r in p['y_pred']]}` (drei Klassen). Welchen "
            "Wert liefert `sparse_categorical_crossentropy` als Mittel über die beiden Beispiele (natürlicher "
            "Logarithmus, auf 3 Nachkommastellen)?",
            f"`y_true = {list(p['y_true'])}`, `y_pred = {[list(r) for r in p['y_pred']]}` (three classes). Which "
            "value does `sparse_categorical_crossentropy` give as the mean over both examples (natural logarithm, "
            "to 3 decimals)?"),
        key=lambda p: ref.sparse_categorical_crossentropy(p["y_true"], p["y_pred"]),
        formula=crossentropy_by_hand,
        explain=lambda p: T(f"−(ln {p['y_pred'][0][p['y_true'][0]]} + ln {p['y_pred'][1][p['y_true'][1]]})/2 = "
                            f"{crossentropy_by_hand(p):.3f}: nur die Wahrscheinlichkeit der richtigen Klasse zählt.",
                            f"−(ln {p['y_pred'][0][p['y_true'][0]]} + ln {p['y_pred'][1][p['y_true'][1]]})/2 = "
                            f"{crossentropy_by_hand(p):.3f}: only the probability of the true class counts.")),
    Numeric(
        "functional_api", points=2, params=functional_variant,
        title=T("Functional API: zwei Eingänge", "Functional API: two inputs"),
        text=lambda p: T(
            "Die Sequential API reicht die Ausgaben nur von Schicht zu Schicht weiter; für individuelle Ein- und "
            "Ausgänge braucht man die Functional API (Folie „Einführung tensorflow Keras“). Wie viele lernbare "
            "Parameter hat dieses Modell?\n\n"
            f"```python\nin_a = keras.Input(shape=({p['a']},))\nin_b = keras.Input(shape=({p['b']},))\n"
            f"x = layers.Dense({p['h']}, activation=\"relu\")(in_a)\n"
            "x = layers.Concatenate()([x, in_b])\n"
            f"out = layers.Dense({p['k']})(x)\nmodel = keras.Model([in_a, in_b], out)\n```",
            "The Sequential API only passes outputs from layer to layer; individual inputs and outputs need the "
            "Functional API (slide “Introduction to TensorFlow Keras”). How many trainable parameters does this "
            "model have?\n\n"
            f"```python\nin_a = keras.Input(shape=({p['a']},))\nin_b = keras.Input(shape=({p['b']},))\n"
            f"x = layers.Dense({p['h']}, activation=\"relu\")(in_a)\n"
            "x = layers.Concatenate()([x, in_b])\n"
            f"out = layers.Dense({p['k']})(x)\nmodel = keras.Model([in_a, in_b], out)\n```"),
        key=lambda p: ref.functional_two_inputs_params(p["a"], p["b"], p["h"], p["k"]),
        formula=functional_by_hand,
        explain=lambda p: T(
            f"Dense auf Eingang A: {p['a']}·{p['h']} + {p['h']} = {p['a'] * p['h'] + p['h']}. Concatenate hat keine "
            f"Parameter und liefert {p['h']} + {p['b']} = {p['h'] + p['b']} Werte. Ausgabe: "
            f"{p['h'] + p['b']}·{p['k']} + {p['k']} = {(p['h'] + p['b']) * p['k'] + p['k']}. Summe "
            f"{functional_by_hand(p)}.",
            f"Dense on input A: {p['a']}·{p['h']} + {p['h']} = {p['a'] * p['h'] + p['h']}. Concatenate has no "
            f"parameters and yields {p['h']} + {p['b']} = {p['h'] + p['b']} values. Output: "
            f"{p['h'] + p['b']}·{p['k']} + {p['k']} = {(p['h'] + p['b']) * p['k'] + p['k']}. Total "
            f"{functional_by_hand(p)}.")),
]

QUIZ = Quiz(
    "q2_mlp", T("Quiz 2: Neuronale Netze (MLPs)", "Quiz 2: Neural networks (MLPs)"), QUESTIONS,
    intro=T("Zu MLPs, Aktivierungsfunktionen, Backpropagation, Gradientenabstieg, den Merktabellen und Loss-"
            "Funktionen (Übungen 02 und 03).",
            "On MLPs, activation functions, backpropagation, gradient descent, the cheat sheets and loss functions "
            "(exercises 02 and 03)."))
