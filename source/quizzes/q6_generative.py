"""Quiz 6 – Generative Modelle: Autoencoder (Bottleneck, Rekonstruktion), generative vs. diskriminative
Modelle, GANs mit Generator, Diskriminator und Minimax-Loss.

Source: day 3 of the course (seed 001, "Deep Learning Unsupervised Learning"). Parameter counts
and losses are Keras'; the discriminator's and generator's terms are binary cross-entropies.
"""

import math

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, ShortAnswer, SingleChoice, T, ref


# -- variants -------------------------------------------------------------------------------
def autoencoder_variant(rng):
    n = rng.choice([64, 100, 256, 784])
    hidden = rng.choice([h for h in (16, 32, 64, 128) if h < n])
    code = rng.choice([b for b in (2, 4, 8, 16) if b < hidden])
    return {"n": n, "hidden": hidden, "code": code}


def _ae_sizes(p):
    return [p["n"], p["hidden"], p["code"], p["hidden"], p["n"]]


def autoencoder_key(p):
    sizes = _ae_sizes(p)
    return sum(ref.dense_params(a, b) for a, b in zip(sizes, sizes[1:]))


def autoencoder_by_hand(p):
    sizes = _ae_sizes(p)
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))


def reconstruction_variant(rng):
    x = tuple(rng.uniform(0, 1, 1) for _ in range(4))
    x_hat = tuple(round(min(1.0, max(0.0, v + rng.choice([-0.3, -0.2, -0.1, 0.0, 0.1, 0.2]))), 1) for v in x)
    return {"x": x, "x_hat": x_hat}


def reconstruction_by_hand(p):
    return sum((a - b) ** 2 for a, b in zip(p["x"], p["x_hat"])) / len(p["x"])


def discriminator_variant(rng):
    return {"real": rng.uniform(0.55, 0.95, 2), "fake": rng.uniform(0.05, 0.45, 2)}


def discriminator_by_hand(p):
    return -(math.log(p["real"]) + math.log(1 - p["fake"]))


def generator_variant(rng):
    return {"fake": rng.uniform(0.05, 0.95, 2)}


