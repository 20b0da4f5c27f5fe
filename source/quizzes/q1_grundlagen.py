"""Quiz 1 – Grundlagen & Überblick Machine Learning, Supervised Learning, Tensoren.

Sources: day 1 of the course (seeds 000/001): what ML is, the spam-filter motivation,
"Fallen Ihnen weitere Beispiele ein?", supervised / unsupervised / reinforcement learning,
classification vs regression, data types, the bias–variance trade-off, challenges
("Garbage in, garbage out"), CRISP-DM, and "Grundlagen TensorFlow: Was ist ein Tensor?".
Tensor shapes are decided by Keras (``ref``).
"""

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, Rule, ShortAnswer, SingleChoice, T, ref


# -- variants -------------------------------------------------------------------------------
def nested_tensor(rng):
    shape = (rng.integer(1, 3), rng.integer(1, 3), rng.integer(2, 3))
    values = iter(rng.integer(0, 9) for _ in range(shape[0] * shape[1] * shape[2]))
    data = tuple(tuple(tuple(next(values) for _ in range(shape[2])) for _ in range(shape[1]))
                 for _ in range(shape[0]))
    return {"data": data}


def _literal(data) -> str:
    return repr(data).replace("(", "[").replace(",)", "]").replace(")", "]")


def _shape_by_hand(data):
    shape = []
    while isinstance(data, (list, tuple)):
        shape.append(len(data))
        data = data[0]
    return tuple(shape)


def reshape_variant(rng):
    return {"b": rng.choice([8, 16, 32, 64]), "t": rng.choice([5, 7, 10, 12, 24]), "f": rng.choice([1, 2, 3, 4, 6])}


def broadcast_variant(rng):
    return {"a": rng.choice([2, 3, 4, 5]), "b": rng.choice([2, 3, 4, 6, 8]), "c": rng.choice([3, 5, 7, 10])}


