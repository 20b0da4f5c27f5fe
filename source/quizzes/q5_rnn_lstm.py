"""Quiz 5 – RNNs und LSTMs: rekurrente Neuronen, Aufrollen in der Zeit, BPTT, instabile Gradienten,
``return_sequences``, die LSTM-Zelle mit Forget-, Input- und Output-Gate.

Source: day 2 of the course (seed 001, "Deep Neural Networks (RNNs + LSTMs)"). The seed's LSTM
wrap-up says the forget gate "controls what is added to the cell state"; the quiz follows the
gate equations instead (the forget gate multiplies C_{t-1}, the input gate adds). Parameter
counts, output shapes, the cell step and the window count are Keras'.
"""

import math

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, Rule, ShortAnswer, SingleChoice, T, ref


# -- variants -------------------------------------------------------------------------------
def recurrent_variant(rng):
    return {"d": rng.choice([1, 2, 3, 4, 5, 8, 12]), "units": rng.choice([4, 5, 8, 16, 20, 32, 50, 64])}


def lstm_by_hand(p):
    return 4 * (p["units"] * (p["units"] + p["d"]) + p["units"])


def rnn_by_hand(p):
    return p["units"] * (p["units"] + p["d"]) + p["units"]


def stacked_variant(rng):
    return {"t": rng.choice([7, 10, 12, 24, 30, 50]), "d": rng.choice([1, 2, 3, 5]),
            "u1": rng.choice([16, 20, 32, 50, 64]), "u2": rng.choice([8, 10, 16, 32])}


def cell_variant(rng):
    return {"f": rng.uniform(0.1, 0.9, 1), "i": rng.uniform(0.1, 0.9, 1), "o": rng.uniform(0.1, 0.9, 1),
            "c_tilde": rng.choice([-0.8, -0.6, -0.5, -0.4, -0.2, 0.2, 0.4, 0.5, 0.6, 0.8]),
            "c_prev": rng.choice([-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0])}


def cell_by_hand(p):
    c = p["f"] * p["c_prev"] + p["i"] * p["c_tilde"]
    return (c, p["o"] * math.tanh(c))


def windows_variant(rng):
    return {"n": rng.choice([24, 36, 48, 60, 100, 120]), "w": rng.choice([4, 6, 8, 12]), "h": rng.choice([1, 2])}


