"""``autograder key``: every case of a unit with its expected value, for TAs (German)."""

import json

from autograder.cli import main


def test_key_lists_cases_with_expected_values_rules_and_models(capsys):
    assert main(["key", "04_cnn", "--notebook", "04b_cnn_training"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("04_cnn/04b_cnn_training – Lösungsschlüssel: 27 Testfälle (davon 17 verborgen)")
    assert "Zelle test_avg_pool2d (3 Punkte)" in out and "Zelle test_build_script_cnn (3 Punkte)" in out
    assert "Aufruf:   avg_pool2d([[4, 3, 8, 5], [9, 1, 3, 6], [6, 3, 5, 3], [2, 5, 2, 5]])" in out
    assert "Erwartet: [[4.25, 5.5], [4.0, 3.75]]  [im Test]" in out
    assert "0,5 P." in out and "verborgen" in out and "sichtbar" in out
    assert "Erwartet: löst ValueError aus  [Regel]" in out
    # every call on one line: a small array written out, a large one (or NumPy's summary) as its shape
    calls = [line for line in out.splitlines() if "Aufruf:" in line]
    assert all(line.count("(") == line.count(")") for line in calls)
    assert "train_digits_cnn(<Array (1347, 8, 8)>, <Array (1347,)>, <Array (450, 8, 8)>)" in out
    assert not any("..." in line for line in calls)
    assert "keine bei 70 %; vorausgesetzt: die Vorhersage besteht aus ganzen Zahlen" in out
    assert "Erwartet: Keras-Modell: Conv2D → Conv2D → Flatten → Dense; Eingabe (None, 20, 20, 3), 2.515 Parameter" \
           "  [Referenzlösung]" in out


def test_key_hidden_only_as_json(capsys):
    assert main(["key", "04_cnn", "--notebook", "04_cnn", "--hidden-only", "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["notebook"] for d in docs] == ["04_cnn"]
    rows = [r for c in docs[0]["cells"] for r in c["cases"]]
    assert rows and all(r["hidden"] for r in rows) and docs[0]["hidden"] == docs[0]["cases"] == len(rows)
    assert all(r["expected"] and r["call"] and r["origin"] in ("im Test", "Referenzlösung", "Regel") for r in rows)
    assert "build_lenet5()" not in [r["call"] for r in rows]   # visible


def test_key_refuses_an_unknown_notebook(capsys):
    assert main(["key", "04_cnn", "--notebook", "05_clustering"]) == 1
    assert "has no notebook '05_clustering'" in capsys.readouterr().err
