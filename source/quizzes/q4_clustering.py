"""Quiz 4 – Clustering: k-Means (Algorithmus, euklidische Distanz, SSE, Ellenbogenkriterium) und DBSCAN
(Kern-, Rand- und Rauschpunkte, Probleme bei variierender Dichte).

Source: day 2 of the course (seed 001, "Klassisches Unsupervised Learning"). Every student gets
their own small data sets; the k-means step and the DBSCAN point types are scikit-learn's
(``ref``), checked by the tests against the hand calculation of the slides.
"""

import math

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, ShortAnswer, SingleChoice, T, ref


def _points(points, name="P") -> str:
    return ", ".join(f"{name}{i + 1} = ({x}, {y})" for i, (x, y) in enumerate(points))


def _d2(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b))


# -- k-means: one data set per student, shared by three questions ---------------------------
def kmeans_data(rng):
    """9 points, 3 start centroids; the nearest centroid is always unambiguous, no cluster is empty,
    and the assignment does not change after the first update (so "SSE after the step" is unique)."""
    for _ in range(10_000):
        centres = [(rng.integer(1, 11), rng.integer(1, 11)) for _ in range(3)]
        if min(_d2(a, b) for i, a in enumerate(centres) for b in centres[i + 1:]) < 30:
            continue
        points = []
        for cx, cy in centres:
            for _ in range(3):
                points.append((cx + rng.integer(-2, 2), cy + rng.integer(-2, 2)))
        start = [(cx + rng.integer(-2, 2), cy + rng.integer(-2, 2)) for cx, cy in centres]
        if len(set(points)) < len(points) or len(set(start)) < 3:
            continue
        labels = kmeans_assign_by_hand(points, start)
        if labels is None or len(set(labels)) < 3:
            continue
        means = kmeans_means(points, labels)
        if kmeans_assign_by_hand(points, means, margin=0.5) != labels or means == [tuple(map(float, s)) for s in start]:
            continue
        return {"points": tuple(points), "start": tuple(start), "ask_point": rng.integer(0, 8),
                "ask_centroid": rng.integer(0, 2)}
    raise RuntimeError("no k-means data set found")


def kmeans_assign_by_hand(points, centroids, margin=2.0):
    labels = []
    for p in points:
        d = sorted((_d2(p, c), j) for j, c in enumerate(centroids))
        if d[1][0] - d[0][0] < margin:
            return None
        labels.append(d[0][1])
    return labels


def kmeans_means(points, labels):
    out = []
    for j in range(3):
        members = [p for p, label in zip(points, labels) if label == j]
        out.append(tuple(sum(v) / len(members) for v in zip(*members)))
    return out


def kmeans_sse_by_hand(p):
    labels = kmeans_assign_by_hand(p["points"], p["start"])
    means = kmeans_means(p["points"], labels)
    return sum(_d2(x, means[label]) for x, label in zip(p["points"], labels))


def _kmeans_text(p) -> tuple[str, str]:
    centroids = ", ".join(f"μ{j + 1} = ({x}, {y})" for j, (x, y) in enumerate(p["start"]))
    return (f"k-Means mit k = 3 auf den Punkten {_points(p['points'])} mit den Startzentroiden {centroids} "
            "(euklidische Distanz).",
            f"k-means with k = 3 on the points {_points(p['points'])} with the start centroids {centroids} "
            "(Euclidean distance).")


def _new_centroid(p):
    labels = kmeans_assign_by_hand(p["points"], p["start"])
    return kmeans_means(p["points"], labels)[p["ask_centroid"]]


def _members(p) -> str:
    labels = kmeans_assign_by_hand(p["points"], p["start"])
    return ", ".join(f"P{i + 1}" for i, label in enumerate(labels) if label == p["ask_centroid"])