# -- questions ------------------------------------------------------------------------------
QUESTIONS = [
    SingleChoice(
        "autoencoder_ziel", title=T("Ziel eines Autoencoders", "Goal of an autoencoder"),
        text=T("Was ist das Trainingsziel eines traditionellen Autoencoders?",
               "What is the training goal of a traditional autoencoder?"),
        options=[Option(T("Die Eingabe über einen kleinen Code (Bottleneck) möglichst gut als Ausgabe "
                          "wiederherzustellen.", "To reconstruct the input as output as well as possible through a "
                          "small code (bottleneck)."), True),
                 Option(T("Die Klasse jedes Eingabebildes vorherzusagen.", "To predict the class of every input "
                          "image.")),
                 Option(T("Echte von künstlichen Daten zu unterscheiden.", "To tell real from fake data.")),
                 Option(T("Die Eingabe auf möglichst viele Dimensionen zu vergrößern.", "To enlarge the input to "
                          "as many dimensions as possible."))]),
    SingleChoice(
        "selbstueberwacht", title=T("Einordnung des Autoencoders", "Category of the autoencoder"),
        text=T("In welche Kategorie wird der Autoencoder eingeordnet, weil die Eingabe selbst als Ziel dient?",
               "Which category does the autoencoder belong to, because the input itself serves as the target?"),
        options=[Option(T("Self-supervised Learning", "Self-supervised learning"), True),
                 Option(T("Reinforcement Learning", "Reinforcement learning")),
                 Option(T("Supervised Learning mit manuell gelabelten Daten", "Supervised learning with hand-"
                          "labelled data")),
                 Option(T("Transfer Learning", "Transfer learning"))]),
    MultipleChoice(
        "bottleneck", points=2, title=T("Das Bottleneck", "The bottleneck"),
        text=T("Welche Aussagen über das Bottleneck eines Autoencoders stimmen?",
               "Which statements about the bottleneck of an autoencoder are true?"),
        options=[
            Option(T("Ist es zu klein, geht zu viel Information verloren.", "If it is too small, too much "
                     "information is lost."), True),
            Option(T("Ist es zu groß, ist der Nutzen gering (kaum Komprimierung).", "If it is too large, it is of "
                     "little use (hardly any compression)."), True),
            Option(T("Der Decoder rekonstruiert die Eingabe allein aus dem Code im Bottleneck.",
                     "The decoder reconstructs the input from the code in the bottleneck alone."), True),
            Option(T("Das Bottleneck muss größer sein als die Eingabe.", "The bottleneck must be larger than the "
                     "input."), False),
            Option(T("Für das Training braucht man zu jedem Bild ein Klassenlabel.", "Training needs a class label "
                     "for every image."), False),
        ]),
    Numeric(
        "autoencoder_parameter", points=2, params=autoencoder_variant,
        title=T("Parameter eines Autoencoders", "Parameters of an autoencoder"),
        text=lambda p: T(
            f"Ein dichter Autoencoder für Eingaben mit {p['n']} Werten: Encoder `Dense({p['hidden']})` → "
            f"`Dense({p['code']})` (Bottleneck), Decoder `Dense({p['hidden']})` → `Dense({p['n']})`, alle mit "
            "Bias. Wie viele lernbare Parameter hat er?",
            f"A dense autoencoder for inputs with {p['n']} values: encoder `Dense({p['hidden']})` → "
            f"`Dense({p['code']})` (bottleneck), decoder `Dense({p['hidden']})` → `Dense({p['n']})`, all with bias. "
            "How many trainable parameters does it have?"),
        key=autoencoder_key, formula=autoencoder_by_hand,
        explain=lambda p: T(" + ".join(f"({a}·{b} + {b})" for a, b in zip(_ae_sizes(p), _ae_sizes(p)[1:]))
                            + f" = {autoencoder_by_hand(p)}.",
                            " + ".join(f"({a}·{b} + {b})" for a, b in zip(_ae_sizes(p), _ae_sizes(p)[1:]))
                            + f" = {autoencoder_by_hand(p)}.")),
    Numeric(
        "rekonstruktion", points=2, atol=1e-3, params=reconstruction_variant,
        title=T("Rekonstruktionsfehler", "Reconstruction error"),
        text=lambda p: T(f"Eingabe x = {p['x']}, Rekonstruktion x̂ = {p['x_hat']}. Wie groß ist der "
                         "Rekonstruktionsfehler als mittlerer quadratischer Fehler (MSE)?",
                         f"Input x = {p['x']}, reconstruction x̂ = {p['x_hat']}. What is the reconstruction error "
                         "as mean squared error (MSE)?"),
        key=lambda p: ref.mse(p["x"], p["x_hat"]),
        formula=reconstruction_by_hand,
        explain=lambda p: T(f"Mittel der quadrierten Differenzen: {reconstruction_by_hand(p):.4f}.",
                            f"Mean of the squared differences: {reconstruction_by_hand(p):.4f}.")),
    SingleChoice(
        "diskriminativ", title=T("Generativ oder diskriminativ", "Generative or discriminative"),
        text=T("Was modelliert ein **diskriminatives** Modell?", "What does a **discriminative** model model?"),
        options=[Option(T("Die bedingte Wahrscheinlichkeit p(Y | X)", "The conditional probability p(Y | X)"),
                        True),
                 Option(T("Die gemeinsame Verteilung p(X, Y) bzw. p(X)", "The joint distribution p(X, Y) or p(X)")),
                 Option(T("Nur die Verteilung p(X) der Eingaben", "Only the distribution p(X) of the inputs")),
                 Option(T("Einen stochastischen Prozess, der neue Samples erzeugt", "A stochastic process that "
                          "generates new samples"))]),
    SingleChoice(
        "implizit", title=T("GANs als generative Modelle", "GANs as generative models"),
        text=T("Zu welcher Klasse generativer Modelle gehören GANs?", "Which class of generative models do GANs "
               "belong to?"),
        options=[Option(T("Implizite Modelle: sie definieren einen stochastischen Prozess, mit dem sich Samples "
                          "erzeugen lassen.", "Implicit models: they define a stochastic process that generates "
                          "samples."), True),
                 Option(T("Explizite Modelle: sie spezifizieren die Dichte p(X, Y) direkt.",
                          "Explicit models: they specify the density p(X, Y) directly.")),
                 Option(T("Diskriminative Modelle für p(Y | X)", "Discriminative models for p(Y | X)")),
                 Option(T("Clustering-Modelle", "Clustering models"))]),
    MultipleChoice(
        "gan_aussagen", points=2, title=T("GAN-Training", "GAN training"),
        text=T("Welche Aussagen über Generative Adversarial Networks (Goodfellow et al., 2014) stimmen?",
               "Which statements about generative adversarial networks (Goodfellow et al., 2014) are true?"),
        options=[
            Option(T("Es werden zwei Netze trainiert: ein Generator und ein Diskriminator.",
                     "Two networks are trained: a generator and a discriminator."), True),
            Option(T("Der Diskriminator ist ein Klassifizierer für echt oder gefälscht.",
                     "The discriminator is a classifier for real or fake."), True),
            Option(T("Diskriminator und Generator werden abwechselnd trainiert.",
                     "Discriminator and generator are trained alternately."), True),
            Option(T("Der Generator bekommt die echten Trainingsbilder als Eingabe.",
                     "The generator receives the real training images as input."), False),
            Option(T("Der Generator maximiert log(1 − D(G(z))).", "The generator maximises log(1 − D(G(z)))."),
                   False),
        ]),
    Numeric(
        "diskriminator_loss", points=2, atol=0.005, params=discriminator_variant,
        title=T("Loss des Diskriminators", "Loss of the discriminator"),
        text=lambda p: T(
            f"Der Diskriminator gibt für ein echtes Beispiel D(x) = {p['real']} und für ein gefälschtes "
            f"D(G(z)) = {p['fake']} aus. Er maximiert log D(x) + log(1 − D(G(z))), d. h. er minimiert die binäre "
            "Kreuzentropie mit den Labels 1 (echt) und 0 (gefälscht). Wie groß ist die Summe der beiden "
            "Kreuzentropien −[log D(x) + log(1 − D(G(z)))] (natürlicher Logarithmus, 3 Nachkommastellen)?",
            f"The discriminator outputs D(x) = {p['real']} for a real example and D(G(z)) = {p['fake']} for a fake "
            "one. It maximises log D(x) + log(1 − D(G(z))), i.e. it minimises the binary cross-entropy with labels "
            "1 (real) and 0 (fake). What is the sum of both cross-entropies −[log D(x) + log(1 − D(G(z)))] "
            "(natural logarithm, 3 decimals)?"),
        key=lambda p: sum(ref.binary_crossentropy_terms((1.0, 0.0), (p["real"], p["fake"]))),
        formula=discriminator_by_hand,
        explain=lambda p: T(f"−(ln {p['real']} + ln {round(1 - p['fake'], 2)}) = {discriminator_by_hand(p):.3f}.",
                            f"−(ln {p['real']} + ln {round(1 - p['fake'], 2)}) = {discriminator_by_hand(p):.3f}.")),
    Numeric(
        "generator_term", atol=0.005, params=generator_variant, title=T("Loss des Generators", "Loss of the generator"),
        text=lambda p: T(f"Der Generator minimiert log(1 − D(G(z))). Welchen Wert hat dieser Term für "
                         f"D(G(z)) = {p['fake']} (natürlicher Logarithmus, 3 Nachkommastellen)?",
                         f"The generator minimises log(1 − D(G(z))). What is the value of this term for "
                         f"D(G(z)) = {p['fake']} (natural logarithm, 3 decimals)?"),
        key=lambda p: -ref.binary_crossentropy_terms((0.0,), (p["fake"],))[0],
        formula=lambda p: math.log(1 - p["fake"]),
        explain=lambda p: T(f"ln(1 − {p['fake']}) = ln {round(1 - p['fake'], 2)} = {math.log(1 - p['fake']):.3f}; "
                            "je besser der Generator täuscht (D(G(z)) → 1), desto kleiner.",
                            f"ln(1 − {p['fake']}) = ln {round(1 - p['fake'], 2)} = {math.log(1 - p['fake']):.3f}; "
                            "the better the generator fools (D(G(z)) → 1), the smaller.")),
    ShortAnswer(
        "gan_name", title=T("Abkürzung GAN", "The abbreviation GAN"),
        text=T("Wofür steht die Abkürzung GAN?", "What does the abbreviation GAN stand for?"),
        accept=[r"generative adversarial (networks?|netze?|netzwerke?)"], example="Generative Adversarial Network"),
]

QUIZ = Quiz(
    "q6_generative", T("Quiz 6: Generative Modelle", "Quiz 6: Generative models"), QUESTIONS,
    intro=T("Zu Autoencodern und GANs (Tag 3, Übung 07).", "On autoencoders and GANs (day 3, exercise 07)."))
