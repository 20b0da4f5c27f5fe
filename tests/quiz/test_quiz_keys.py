"""Students are graded against the course's hand calculations, and Keras or scikit-learn agree.

Every key comes from the question's ``formula`` (plain Python: grading a quiz imports neither
TensorFlow nor scikit-learn). For a few hundred student ids each formula is checked against the
library's answer (``autograder.quiz.ref``: Keras layers, ops, losses and optimisers;
scikit-learn's KMeans/DBSCAN). Distinct layer configurations are built once per process, so
this stays fast.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from autograder.quiz import ref
from quizlib import QUIZ_IDS, quiz

IDS = [f"student{i:03d}" for i in range(300)]


@pytest.mark.slow  # builds Keras layers for hundreds of configurations: 80 s of the fast part otherwise
@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_formula_keys_match_keras_or_sklearn_for_300_ids(quiz_id):
    q = quiz(quiz_id)
    questions = [x for x in q.questions if x.formula is not None and x.key_fn is not None]
    assert questions
    mismatches = []
    for question in questions:
        number = q.questions.index(question) + 1
        for student in IDS:
            inst = q.instance(student, question, number)
            key = inst.key()
            before = sum(ref.USAGE.values())
            library = inst.library_key()
            if callable(question.key_fn) and "ref." in _source(question.key_fn):
                assert sum(ref.USAGE.values()) > before, f"{question.id}: not computed by Keras/scikit-learn"
            if not question.same(library, key):
                mismatches.append((question.id, student, inst.params, library, key))
    assert not mismatches, mismatches[:5]


def _source(fn) -> str:
    import inspect

    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):
        return ""


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_keys_come_from_formulas_without_keras(quiz_id):
    q = quiz(quiz_id)
    before = sum(ref.USAGE.values())
    for student in IDS[:20]:
        for number, question in enumerate(q.questions, 1):
            q.instance(student, question, number).key()
    assert sum(ref.USAGE.values()) == before


def test_quiz_keys_import_neither_tensorflow_nor_sklearn():
    code = ("import sys\nsys.path.insert(0, 'tests/quiz')\nfrom quizlib import QUIZ_IDS, quiz\n"
            "for qid in QUIZ_IDS:\n    q = quiz(qid)\n"
            "    for n, question in enumerate(q.questions, 1):\n        q.instance('s1', question, n).key()\n"
            "print(sorted(m for m in ('tensorflow', 'keras', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=str(Path(__file__).resolve().parents[2]))
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_seed_numbers_are_what_keras_says():
    # 004: Conv2D(64, 7) on 28x28x1 and the next Conv2D(128, 3); the third max pool; LeNet-5.
    assert ref.conv2d_params(7, 1, 64) == 3200
    assert ref.conv2d_params(3, 64, 128) == 73856
    assert ref.pool2d_output_shape((7, 7, 256), 2) == (3, 3, 256)
    lenet = next(x for x in quiz("q3_cnn").questions if x.id == "lenet_parameter")
    assert quiz("q3_cnn").instance("x", lenet, 1).key() == 61706
    # 003 §27.3 (2515) and §26.3 (17), LSTM(5) on 4 features (200), 1000 images / batch 10 (100).
    from quizlib import quiz as load

    small = next(x for x in load("q3_cnn").questions if x.id == "cnn_parameter")
    assert small.key_fn({"n": 20, "c": 3, "f1": 2, "f2": 3, "units": 2}) == 2515
    assert ref.dense_params(2, 3) + ref.dense_params(3, 2) == 17
    assert ref.recurrent_params("LSTM", 4, 5) == 200
    assert ref.steps_per_epoch(1000, 10) == 100
    assert ref.conv_feature_map(((3, 2, 1, -1), (4, 0, 1, 4), (-1, -2, 1, 0), (3, 2, 0, 1)),
                                ((0, 1, 0), (0, 1, 0), (0, 1, 0))) == [[0, 3], [0, 2]]


def test_broadcasting_uses_tensorflow_not_the_keras_bias_add_shortcut():
    # keras.ops.add on the TensorFlow backend gives (4, 1, 3) here; broadcasting says (4, 3, 3).
    assert ref.broadcast_shape((4, 1, 3), (3, 1)) == (4, 3, 3)


def test_clustering_keys_follow_scikit_learn_definitions():
    points = ((0, 0), (1, 0), (0, 1), (1, 1), (3, 1), (8, 8))
    types, clusters = ref.dbscan(points, 1.5, 4)
    assert types == ["core", "core", "core", "core", "noise", "noise"] and clusters == 1
    types, _ = ref.dbscan(points + ((2, 1),), 1.5, 4)
    assert types[4] == "border" and types[6] == "core"   # (2, 1) has 4 points within 1.5: a core point
    centres, sse = ref.kmeans_step(((1, 1), (2, 1), (1, 2), (6, 6), (7, 6)), ((0, 0), (5, 5)))
    assert centres == [[4 / 3, 4 / 3], [6.5, 6.0]] or [[round(v, 6) for v in c] for c in centres] == \
        [[1.333333, 1.333333], [6.5, 6.0]]
    assert sse == pytest.approx(4 / 3 + 0.5)
