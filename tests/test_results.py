"""results.json: what every later step reads; it survives a round trip unchanged."""

import json

from autograder.results import CaseResult, CellRun, GradeResult, ItemResult


def test_results_json_round_trip_keeps_everything():
    result = GradeResult("04_cnn", "04_cnn", "s01", status="ok", message="", late_penalty=2.2,
                         problems=["Die Datei 04_cnn.ipynb fehlt; bewertet wurde stattdessen …"],
                         items=[ItemResult("test_conv2d", "autograded", 6.0, 3.0,
                                           [CaseResult("test_conv2d#1", "Test 1", False, 1.0, 1.0, ""),
                                            CaseResult("test_conv2d#2", "Verborgener Test 2", True, 1.0, 0.0,
                                                       "Falscher Wert: erwartet 3, erhalten 4.")]),
                                ItemResult("frage", "manual", 2.0, None, note="Wird von Tutor:innen bewertet.")],
                         cells=[CellRun("conv2d", "ok", "gedruckt", None, 0.25)], answers={"frage": "weil"},
                         execution_time=1.5, code_seconds=0.3, protections=["netns"])
    text = json.dumps(result.to_dict(), ensure_ascii=False)
    again = GradeResult.from_dict(json.loads(text))
    assert again == result
    assert (again.auto_score, again.max_auto_score, again.score) == (3.0, 6.0, 0.8)
    doc = again.to_gradescope()
    assert doc["score"] == 0.8
    visible, hidden = doc["tests"][:2]    # Gradescope: hidden cases are a test of their own
    assert (visible["status"], visible["max_score"], visible["visibility"]) == ("passed", 3.0, "visible")
    assert (hidden["status"], hidden["score"], hidden["visibility"]) == ("failed", 0.0, "after_published")
    assert "erwartet 3" not in visible["output"]
    assert doc["output"].startswith("Die Datei 04_cnn.ipynb fehlt")


def test_summary_lines_say_singular_and_plural_right():
    def lines(manual: int, penalty: float) -> str:
        items = [ItemResult(f"frage{i}", "manual", 2.0, None) for i in range(manual)]
        return "\n".join(GradeResult("04_cnn", "04_cnn", "s01", items=items, late_penalty=penalty).summary_lines())

    assert "1 Antwort mit zusammen 2 Punkten wird von Tutor:innen bewertet." in lines(1, 1.0)
    assert "Abzug für verspätete Abgabe: 1 Punkt." in lines(1, 1.0)
    assert "2 Antworten mit zusammen 4 Punkten werden von Tutor:innen bewertet." in lines(2, 2.5)
    assert "Abzug für verspätete Abgabe: 2,5 Punkte." in lines(2, 2.5)


def test_validation_counts_say_singular_and_plural_right():
    from autograder.student.cli import answers_tally, tally

    assert tally(1, 0) == "1 sichtbarer Test bestanden, 0 nicht bestanden."
    assert tally(3, 1) == "3 sichtbare Tests bestanden, 1 nicht bestanden."
    assert answers_tally(1, 13).startswith("1 von 13 Antworten hat ein gültiges Format")
    assert answers_tally(5, 13).startswith("5 von 13 Antworten haben ein gültiges Format")