# -- DBSCAN: one data set per student, shared by two questions ------------------------------
def dbscan_data(rng):
    """Integer points with core, border and noise points; ε never equals a distance."""
    for _ in range(10_000):
        eps, min_samples = rng.choice([1.5, 2.5]), rng.choice([3, 4])
        reach = 1 if eps == 1.5 else 2
        points = []
        for _ in range(rng.choice([1, 2])):
            cx, cy = rng.integer(reach, 10 - reach), rng.integer(reach, 10 - reach)
            points.append((cx, cy))
            for _ in range(rng.integer(min_samples, min_samples + 2)):
                points.append((cx + rng.integer(-reach, reach), cy + rng.integer(-reach, reach)))
        for _ in range(rng.integer(2, 4)):
            points.append((rng.integer(0, 10), rng.integer(0, 10)))
        points = tuple(rng.shuffled(list(dict.fromkeys(points))))
        if not 7 <= len(points) <= 12:
            continue
        types, _ = dbscan_by_hand(points, eps, min_samples)
        present = sorted(set(types))
        if present != ["border", "core", "noise"]:
            continue
        wanted = rng.choice(present)
        ask = rng.choice([i for i, t in enumerate(types) if t == wanted])
        return {"points": points, "eps": eps, "min_samples": min_samples, "ask": ask}
    raise RuntimeError("no DBSCAN data set found")


def dbscan_by_hand(points, eps, min_samples):
    """Point types and number of clusters by the definition (as in scikit-learn)."""
    near = [[j for j, q in enumerate(points) if math.dist(p, q) <= eps] for p in points]
    core = [len(n) >= min_samples for n in near]
    types = ["core" if core[i] else ("border" if any(core[j] for j in near[i]) else "noise")
             for i in range(len(points))]
    seen, clusters = set(), 0
    for i in range(len(points)):
        if core[i] and i not in seen:
            clusters += 1
            stack = [i]
            while stack:
                j = stack.pop()
                if j in seen:
                    continue
                seen.add(j)
                stack += [k for k in near[j] if core[k] and k not in seen]
    return types, clusters


DBSCAN_RULES = T("Wie in scikit-learn: Ein Punkt ist **Kernpunkt**, wenn mindestens `min_samples` Punkte (er selbst "
                 "mitgezählt) höchstens ε von ihm entfernt sind; ein **Randpunkt** ist kein Kernpunkt, liegt aber "
                 "höchstens ε von einem Kernpunkt entfernt; alle übrigen Punkte sind **Rauschen**.",
                 "As in scikit-learn: a point is a **core point** if at least `min_samples` points (itself "
                 "included) are at most ε away from it; a **border point** is not a core point but lies at most ε "
                 "from a core point; all other points are **noise**.")


def _dbscan_text(p) -> T:
    return T(f"DBSCAN mit ε = {p['eps']} und `min_samples = {p['min_samples']}` auf den Punkten "
             f"{_points(p['points'])}. ", f"DBSCAN with ε = {p['eps']} and `min_samples = {p['min_samples']}` on the "
             f"points {_points(p['points'])}. ") + DBSCAN_RULES


def _neighbours(p) -> str:
    target = p["points"][p["ask"]]
    near = [f"P{j + 1}" for j, q in enumerate(p["points"]) if math.dist(target, q) <= p["eps"]]
    return ", ".join(near)


TYPE_NAMES = {"core": T("Kernpunkt", "core point"), "border": T("Randpunkt", "border point"),
              "noise": T("Rauschen", "noise")}


def distance_variant(rng):
    return {"a": tuple(rng.integer(0, 9) for _ in range(3)), "b": tuple(rng.integer(0, 9) for _ in range(3))}


