"""Quiz 3 – Convolutional Neural Networks.

Sources: the CNN lecture (seed 004) with its three "Vorabfragen", the vertical-filter example,
pooling, LeNet-5 and the parameter table of the Fashion-MNIST CNN; the exercise sheet (002);
the script (003) §19–21 and §27.3. Shapes and parameter counts are Keras' (``ref``).
"""

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, ShortAnswer, SingleChoice, T, matrix, ref

FILTERS = {
    "vertikal": ((0, 1, 0), (0, 1, 0), (0, 1, 0)),
    "horizontal": ((0, 0, 0), (1, 1, 1), (0, 0, 0)),
    "kante": ((-1, 0, 1), (-1, 0, 1), (-1, 0, 1)),
}
FILTER_NAMES = {"vertikal": ("vertikaler Filter", "vertical filter"),
                "horizontal": ("horizontaler Filter", "horizontal filter"),
                "kante": ("Kantenfilter (rechts minus links)", "edge filter (right minus left)")}


def _out(n: int, k: int, s: int, padding: str) -> int:
    return -(-n // s) if padding == "same" else (n - k) // s + 1


def _out_text(n: int, k: int, s: int, padding: str) -> str:
    if padding == "same":
        return f"⌈{n}/{s}⌉ = {_out(n, k, s, padding)}"
    return f"⌊({n} − {k})/{s}⌋ + 1 = {_out(n, k, s, padding)}"


# -- variants -------------------------------------------------------------------------------
def feature_map(rng):
    image = tuple(tuple(rng.integer(-3, 4) for _ in range(4)) for _ in range(4))
    return {"image": image, "filter": rng.choice(sorted(FILTERS))}


def feature_map_by_hand(p):
    kernel = FILTERS[p["filter"]]
    return [[sum(p["image"][r + i][c + j] * kernel[i][j] for i in range(3) for j in range(3)) for c in range(2)]
            for r in range(2)]


def _top_left(p) -> str:
    kernel = FILTERS[p["filter"]]
    def fmt(v):
        return f"({v})" if v < 0 else str(v)

    terms = [f"{fmt(p['image'][i][j])}·{fmt(kernel[i][j])}" for i in range(3) for j in range(3) if kernel[i][j]]
    return " + ".join(terms) + f" = {feature_map_by_hand(p)[0][0]}"


def conv_layer(rng):
    return {"h": rng.choice([20, 24, 27, 28, 31, 32, 64]), "w": rng.choice([20, 24, 27, 28, 31, 32, 64]),
            "c": rng.choice([1, 3]), "filters": rng.choice([6, 8, 16, 32, 64]), "k": rng.choice([3, 5, 7]),
            "s": rng.choice([1, 2]), "padding": rng.choice(["valid", "same"])}


def conv_params_variant(rng):
    return {"k": rng.choice([3, 5, 7]), "c": rng.choice([1, 3, 6, 16, 32, 64]),
            "filters": rng.choice([6, 16, 32, 64, 128])}


def filter_weights_variant(rng):
    return {"k": rng.choice([3, 5, 7]), "c": rng.choice([1, 2, 3, 4, 6, 8, 16])}


def filter_weights_key(p):
    kh, kw, channels, _ = ref.conv2d_kernel_shape(p["k"], p["c"], 1)
    return kh * kw * channels


def pooling_variant(rng):
    return {"h": rng.choice([7, 13, 14, 15, 27, 28, 29]), "w": rng.choice([7, 13, 14, 15, 27, 28, 29]),
            "c": rng.choice([6, 16, 32, 64]), "pool": rng.choice([2, 3])}


def small_cnn(rng):
    return {"n": rng.choice([8, 10, 16, 20, 28, 32]), "c": rng.choice([1, 3]), "f1": rng.choice([2, 4, 6, 8]),
            "f2": rng.choice([3, 4, 8, 16]), "units": rng.choice([2, 3, 5, 10])}


def small_cnn_key(p):
    flat = p["n"] * p["n"] * p["f2"]
    return (ref.conv2d_params(3, p["c"], p["f1"]) + ref.conv2d_params(3, p["f1"], p["f2"])
            + ref.dense_params(flat, p["units"]))


def small_cnn_by_hand(p):
    return (9 * p["c"] + 1) * p["f1"] + (9 * p["f1"] + 1) * p["f2"] + (p["n"] ** 2 * p["f2"] + 1) * p["units"]


# -- questions ------------------------------------------------------------------------------
QUESTIONS = [
    MultipleChoice(
        "vorabfrage_vollvernetzt", points=2, title=T("Vollvernetzte Netze für Bilder", "Dense networks for images"),
        text=T("**Vorabfrage.** Ein klassisches neuronales Netz ist vollständig verbunden. Welche Probleme "
               "treten auf, wenn man damit direkt Bilder (z. B. 256×256 Pixel) verarbeitet? Wählen Sie alle "
               "zutreffenden Aussagen.",
               "**Warm-up question.** A classical neural network is fully connected. Which problems arise when it "
               "processes images (e.g. 256×256 pixels) directly? Choose all statements that apply."),
        options=[
            Option(T("Schon die erste `Dense`-Schicht hat sehr viele Gewichte (65.536 Eingänge je Neuron).",
                     "Already the first `Dense` layer has very many weights (65,536 inputs per neuron)."), True),
            Option(T("Nachbarschaftsbeziehungen zwischen Pixeln werden nicht besonders genutzt.",
                     "Neighbourhood relations between pixels are not exploited."), True),
            Option(T("Das Netz braucht viele Trainingsbilder und neigt zu Overfitting.",
                     "The network needs many training images and tends to overfit."), True),
            Option(T("`Dense`-Schichten können keine Graustufenwerte verarbeiten.",
                     "`Dense` layers cannot process grey values."), False),
            Option(T("Ein vollvernetztes Netz erkennt ein Muster an jeder Bildposition automatisch wieder.",
                     "A fully connected network automatically recognises a pattern at every image position."),
                   False),
        ]),
    SingleChoice(
        "vorabfrage_rezeptiv", title=T("Rezeptive Felder", "Receptive fields"),
        text=T("**Vorabfrage.** Im visuellen Cortex reagieren Neuronen nur auf kleine Bildbereiche (rezeptive "
               "Felder). Warum ist dieses Prinzip für die Bilderkennung nützlich?",
               "**Warm-up question.** In the visual cortex, neurons respond only to small image regions "
               "(receptive fields). Why is this principle useful for image recognition?"),
        options=[
            Option(T("Einfache Merkmale wie Kanten sind lokal; wenige Gewichte je Neuron genügen, und höhere "
                     "Schichten setzen daraus komplexe Muster zusammen.",
                     "Simple features such as edges are local; few weights per neuron suffice, and higher layers "
                     "combine them into complex patterns."), True),
            Option(T("Kleine rezeptive Felder machen das Netz unabhängig von der Bildgröße, daher braucht es "
                     "kein Pooling.", "Small receptive fields make the network independent of the image size, so "
                     "it needs no pooling."), False),
            Option(T("Jedes Neuron sieht so das ganze Bild, nur mit geringerer Auflösung.",
                     "This way every neuron sees the whole image, only at a lower resolution."), False),
            Option(T("Rezeptive Felder ersetzen das Training: die Filter stehen von Anfang an fest.",
                     "Receptive fields replace training: the filters are fixed from the start."), False),
        ]),
    SingleChoice(
        "vorabfrage_kanten", title=T("Filter für vertikale Strukturen", "Filter for vertical structures"),
        text=T("**Vorabfrage.** Wie erkennt ein Algorithmus, ob in einem Bild eher vertikale Strukturen "
               "vorkommen? Welcher 3×3-Filter hebt – über das Bild geschoben – **vertikale** Linien hervor?",
               "**Warm-up question.** How can an algorithm tell whether an image contains mostly vertical "
               "structures? Which 3×3 filter, slid over the image, highlights **vertical** lines?"),
        options=[Option(matrix(FILTERS["vertikal"]), True), Option(matrix(FILTERS["horizontal"])),
                 Option(matrix(((1, 0, 0), (0, 1, 0), (0, 0, 1)))), Option(matrix(((1, 1, 1), (1, 1, 1),
                                                                                      (1, 1, 1))))]),
    Numeric(
        "faltung", points=2, size=(2, 2), partial=True, params=feature_map, title=T("Faltung von Hand",
                                                                                    "Convolution by hand"),
        text=lambda p: T(
            f"Wie im Folienbeispiel wird ein 4×4-Bild mit einem 3×3-Filter gefaltet (Stride 1, Padding "
            f"`\"valid\"`, kein Bias; Kreuzkorrelation wie in Keras). Bild: {matrix(p['image'])}, "
            f"{FILTER_NAMES[p['filter']][0]}: {matrix(FILTERS[p['filter']])}. Wie lautet die 2×2-Feature-Map?",
            f"As in the slide example, a 4×4 image is convolved with a 3×3 filter (stride 1, padding "
            f"`\"valid\"`, no bias; cross-correlation as in Keras). Image: {matrix(p['image'])}, "
            f"{FILTER_NAMES[p['filter']][1]}: {matrix(FILTERS[p['filter']])}. What is the 2×2 feature map?"),
        key=lambda p: ref.conv_feature_map(p["image"], FILTERS[p["filter"]]),
        formula=feature_map_by_hand,
        explain=lambda p: T(f"Filter auf jede der 2×2 Positionen legen, elementweise multiplizieren, alles "
                            f"aufsummieren; oben links: {_top_left(p)}.",
                            f"Place the filter on each of the 2×2 positions, multiply element-wise, sum "
                            f"everything; top left: {_top_left(p)}.")),
    Numeric(
        "conv_ausgabe", points=2, size=3, shape=True, params=conv_layer,
        title=T("Ausgabeform einer Conv2D-Schicht", "Output shape of a Conv2D layer"),
        text=lambda p: T(
            f"Eine Schicht `Conv2D(filters={p['filters']}, kernel_size={p['k']}, strides={p['s']}, "
            f"padding=\"{p['padding']}\")` erhält Eingaben der Form ({p['h']}, {p['w']}, {p['c']}). Welche Form "
            "hat ihre Ausgabe (ohne Batch-Dimension)?",
            f"A layer `Conv2D(filters={p['filters']}, kernel_size={p['k']}, strides={p['s']}, "
            f"padding=\"{p['padding']}\")` receives inputs of shape ({p['h']}, {p['w']}, {p['c']}). What is the "
            "shape of its output (without the batch axis)?"),
        key=lambda p: ref.conv2d_output_shape((p["h"], p["w"], p["c"]), p["filters"], p["k"], p["s"], p["padding"]),
        formula=lambda p: (_out(p["h"], p["k"], p["s"], p["padding"]), _out(p["w"], p["k"], p["s"], p["padding"]),
                           p["filters"]),
        explain=lambda p: T(f"H: {_out_text(p['h'], p['k'], p['s'], p['padding'])}, "
                            f"W: {_out_text(p['w'], p['k'], p['s'], p['padding'])}; so viele Kanäle wie Filter: "
                            f"{p['filters']}.",
                            f"H: {_out_text(p['h'], p['k'], p['s'], p['padding'])}, "
                            f"W: {_out_text(p['w'], p['k'], p['s'], p['padding'])}; as many channels as filters: "
                            f"{p['filters']}.")),
    Numeric(
        "conv_parameter", points=2, params=conv_params_variant,
        title=T("Parameter einer Conv2D-Schicht", "Parameters of a Conv2D layer"),
        text=lambda p: T(
            f"Eine Schicht `Conv2D(filters={p['filters']}, kernel_size={p['k']})` (mit Bias) erhält Feature Maps "
            f"mit {p['c']} Kanälen. Wie viele lernbare Parameter hat sie? (Folie: `Conv2D(64, 7)` auf 28×28×1 hat "
            "(7·7·1 + 1)·64 = 3200.)",
            f"A layer `Conv2D(filters={p['filters']}, kernel_size={p['k']})` (with bias) receives feature maps with "
            f"{p['c']} channels. How many trainable parameters does it have? (Slide: `Conv2D(64, 7)` on 28×28×1 has "
            "(7·7·1 + 1)·64 = 3200.)"),
        key=lambda p: ref.conv2d_params(p["k"], p["c"], p["filters"]),
        formula=lambda p: (p["k"] * p["k"] * p["c"] + 1) * p["filters"],
        explain=lambda p: T(f"({p['k']}·{p['k']}·{p['c']} + 1)·{p['filters']} = "
                            f"{(p['k'] * p['k'] * p['c'] + 1) * p['filters']}; Bildgröße, Stride und Padding spielen "
                            "keine Rolle.",
                            f"({p['k']}·{p['k']}·{p['c']} + 1)·{p['filters']} = "
                            f"{(p['k'] * p['k'] * p['c'] + 1) * p['filters']}; image size, stride and padding do not "
                            "matter.")),
    Numeric(
        "filter_gewichte", params=filter_weights_variant, title=T("Gewichte eines Filters", "Weights of one filter"),
        text=lambda p: T(
            f"In eine Convolutional-Schicht gehen {p['c']} Feature Maps hinein; ihre Filter sind "
            f"{p['k']}×{p['k']} groß. Wie viele Gewichte (ohne Bias) hat **ein** Filter dieser Schicht?",
            f"{p['c']} feature maps go into a convolutional layer; its filters are {p['k']}×{p['k']}. How many "
            "weights (without bias) does **one** filter of this layer have?"),
        key=filter_weights_key,
        formula=lambda p: p["k"] * p["k"] * p["c"],
        explain=lambda p: T(f"Ein Filter hat so viele Kanäle wie Feature Maps hineingehen: {p['k']}·{p['k']}·{p['c']}"
                            f" = {p['k'] * p['k'] * p['c']} (Folie: 9·3 = 27).",
                            f"A filter has as many channels as feature maps go in: {p['k']}·{p['k']}·{p['c']} = "
                            f"{p['k'] * p['k'] * p['c']} (slide: 9·3 = 27).")),
    Numeric(
        "pooling_ausgabe", size=3, shape=True, params=pooling_variant,
        title=T("Ausgabeform nach Max-Pooling", "Output shape after max pooling"),
        text=lambda p: T(
            f"Auf eine Feature Map der Form ({p['h']}, {p['w']}, {p['c']}) folgt "
            f"`MaxPooling2D(pool_size={p['pool']})` (Stride = Poolgröße, Padding `\"valid\"`). Welche Form hat "
            "die Ausgabe (ohne Batch-Dimension)?",
            f"A feature map of shape ({p['h']}, {p['w']}, {p['c']}) is followed by "
            f"`MaxPooling2D(pool_size={p['pool']})` (stride = pool size, padding `\"valid\"`). What is the output "
            "shape (without the batch axis)?"),
        key=lambda p: ref.pool2d_output_shape((p["h"], p["w"], p["c"]), p["pool"]),
        formula=lambda p: (_out(p["h"], p["pool"], p["pool"], "valid"), _out(p["w"], p["pool"], p["pool"], "valid"),
                           p["c"]),
        explain=lambda p: T(f"{_out_text(p['h'], p['pool'], p['pool'], 'valid')} und "
                            f"{_out_text(p['w'], p['pool'], p['pool'], 'valid')}; die Tiefe {p['c']} bleibt erhalten "
                            "(Vorlesung, Fashion-MNIST-CNN: 7×7×256 → 3×3×256).",
                            f"{_out_text(p['h'], p['pool'], p['pool'], 'valid')} and "
                            f"{_out_text(p['w'], p['pool'], p['pool'], 'valid')}; the depth {p['c']} stays "
                            "(lecture, Fashion-MNIST CNN: 7×7×256 → 3×3×256).")),
    Numeric(
        "cnn_parameter", points=3, params=small_cnn, title=T("Parameter eines kleinen CNNs",
                                                             "Parameters of a small CNN"),
        text=lambda p: T(
            f"Wie im Skript (§27.3): Eingabe {p['n']}×{p['n']}×{p['c']}, dann `Conv2D({p['f1']}, 3, "
            f"padding=\"same\")`, `Conv2D({p['f2']}, 3, padding=\"same\")`, `Flatten()` und `Dense({p['units']})`, "
            "alle mit Bias. Wie viele lernbare Parameter hat das ganze Netz? (Skript: 20×20×3, 2 und 3 Filter, "
            "Dense(2): 56 + 57 + 2402 = 2515.)",
            f"As in the script (§27.3): input {p['n']}×{p['n']}×{p['c']}, then `Conv2D({p['f1']}, 3, "
            f"padding=\"same\")`, `Conv2D({p['f2']}, 3, padding=\"same\")`, `Flatten()` and `Dense({p['units']})`, "
            "all with bias. How many trainable parameters does the whole network have? (Script: 20×20×3, 2 and 3 "
            "filters, Dense(2): 56 + 57 + 2402 = 2515.)"),
        key=small_cnn_key, formula=small_cnn_by_hand,
        explain=lambda p: T(
            f"(9·{p['c']} + 1)·{p['f1']} + (9·{p['f1']} + 1)·{p['f2']} + ({p['n']}·{p['n']}·{p['f2']} + 1)·"
            f"{p['units']} = {small_cnn_by_hand(p)}; `\"same\"` erhält die Bildgröße, Flatten liefert "
            f"{p['n'] * p['n'] * p['f2']} Eingänge.",
            f"(9·{p['c']} + 1)·{p['f1']} + (9·{p['f1']} + 1)·{p['f2']} + ({p['n']}·{p['n']}·{p['f2']} + 1)·"
            f"{p['units']} = {small_cnn_by_hand(p)}; `\"same\"` keeps the image size, Flatten yields "
            f"{p['n'] * p['n'] * p['f2']} inputs.")),
    Numeric(
        "lenet_parameter", title=T("Parameter von LeNet-5", "Parameters of LeNet-5"),
        text=T("LeNet-5 wie in der Vorlesung: Eingabe 32×32×1; `Conv2D(6, 5)`, `AveragePooling2D(2)`, "
               "`Conv2D(16, 5)`, `AveragePooling2D(2)`, `Conv2D(120, 5)`, `Flatten()`, `Dense(84)`, `Dense(10)` "
               "(Padding `\"valid\"`, alle mit Bias). Wie viele lernbare Parameter hat das Netz?",
               "LeNet-5 as in the lecture: input 32×32×1; `Conv2D(6, 5)`, `AveragePooling2D(2)`, `Conv2D(16, 5)`, "
               "`AveragePooling2D(2)`, `Conv2D(120, 5)`, `Flatten()`, `Dense(84)`, `Dense(10)` (padding "
               "`\"valid\"`, all with bias). How many trainable parameters does the network have?"),
        key=lambda p: (ref.conv2d_params(5, 1, 6) + ref.conv2d_params(5, 6, 16) + ref.conv2d_params(5, 16, 120)
                       + ref.dense_params(120, 84) + ref.dense_params(84, 10)),
        formula=lambda p: ((5 * 5 * 1 + 1) * 6 + (5 * 5 * 6 + 1) * 16 + (5 * 5 * 16 + 1) * 120
                           + (120 + 1) * 84 + (84 + 1) * 10),
        explain=T("156 + 2416 + 48120 + 10164 + 850 = 61706 (Pooling und Flatten haben keine Parameter).",
                  "156 + 2416 + 48120 + 10164 + 850 = 61706 (pooling and flatten have no parameters).")),
    MultipleChoice(
        "pooling_eigenschaften", points=2, title=T("Eigenschaften von Pooling", "Properties of pooling"),
        text=T("Welche Aussagen über eine Pooling-Schicht (z. B. `MaxPooling2D(2)`) stimmen?",
               "Which statements about a pooling layer (e.g. `MaxPooling2D(2)`) are true?"),
        options=[
            Option(T("Sie verkleinert Höhe und Breite und reduziert so den Speicherbedarf.",
                     "It shrinks height and width and thus reduces memory."), True),
            Option(T("Die Tiefe (Anzahl der Kanäle) bleibt erhalten.", "The depth (number of channels) stays."),
                   True),
            Option(T("Sie hat keine lernbaren Parameter.", "It has no trainable parameters."), True),
            Option(T("Sie verdoppelt die Anzahl der Feature Maps.", "It doubles the number of feature maps."), False),
            Option(T("Sie ersetzt die Aktivierungsfunktion der vorherigen Schicht.",
                     "It replaces the activation function of the previous layer."), False),
        ]),
    SingleChoice(
        "padding_same", title=T("Padding \"same\"", "Padding \"same\""),
        text=T("Was bewirkt `padding=\"same\"` bei einer `Conv2D`-Schicht mit Stride 1?",
               "What does `padding=\"same\"` do in a `Conv2D` layer with stride 1?"),
        options=[
            Option(T("Es werden Nullen um die Eingabe ergänzt, sodass die Ausgabe so hoch und breit ist wie die "
                     "Eingabe.", "Zeros are added around the input so that the output is as high and wide as the "
                     "input."), True),
            Option(T("Es wird nicht aufgefüllt; die Ausgabe wird kleiner.", "No padding; the output shrinks."),
                   False),
            Option(T("Die Eingabe wird mit Kopien der Randpixel aufgefüllt und die Kanäle bleiben gleich.",
                     "The input is padded with copies of the border pixels and the channels stay the same."), False),
            Option(T("Alle Filter bekommen dieselben Gewichte.", "All filters get the same weights."), False),
        ]),
    ShortAnswer(
        "feature_map", title=T("Name des Ausgabebilds", "Name of the output image"),
        text=T("Wie heißt das Ausgabebild einer Convolutional-Schicht, das als Eingabe der nächsten Schicht dient "
               "(Fachbegriff der Vorlesung)?",
               "What is the output image of a convolutional layer, which is the input of the next layer, called "
               "(term from the lecture)?"),
        accept=[r"(eine |die )?feature[ -]?maps?", r"(eine |die )?merkmalskarten?", r"aktivierungskarten?",
                r"activation maps?"],
        example="Feature Map"),
]

QUIZ = Quiz(
    "q3_cnn", T("Quiz 3: Convolutional Neural Networks", "Quiz 3: Convolutional neural networks"), QUESTIONS,
    intro=T("Zur Vorlesung über CNNs (Filter, Feature Maps, Stride, Padding, Pooling, LeNet-5) und zu Übung 04.",
            "On the CNN lecture (filters, feature maps, stride, padding, pooling, LeNet-5) and exercise 04."))