# -- questions ------------------------------------------------------------------------------
QUESTIONS = [
    SingleChoice(
        "rnn_eingaben", title=T("Eingaben eines rekurrenten Neurons", "Inputs of a recurrent neuron"),
        text=T("Was geht in ein einfaches rekurrentes Neuron zum Zeitpunkt t hinein?",
               "What goes into a simple recurrent neuron at time t?"),
        options=[Option(T("Die aktuelle Eingabe xₜ und der vorherige Hidden State hₜ₋₁", "The current input xₜ and "
                          "the previous hidden state hₜ₋₁"), True),
                 Option(T("Nur die aktuelle Eingabe xₜ", "Only the current input xₜ")),
                 Option(T("Alle Eingaben x₁ … x_T gleichzeitig, ohne Zustand", "All inputs x₁ … x_T at once, "
                          "without state")),
                 Option(T("Nur der vorherige Hidden State hₜ₋₁", "Only the previous hidden state hₜ₋₁"))]),
    SingleChoice(
        "hidden_start", title=T("Der erste Hidden State", "The first hidden state"),
        text=T("Zum ersten Zeitschritt gibt es noch keinen Hidden State. Womit wird er (auch in Keras) "
               "initialisiert?",
               "At the first time step there is no hidden state yet. What is it initialised with (also in "
               "Keras)?"),
        options=[Option(T("Mit Nullen", "With zeros"), True), Option(T("Mit Zufallszahlen", "With random numbers")),
                 Option(T("Mit der ersten Eingabe x₁", "With the first input x₁")),
                 Option(T("Mit Einsen", "With ones"))]),
    ShortAnswer(
        "bptt", title=T("Training aufgerollter RNNs", "Training unrolled RNNs"),
        text=T("Wie heißt das Verfahren, mit dem in der Zeit aufgerollte RNNs trainiert werden (ausgeschrieben "
               "oder abgekürzt)?",
               "What is the method called that trains RNNs unrolled in time (spelled out or abbreviated)?"),
        accept=[r"bptt", r"back[- ]?propagation through time( \(bptt\))?"],
        reject=[Rule(r"back[- ]?propagation", 0.5, T("Fast: gemeint ist die Variante für aufgerollte Netze.",
                                                     "Almost: the variant for unrolled networks is meant."))],
        example="Backpropagation Through Time (BPTT)"),
    MultipleChoice(
        "gradienten", points=2, title=T("Instabile Gradienten", "Unstable gradients"),
        text=T("Welche Aussagen über das Training von RNNs stimmen?", "Which statements about training RNNs are "
               "true?"),
        options=[
            Option(T("Wie tiefe Feedforward-Netze leiden RNNs unter verschwindenden oder explodierenden "
                     "Gradienten.", "Like deep feed-forward networks, RNNs suffer from vanishing or exploding "
                     "gradients."), True),
            Option(T("LSTMs speichern Informationen im Cell State, um das Kurzzeitgedächtnis-Problem einfacher "
                     "RNNs zu mildern.", "LSTMs store information in the cell state to ease the short-term "
                     "memory problem of simple RNNs."), True),
            Option(T("Die Loss-Funktion darf einzelne Ausgaben der aufgerollten Zeitschritte ignorieren.",
                     "The loss function may ignore some outputs of the unrolled time steps."), True),
            Option(T("Aufgerollte RNNs brauchen ein völlig anderes Lernprinzip als Backpropagation.",
                     "Unrolled RNNs need a learning principle completely different from backpropagation."), False),
            Option(T("Jeder Zeitschritt hat eigene, nicht geteilte Gewichte.", "Every time step has its own, "
                     "unshared weights."), False),
        ]),
    ShortAnswer(
        "return_sequences", title=T("LSTM-Schichten stapeln", "Stacking LSTM layers"),
        text=T("Welches Schlüsselwort-Argument muss man in Keras bei einer `LSTM`-Schicht setzen, damit sie eine "
               "ganze Sequenz zurückgibt und eine weitere rekurrente Schicht folgen kann? (Antwort z. B. als "
               "`\"argument=True\"`)",
               "Which keyword argument must be set on a Keras `LSTM` layer so that it returns a whole sequence and "
               "another recurrent layer can follow? (answer e.g. as `\"argument=True\"`)"),
        accept=[r"return_sequences( ?= ?true)?"], reject=[Rule(r"return_state( ?= ?true)?", 0.0)],
        example="return_sequences=True"),
    Numeric(
        "lstm_sequenz_form", points=2, size=2, shape=True, params=stacked_variant,
        title=T("Ausgabeform mit return_sequences", "Output shape with return_sequences"),
        text=lambda p: T(
            f"Ein Modell erhält Sequenzen der Form ({p['t']}, {p['d']}) (Zeitschritte, Merkmale): "
            f"`LSTM({p['u1']}, return_sequences=True)`, dann `LSTM({p['u2']})`, dann `Dense(1)`. Welche Form hat "
            "die Ausgabe der **ersten** LSTM-Schicht (ohne Batch-Dimension)?",
            f"A model receives sequences of shape ({p['t']}, {p['d']}) (time steps, features): "
            f"`LSTM({p['u1']}, return_sequences=True)`, then `LSTM({p['u2']})`, then `Dense(1)`. What is the "
            "output shape of the **first** LSTM layer (without the batch axis)?"),
        key=lambda p: ref.recurrent_output_shape("LSTM", p["t"], p["d"], p["u1"], True),
        formula=lambda p: (p["t"], p["u1"]),
        explain=lambda p: T(f"Mit `return_sequences=True` gibt es einen Ausgang je Zeitschritt: ({p['t']}, "
                            f"{p['u1']}); die zweite LSTM-Schicht gibt nur den letzten aus: ({p['u2']},).",
                            f"With `return_sequences=True` there is one output per time step: ({p['t']}, "
                            f"{p['u1']}); the second LSTM layer returns only the last one: ({p['u2']},).")),
    Numeric(
        "lstm_parameter", points=2, params=recurrent_variant, title=T("Parameter einer LSTM-Schicht",
                                                                     "Parameters of an LSTM layer"),
        text=lambda p: T(f"Wie viele lernbare Parameter hat `LSTM({p['units']})` auf Sequenzen mit {p['d']} "
                         "Merkmalen je Zeitschritt? (Zur Kontrolle: `LSTM(5)` auf 4 Merkmalen hat 200.)",
                         f"How many trainable parameters does `LSTM({p['units']})` have on sequences with "
                         f"{p['d']} features per time step? (Check: `LSTM(5)` on 4 features has 200.)"),
        key=lambda p: ref.recurrent_params("LSTM", p["d"], p["units"]),
        formula=lstm_by_hand,
        explain=lambda p: T(f"Vier Blöcke (i, f, C̃, o), je Units·(Units + Merkmale) + Units: "
                            f"4·({p['units']}·({p['units']} + {p['d']}) + {p['units']}) = {lstm_by_hand(p)}.",
                            f"Four blocks (i, f, C̃, o), each units·(units + features) + units: "
                            f"4·({p['units']}·({p['units']} + {p['d']}) + {p['units']}) = {lstm_by_hand(p)}.")),
    Numeric(
        "rnn_parameter", params=recurrent_variant, title=T("Parameter einer SimpleRNN-Schicht",
                                                           "Parameters of a SimpleRNN layer"),
        text=lambda p: T(f"Und `SimpleRNN({p['units']})` auf {p['d']} Merkmalen je Zeitschritt: wie viele lernbare "
                         "Parameter?",
                         f"And `SimpleRNN({p['units']})` on {p['d']} features per time step: how many trainable "
                         "parameters?"),
        key=lambda p: ref.recurrent_params("SimpleRNN", p["d"], p["units"]),
        formula=rnn_by_hand,
        explain=lambda p: T(f"W (Eingabe) + U (rekurrent) + b: {p['units']}·{p['d']} + {p['units']}·{p['units']} + "
                            f"{p['units']} = {rnn_by_hand(p)}.",
                            f"W (input) + U (recurrent) + b: {p['units']}·{p['d']} + {p['units']}·{p['units']} + "
                            f"{p['units']} = {rnn_by_hand(p)}.")),
    SingleChoice(
        "forget_gate", title=T("Das Forget Gate", "The forget gate"),
        text=T("Was macht das Forget Gate $f_t = \\sigma(W_f\\cdot[h_{t-1}, x_t] + b_f)$ einer LSTM-Zelle?",
               "What does the forget gate $f_t = \\sigma(W_f\\cdot[h_{t-1}, x_t] + b_f)$ of an LSTM cell do?"),
        options=[
            Option(T("Es multipliziert den alten Cell State $C_{t-1}$ elementweise mit Werten in (0, 1) und "
                     "bestimmt so, was vergessen wird (0) und was erhalten bleibt (1).",
                     "It multiplies the old cell state $C_{t-1}$ element-wise by values in (0, 1) and so decides "
                     "what is forgotten (0) and what is kept (1)."), True),
            Option(T("Es bestimmt, welche neuen Informationen zum Cell State addiert werden.",
                     "It decides which new information is added to the cell state."), False),
            Option(T("Es bestimmt, welcher Teil des Cell State als hₜ ausgegeben wird.",
                     "It decides which part of the cell state is output as hₜ."), False),
            Option(T("Es setzt den Hidden State nach jeder Sequenz auf null zurück.",
                     "It resets the hidden state to zero after every sequence."), False),
        ]),
    Numeric(
        "zellzustand", points=2, size=2, partial=True, atol=1e-3, params=cell_variant,
        title=T("Ein Schritt der LSTM-Zelle", "One step of the LSTM cell"),
        hint=T("ein Tupel (Cₜ, hₜ) mit mindestens 3 Nachkommastellen", "a tuple (Cₜ, hₜ) with at least 3 decimals"),
        text=lambda p: T(
            f"In einem LSTM-Schritt haben die Gates die Werte fₜ = {p['f']}, iₜ = {p['i']}, oₜ = {p['o']}, der "
            f"Kandidat ist C̃ₜ = {p['c_tilde']} und der alte Cell State Cₜ₋₁ = {p['c_prev']} (eine Einheit). "
            "Berechnen Sie den neuen Cell State Cₜ und den Ausgang hₜ.",
            f"In one LSTM step the gates have the values fₜ = {p['f']}, iₜ = {p['i']}, oₜ = {p['o']}, the "
            f"candidate is C̃ₜ = {p['c_tilde']} and the old cell state Cₜ₋₁ = {p['c_prev']} (one unit). Compute "
            "the new cell state Cₜ and the output hₜ."),
        key=lambda p: ref.lstm_cell_state(p["f"], p["i"], p["c_tilde"], p["o"], p["c_prev"]),
        formula=cell_by_hand,
        explain=lambda p: T(f"Cₜ = fₜ·Cₜ₋₁ + iₜ·C̃ₜ = {p['f']}·{p['c_prev']} + {p['i']}·{p['c_tilde']} = "
                            f"{cell_by_hand(p)[0]:.4f}; hₜ = oₜ·tanh(Cₜ) = {cell_by_hand(p)[1]:.4f}.",
                            f"Cₜ = fₜ·Cₜ₋₁ + iₜ·C̃ₜ = {p['f']}·{p['c_prev']} + {p['i']}·{p['c_tilde']} = "
                            f"{cell_by_hand(p)[0]:.4f}; hₜ = oₜ·tanh(Cₜ) = {cell_by_hand(p)[1]:.4f}.")),
    MultipleChoice(
        "lstm_gates", points=2, title=T("Die Gates der LSTM-Zelle", "The gates of the LSTM cell"),
        text=T("Welche Gates (Sigmoid-Schichten) besitzt eine LSTM-Zelle?", "Which gates (sigmoid layers) does an "
               "LSTM cell have?"),
        options=[Option(T("Forget Gate", "Forget gate"), True), Option(T("Input Gate", "Input gate"), True),
                 Option(T("Output Gate", "Output gate"), True), Option(T("Reset Gate", "Reset gate"), False),
                 Option(T("Pooling Gate", "Pooling gate"), False)]),
    SingleChoice(
        "keras_reihenfolge", title=T("Gate-Reihenfolge in Keras", "Gate order in Keras"),
        text=T("In welcher Reihenfolge liegen die vier Blöcke in den Gewichten `kernel`, `recurrent_kernel` und "
               "`bias` einer Keras-`LSTM`-Schicht?",
               "In which order are the four blocks stored in the weights `kernel`, `recurrent_kernel` and `bias` "
               "of a Keras `LSTM` layer?"),
        options=[Option("i, f, c, o (Input, Forget, Kandidat C̃, Output)", True),
                 Option("f, i, c, o (Forget, Input, Kandidat C̃, Output)"),
                 Option("i, f, o, c (Input, Forget, Output, Kandidat C̃)"),
                 Option("f, i, o, c (Forget, Input, Output, Kandidat C̃)")]),
    Numeric(
        "fenster", params=windows_variant, title=T("Fenster einer Zeitreihe", "Windows of a time series"),
        text=lambda p: T(
            f"Aus einer Zeitreihe mit {p['n']} Werten werden Trainingsbeispiele geschnitten: jeweils {p['w']} "
            f"aufeinanderfolgende Werte als Eingabe und die {p['h']} darauffolgenden als Ziel (Schrittweite 1, "
            "nur vollständige Fenster). Wie viele Beispiele entstehen?",
            f"Training examples are cut from a time series of {p['n']} values: {p['w']} consecutive values as "
            f"input and the following {p['h']} as target (stride 1, complete windows only). How many examples "
            "are there?"),
        key=lambda p: ref.window_count(p["n"], p["w"] + p["h"]),
        formula=lambda p: p["n"] - p["w"] - p["h"] + 1,
        explain=lambda p: T(f"Ein Beispiel braucht {p['w']} + {p['h']} Werte: {p['n']} − {p['w'] + p['h']} + 1 = "
                            f"{p['n'] - p['w'] - p['h'] + 1}.",
                            f"One example needs {p['w']} + {p['h']} values: {p['n']} − {p['w'] + p['h']} + 1 = "
                            f"{p['n'] - p['w'] - p['h'] + 1}.")),
]

QUIZ = Quiz(
    "q5_rnn_lstm", T("Quiz 5: RNNs und LSTMs", "Quiz 5: RNNs and LSTMs"), QUESTIONS,
    intro=T("Zu rekurrenten Netzen und LSTMs (Tag 2, Übung 06).", "On recurrent networks and LSTMs (day 2, "
            "exercise 06)."))