# -- questions ------------------------------------------------------------------------------
QUESTIONS = [
    SingleChoice(
        "spamfilter", title=T("Machine Learning statt Regeln", "Machine learning instead of rules"),
        text=T("Beim Spamfilter vergleicht die Vorlesung den traditionellen Ansatz mit dem Machine-Learning-"
               "Ansatz. Was kennzeichnet den Machine-Learning-Ansatz?",
               "For the spam filter, the lecture compares the traditional approach with the machine-learning "
               "approach. What characterises the machine-learning approach?"),
        options=[
            Option(T("Die Regeln werden automatisch aus Beispieldaten gelernt und das Modell kann mit neuen Daten "
                     "neu trainiert werden.", "The rules are learned automatically from example data and the "
                     "model can be retrained with new data."), True),
            Option(T("Expertinnen schreiben alle Regeln von Hand; dafür ist das System leicht zu warten.",
                     "Experts write all rules by hand; in return the system is easy to maintain."), False),
            Option(T("Das Modell braucht keine Daten, nur eine gute Programmiersprache.",
                     "The model needs no data, only a good programming language."), False),
            Option(T("Das Ergebnis ist garantiert fehlerfrei, weil es aus Daten stammt.",
                     "The result is guaranteed to be error-free because it comes from data."), False),
        ]),
    MultipleChoice(
        "beispiele_supervised", points=2, title=T("Beispiele für Supervised Learning",
                                                  "Examples of supervised learning"),
        text=T("„Fallen Ihnen weitere Beispiele ein?“ – Welche der folgenden Aufgaben sind **Supervised "
               "Learning** (das Label ist in den historischen Daten bekannt)?",
               "“Can you think of more examples?” – Which of these tasks are **supervised learning** (the label "
               "is known in the historical data)?"),
        options=[
            Option(T("Reviews anhand bereits bewerteter Reviews als positiv oder negativ einstufen "
                     "(Sentiment-Analyse).", "Classify reviews as positive or negative from already rated reviews "
                     "(sentiment analysis)."), True),
            Option(T("Den Jahresumsatz aus den Umsätzen vergangener Jahre vorhersagen.",
                     "Predict next year's revenue from the revenues of past years."), True),
            Option(T("Tumore in MRT-Bildern erkennen, nachdem ein Modell mit annotierten Bildern trainiert wurde.",
                     "Detect tumours in MRI scans after training a model on annotated scans."), True),
            Option(T("Kundinnen und Kunden ohne Vorgaben nach ähnlichem Bestellverhalten gruppieren.",
                     "Group customers by similar ordering behaviour without any labels."), False),
            Option(T("Ein Go-Programm lernt durch Belohnung für gewonnene Partien (wie AlphaGo).",
                     "A Go program learns from rewards for won games (like AlphaGo)."), False),
        ]),
    SingleChoice(
        "lernart_alphago", title=T("Lernart von AlphaGo", "Learning type of AlphaGo"),
        text=T("Zu welcher Art des Lernens gehört ein Gaming-Bot wie AlphaGo, der durch Belohnungen für gute "
               "Spielzüge trainiert wird?",
               "Which kind of learning does a game bot like AlphaGo belong to, trained by rewards for good moves?"),
        options=[Option(T("Reinforcement Learning", "Reinforcement learning"), True),
                 Option(T("Supervised Learning", "Supervised learning")),
                 Option(T("Unsupervised Learning (Clustering)", "Unsupervised learning (clustering)")),
                 Option(T("Anomaly Detection", "Anomaly detection"))]),
    MultipleChoice(
        "regression_beispiele", points=2, title=T("Regression oder Klassifikation", "Regression or classification"),
        text=T("Welche dieser Fragestellungen sind **Regressionsprobleme** (das vorherzusagende Merkmal ist "
               "numerisch)?",
               "Which of these questions are **regression problems** (the target is numeric)?"),
        options=[
            Option(T("Wie viel Umsatz machen wir im nächsten Jahr?", "How much revenue will we make next year?"),
                   True),
            Option(T("Wie hoch ist der Aktienkurs morgen?", "What will the share price be tomorrow?"), True),
            Option(T("Ist diese E-Mail Spam oder kein Spam?", "Is this e-mail spam or not?"), False),
            Option(T("Welche Kunden wandern ab (ja/nein)?", "Which customers will churn (yes/no)?"), False),
            Option(T("Welche T-Shirt-Größe (S, M, L) bestellt eine Person?",
                     "Which T-shirt size (S, M, L) will a person order?"), False),
        ]),
    MultipleChoice(
        "ordinale_merkmale", points=2, title=T("Ordinale Merkmale", "Ordinal features"),
        text=T("Welche Merkmale sind **ordinal** (Kategorien mit einer natürlichen Reihenfolge)?",
               "Which features are **ordinal** (categories with a natural order)?"),
        options=[
            Option(T("T-Shirt-Größen (S, M, L)", "T-shirt sizes (S, M, L)"), True),
            Option(T("Tageszeit (morgens, mittags, abends)", "Time of day (morning, noon, evening)"), True),
            Option(T("Länder", "Countries"), False),
            Option(T("Farbnamen", "Colour names"), False),
            Option(T("Temperatur in °C", "Temperature in °C"), False),
        ]),
    SingleChoice(
        "bias_varianz", title=T("Bias-Variance-Tradeoff", "Bias–variance trade-off"),
        text=T("Ein Modell hat einen sehr kleinen Trainingsfehler, aber einen großen Fehler auf neuen Testdaten; "
               "mit anderen Trainingsdaten ändern sich seine Parameter sprunghaft. Welche Situation liegt vor?",
               "A model has a very small training error but a large error on new test data; with other training "
               "data its parameters change erratically. Which situation is this?"),
        options=[Option(T("Low Bias, High Variance – Overfitting", "Low bias, high variance – overfitting"), True),
                 Option(T("High Bias, Low Variance – Underfitting", "High bias, low variance – underfitting")),
                 Option(T("Low Bias, Low Variance – gute Generalisierung", "Low bias, low variance – good "
                          "generalisation")),
                 Option(T("High Bias, High Variance – weder informative Features noch richtig dimensioniert",
                          "High bias, high variance – neither informative features nor the right size"))]),
    SingleChoice(
        "guete_unsupervised", title=T("Güte beim Unsupervised Learning", "Quality in unsupervised learning"),
        text=T("Warum ist die Güte eines Unsupervised-Learning-Modells (z. B. eines Clusterings) nicht direkt "
               "messbar?",
               "Why can the quality of an unsupervised model (e.g. a clustering) not be measured directly?"),
        options=[
            Option(T("Es gibt keine Labels als Vergleichswerte; das Ergebnis muss fachlich interpretiert werden.",
                     "There are no labels to compare with; the result must be interpreted in its domain."), True),
            Option(T("Weil Unsupervised-Modelle immer überangepasst sind.", "Because unsupervised models always "
                     "overfit."), False),
            Option(T("Weil die Daten dafür zu wenige Merkmale haben.", "Because the data has too few features."),
                   False),
            Option(T("Sie ist messbar: mit der Accuracy auf einem Testdatensatz.", "It is measurable: with the "
                     "accuracy on a test set."), False),
        ]),
    ShortAnswer(
        "garbage_in", title=T("Eine Grundregel", "A basic rule"),
        text=T("Schlechte Datenqualität, Sampling Bias, irrelevante Features: Die Vorlesung fasst das in einer "
               "Grundregel zusammen. Ergänzen Sie: „Garbage in, …“",
               "Poor data quality, sampling bias, irrelevant features: the lecture sums this up in one basic "
               "rule. Complete: “Garbage in, …”"),
        accept=[r"(garbage in,? )?garbage out"], example="garbage out"),
    ShortAnswer(
        "crisp_dm", title=T("CRISP-DM", "CRISP-DM"),
        text=T("Wofür steht die Abkürzung CRISP-DM (der Data-Science-Workflow aus der Vorlesung)? Schreiben Sie "
               "sie aus.",
               "What does the abbreviation CRISP-DM (the data-science workflow of the lecture) stand for? Spell it "
               "out."),
        accept=[r"cross[- ]?industry[- ]standard[- ]process (for |of )?data[- ]?mining"],
        reject=[Rule(r"crisp[- ]?dm", 0.0, T("Bitte ausschreiben.", "Please spell it out."))],
        example="Cross Industry Standard Process for Data Mining"),
    Numeric(
        "tensor_form", size=3, shape=True, params=nested_tensor, title=T("Form eines Tensors", "Shape of a tensor"),
        text=lambda p: T(f"Welche Form (`shape`) hat der Tensor `x = tf.constant({_literal(p['data'])})`?",
                         f"What is the shape of the tensor `x = tf.constant({_literal(p['data'])})`?"),
        key=lambda p: ref.tensor_shape(p["data"]),
        formula=lambda p: _shape_by_hand(p["data"]),
        explain=lambda p: T(f"Von außen nach innen zählen: {_shape_by_hand(p['data'])} – ein Tensor vom Rang 3.",
                            f"Count from the outside in: {_shape_by_hand(p['data'])} – a rank-3 tensor.")),
    Numeric(
        "reshape", size=2, shape=True, params=reshape_variant, title=T("Umformen eines Batches", "Reshaping a batch"),
        text=lambda p: T(
            f"Ein Batch von Zeitreihen hat die Form ({p['b']}, {p['t']}, {p['f']}) (Beispiele, Zeitschritte, "
            f"Merkmale). Welche Form hat `x.reshape({p['b']}, -1)`?",
            f"A batch of time series has shape ({p['b']}, {p['t']}, {p['f']}) (examples, time steps, features). "
            f"What is the shape of `x.reshape({p['b']}, -1)`?"),
        key=lambda p: ref.reshape_shape((p["b"], p["t"], p["f"]), (p["b"], -1)),
        formula=lambda p: (p["b"], p["t"] * p["f"]),
        explain=lambda p: T(f"−1 steht für den Rest: {p['t']}·{p['f']} = {p['t'] * p['f']}.",
                            f"−1 stands for the rest: {p['t']}·{p['f']} = {p['t'] * p['f']}.")),
    Numeric(
        "broadcasting", size=3, shape=True, params=broadcast_variant, title=T("Broadcasting", "Broadcasting"),
        text=lambda p: T(
            f"`a` hat die Form ({p['a']}, 1, {p['c']}), `b` die Form ({p['b']}, 1). Welche Form hat `a + b` "
            "(NumPy/TensorFlow-Broadcasting)?",
            f"`a` has shape ({p['a']}, 1, {p['c']}), `b` has shape ({p['b']}, 1). What is the shape of `a + b` "
            "(NumPy/TensorFlow broadcasting)?"),
        key=lambda p: ref.broadcast_shape((p["a"], 1, p["c"]), (p["b"], 1)),
        formula=lambda p: (p["a"], p["b"], p["c"]),
        explain=lambda p: T(f"Formen rechtsbündig vergleichen: ({p['a']}, 1, {p['c']}) und (1, {p['b']}, 1); "
                            f"Achsen der Länge 1 werden gestreckt → ({p['a']}, {p['b']}, {p['c']}).",
                            f"Align the shapes on the right: ({p['a']}, 1, {p['c']}) and (1, {p['b']}, 1); axes of "
                            f"length 1 are stretched → ({p['a']}, {p['b']}, {p['c']}).")),
    SingleChoice(
        "pseudo_labeling", title=T("Semi-überwachtes Lernen: Pseudo-Labeling", "Semi-supervised learning: "
                                                                            "pseudo-labelling"),
        text=T("Von einem großen Bilddatensatz ist nur ein kleiner Teil von Hand gelabelt. Wie geht "
               "**Pseudo-Labeling** vor (Skript, Kapitel 16)?",
               "Only a small part of a large image data set has been labelled by hand. How does **pseudo-labelling** "
               "work (script, chapter 16)?"),
        options=[
            Option(T("Das Netz wird zuerst auf den gelabelten Daten trainiert, sagt dann die Labels der ungelabelten "
                     "Daten vorher, und danach wird auf allen Daten – echten und vorhergesagten Labels – weiter "
                     "trainiert.", "The network is first trained on the labelled data, then predicts the labels of "
                     "the unlabelled data, and is then trained on all data – real and predicted labels."), True),
            Option(T("Die ungelabelten Daten werden geclustert, und jeder Cluster bekommt zufällig ein Label; danach "
                     "wird nur auf diesen Clustern trainiert.", "The unlabelled data are clustered and each cluster "
                     "gets a random label; then the network is trained on these clusters only.")),
            Option(T("Die ungelabelten Daten werden weggelassen; das Netz wird nur auf dem gelabelten Teil "
                     "trainiert.", "The unlabelled data are dropped; the network is trained on the labelled part "
                     "only.")),
            Option(T("Menschen labeln alle übrigen Daten von Hand, bevor das erste Training beginnt.",
                     "People label all remaining data by hand before the first training starts.")),
        ]),
]

QUIZ = Quiz(
    "q1_grundlagen", T("Quiz 1: Grundlagen des Machine Learning", "Quiz 1: Machine learning basics"), QUESTIONS,
    intro=T("Zu Tag 1: Was ist Machine Learning, Supervised vs. Unsupervised Learning, Bias und Varianz, Tensoren.",
            "On day 1: what machine learning is, supervised vs unsupervised learning, bias and variance, tensors."))