# -- questions ------------------------------------------------------------------------------
QUESTIONS = [
    SingleChoice(
        "kmeans_k", title=T("Was k-Means vorab braucht", "What k-means needs in advance"),
        text=T("Was muss bei k-Means vor dem Start festgelegt werden?", "What must be fixed before k-means starts?"),
        options=[Option(T("Die Anzahl der Cluster k", "The number of clusters k"), True),
                 Option(T("Der Radius ε und die Mindestzahl an Punkten", "The radius ε and the minimum number of "
                          "points")),
                 Option(T("Die Labels der Trainingsdaten", "The labels of the training data")),
                 Option(T("Die Anzahl der Ausreißer", "The number of outliers"))]),
    Numeric(
        "distanz", atol=0.01, params=distance_variant, title=T("Euklidische Distanz", "Euclidean distance"),
        text=lambda p: T(f"Wie groß ist die euklidische Distanz d(x, y) zwischen x = {p['a']} und y = {p['b']} "
                         "(auf 2 Nachkommastellen)?",
                         f"What is the Euclidean distance d(x, y) between x = {p['a']} and y = {p['b']} (to 2 "
                         "decimals)?"),
        key=lambda p: ref.euclidean(p["a"], p["b"]),
        formula=lambda p: math.dist(p["a"], p["b"]),
        explain=lambda p: T(f"d = √({' + '.join(f'({x} − {y})²' for x, y in zip(p['a'], p['b']))}) = "
                            f"√{int(_d2(p['a'], p['b']))} ≈ {math.dist(p['a'], p['b']):.2f}.",
                            f"d = √({' + '.join(f'({x} − {y})²' for x, y in zip(p['a'], p['b']))}) = "
                            f"√{int(_d2(p['a'], p['b']))} ≈ {math.dist(p['a'], p['b']):.2f}.")),
    SingleChoice(
        "kmeans_zuordnung", params=kmeans_data, seed_key="kmeans_daten", shuffle=False,
        title=T("k-Means: Zuordnung eines Punktes", "k-means: assigning a point"),
        text=lambda p: T(_kmeans_text(p)[0] + f" Schritt 2 des Algorithmus: Welchem Startzentroiden wird "
                         f"P{p['ask_point'] + 1} zugeordnet?",
                         _kmeans_text(p)[1] + f" Step 2 of the algorithm: to which start centroid is "
                         f"P{p['ask_point'] + 1} assigned?"),
        options=[Option("μ1", id="0"), Option("μ2", id="1"), Option("μ3", id="2")],
        key=lambda p: str(ref.kmeans_assign(p["points"], p["start"])[p["ask_point"]]),
        formula=lambda p: str(kmeans_assign_by_hand(p["points"], p["start"])[p["ask_point"]]),
        explain=lambda p: T("Quadrierte Abstände: " + ", ".join(
            f"zu μ{j + 1}: {_d2(p['points'][p['ask_point']], c):g}" for j, c in enumerate(p["start"])) + "; der "
            "kleinste entscheidet.", "Squared distances: " + ", ".join(
            f"to μ{j + 1}: {_d2(p['points'][p['ask_point']], c):g}" for j, c in enumerate(p["start"])) + "; the "
            "smallest decides.")),
    Numeric(
        "kmeans_update", points=2, size=2, partial=True, atol=0.01, params=kmeans_data, seed_key="kmeans_daten",
        title=T("k-Means: neuer Zentroid", "k-means: new centroid"),
        hint=T("ein Tupel (x, y) mit mindestens 2 Nachkommastellen, z. B. `(4.33, 5.67)`",
               "a tuple (x, y) with at least 2 decimals, e.g. `(4.33, 5.67)`"),
        text=lambda p: T(_kmeans_text(p)[0] + f" Nach Schritt 2 (Zuordnung) und Schritt 3 (Neuberechnung): Wo liegt "
                         f"μ{p['ask_centroid'] + 1} danach?",
                         _kmeans_text(p)[1] + f" After step 2 (assignment) and step 3 (update): where is "
                         f"μ{p['ask_centroid'] + 1} afterwards?"),
        key=lambda p: ref.kmeans_step(p["points"], p["start"])[0][p["ask_centroid"]],
        formula=_new_centroid,
        explain=lambda p: T(f"Mittelwert der zugeordneten Punkte {_members(p)}: "
                            f"({_new_centroid(p)[0]:.2f}, {_new_centroid(p)[1]:.2f}).",
                            f"Mean of the assigned points {_members(p)}: "
                            f"({_new_centroid(p)[0]:.2f}, {_new_centroid(p)[1]:.2f}).")),
    Numeric(
        "kmeans_sse", points=2, atol=0.01, params=kmeans_data, seed_key="kmeans_daten",
        title=T("k-Means: SSE", "k-means: SSE"),
        text=lambda p: T(_kmeans_text(p)[0] + " Wie groß ist nach diesem ersten Schritt (Zuordnung, dann "
                         "Neuberechnung aller Zentroiden) die SSE = Σᵢ Σⱼ w⁽ⁱ'ʲ⁾ ‖x⁽ⁱ⁾ − μ⁽ʲ⁾‖² bezüglich der "
                         "**neuen** Zentroiden (auf 2 Nachkommastellen)?",
                         _kmeans_text(p)[1] + " After this first step (assignment, then update of all centroids), "
                         "what is SSE = Σᵢ Σⱼ w⁽ⁱ'ʲ⁾ ‖x⁽ⁱ⁾ − μ⁽ʲ⁾‖² with respect to the **new** centroids (to 2 "
                         "decimals)?"),
        key=lambda p: ref.kmeans_step(p["points"], p["start"])[1],
        formula=kmeans_sse_by_hand,
        explain=lambda p: T(f"Summe der quadrierten Abstände jedes Punktes zu seinem neuen Zentroiden: "
                            f"{kmeans_sse_by_hand(p):.2f}.",
                            f"Sum of the squared distances of every point to its new centroid: "
                            f"{kmeans_sse_by_hand(p):.2f}.")),
    SingleChoice(
        "ellenbogen", title=T("Ellenbogenkriterium", "Elbow criterion"),
        text=T("Wie wählt man k mit dem Ellenbogenkriterium?", "How is k chosen with the elbow criterion?"),
        options=[Option(T("Man trägt die SSE über k auf und wählt k dort, wo die Kurve deutlich abflacht.",
                          "Plot the SSE over k and choose k where the curve clearly flattens."), True),
                 Option(T("Man wählt das k mit der kleinsten SSE.", "Choose the k with the smallest SSE.")),
                 Option(T("Man wählt k gleich der Anzahl der Merkmale.", "Choose k equal to the number of features.")),
                 Option(T("Man wählt k so, dass jeder Cluster gleich viele Punkte hat.",
                          "Choose k so that every cluster has the same number of points."))]),
    MultipleChoice(
        "kmeans_aussagen", points=2, title=T("Vor- und Nachteile von k-Means", "Pros and cons of k-means"),
        text=T("Welche Aussagen über k-Means stimmen?", "Which statements about k-means are true?"),
        options=[
            Option(T("Jeder Cluster wird durch einen Zentroiden repräsentiert (prototypbasiert).",
                     "Every cluster is represented by a centroid (prototype-based)."), True),
            Option(T("Die Platzierung der Startzentroiden beeinflusst das Ergebnis.",
                     "The placement of the start centroids affects the result."), True),
            Option(T("Ausreißer können die Zentroiden deutlich verschieben.", "Outliers can move the centroids "
                     "considerably."), True),
            Option(T("k-Means bestimmt die Anzahl der Cluster selbst.", "k-means finds the number of clusters by "
                     "itself."), False),
            Option(T("k-Means trennt ineinander verschlungene Halbmonde zuverlässig.",
                     "k-means reliably separates intertwined half-moons."), False),
        ]),
    SingleChoice(
        "dbscan_punkttyp", points=2, params=dbscan_data, seed_key="dbscan_daten", shuffle=False,
        title=T("DBSCAN: Typ eines Punktes", "DBSCAN: type of a point"),
        text=lambda p: _dbscan_text(p) + T(f" Welcher Typ ist P{p['ask'] + 1}?",
                                           f" Which type is P{p['ask'] + 1}?"),
        options=[Option(TYPE_NAMES["core"], id="core"), Option(TYPE_NAMES["border"], id="border"),
                 Option(TYPE_NAMES["noise"], id="noise")],
        key=lambda p: ref.dbscan(p["points"], p["eps"], p["min_samples"])[0][p["ask"]],
        formula=lambda p: dbscan_by_hand(p["points"], p["eps"], p["min_samples"])[0][p["ask"]],
        explain=lambda p: T(f"Höchstens ε von P{p['ask'] + 1} entfernt (inkl. P{p['ask'] + 1}): {_neighbours(p)}.",
                            f"At most ε from P{p['ask'] + 1} (incl. P{p['ask'] + 1}): {_neighbours(p)}.")),
    Numeric(
        "dbscan_cluster", params=dbscan_data, seed_key="dbscan_daten",
        title=T("DBSCAN: Anzahl der Cluster", "DBSCAN: number of clusters"),
        text=lambda p: _dbscan_text(p) + T(" Wie viele Cluster findet DBSCAN?", " How many clusters does DBSCAN "
                                                                                "find?"),
        key=lambda p: ref.dbscan(p["points"], p["eps"], p["min_samples"])[1],
        formula=lambda p: dbscan_by_hand(p["points"], p["eps"], p["min_samples"])[1],
        explain=T("Kernpunkte, die höchstens ε voneinander entfernt sind, gehören zum selben Cluster; Randpunkte "
                  "hängen sich an, Rauschen gehört zu keinem.",
                  "Core points at most ε apart belong to the same cluster; border points attach to it, noise "
                  "belongs to none.")),
    MultipleChoice(
        "dbscan_aussagen", points=2, title=T("Eigenschaften von DBSCAN", "Properties of DBSCAN"),
        text=T("Welche Aussagen über DBSCAN stimmen?", "Which statements about DBSCAN are true?"),
        options=[
            Option(T("Die Anzahl der Cluster muss nicht vorher bekannt sein.",
                     "The number of clusters need not be known beforehand."), True),
            Option(T("Punkte in Regionen geringer Dichte können als Rauschen markiert werden.",
                     "Points in low-density regions can be marked as noise."), True),
            Option(T("Bei Regionen stark unterschiedlicher Dichte kann DBSCAN die Cluster nicht gut trennen.",
                     "With regions of very different density, DBSCAN cannot separate the clusters well."), True),
            Option(T("Ein sehr großes ε führt im Extremfall zu einem einzigen Cluster.",
                     "A very large ε leads in the extreme case to a single cluster."), True),
            Option(T("DBSCAN braucht die Anzahl der Cluster k als Hyperparameter.",
                     "DBSCAN needs the number of clusters k as a hyperparameter."), False),
            Option(T("Ein sehr kleines ε macht alle Punkte zu Kernpunkten.",
                     "A very small ε makes all points core points."), False),
        ]),
    ShortAnswer(
        "anomalie", title=T("Zweite Aufgabe des Unsupervised Learning", "Second task of unsupervised learning"),
        text=T("Neben Clustering nennt die Vorlesung eine zweite Aufgabe des Unsupervised Learning: Kunden mit "
               "unüblichem Bestellverhalten als auffällig kennzeichnen. Wie heißt sie?",
               "Besides clustering, the lecture names a second task of unsupervised learning: flagging customers "
               "with unusual ordering behaviour. What is it called?"),
        accept=[r"anomal(y|ie)[- ]?(detection|erkennung)", r"ausreisser(erkennung|detektion)",
                r"outlier[- ]?detection", r"anomaliedetektion"],
        example="Anomaly Detection"),
]

QUIZ = Quiz(
    "q4_clustering", T("Quiz 4: Clustering", "Quiz 4: Clustering"), QUESTIONS,
    intro=T("Zu k-Means und DBSCAN (Tag 2, Übung 05). Die Datensätze sind für Sie persönlich erzeugt.",
            "On k-means and DBSCAN (day 2, exercise 05). The data sets are generated for you personally."))
