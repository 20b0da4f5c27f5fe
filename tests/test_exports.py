"""Grade exports: nbgrader's CSV, Moodle and ILIAS CSV – each parses and matches the gradebook."""

import csv
import datetime as dt

import pytest

from autograder.gradebook import scores
from autograder.reports import lms as exports
from autograder.gradebook import adapter as nbgrader_adapter
from autograder.cli import main
from classlib import ASSIGNMENT, NOTEBOOK, gradebook_scores, graded_class

COMMENT = "Zweites Problem gut begründet, die Verschiebungsinvarianz fehlt."


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course):
    c = graded_class(tmp_path_factory, course)[0]
    with nbgrader_adapter.gradebook(c) as gb:  # a TA grades one of frank's answers
        grade = gb.find_grade("frage_vollvernetzt", NOTEBOOK, ASSIGNMENT, "frank")
        grade.manual_score = 1.0
        grade.needs_manual_grade = False
        gb.find_comment("frage_vollvernetzt", NOTEBOOK, ASSIGNMENT, "frank").manual_comment = COMMENT
        gb.db.commit()
    return c


def _float(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.mark.slow
def test_final_scores_agree_with_nbgrader(graded):
    book = gradebook_scores(graded)
    rows = {r.student: r for r in scores.final_scores(graded, [ASSIGNMENT])}
    assert set(rows) == set(book) == {"alice", "bob", "carol", "dave", "erin", "frank"}
    for student, row in rows.items():
        assert row.score == pytest.approx(book[student]["score"])
        assert row.raw_score == pytest.approx(row.auto_score + row.manual_score)
    assert rows["frank"].manual_score == 1.0 and (" ".join(COMMENT.split())) in rows["frank"].summary()
    carol = rows["carol"]
    assert carol.days_late == 2 and carol.late_penalty == pytest.approx(4.4) and carol.score == pytest.approx(17.6)
    assert carol.due == dt.datetime(2027, 1, 8, 22, 59, tzinfo=dt.timezone.utc)  # 23:59 in Berlin
    assert "Verspätung" in carol.summary()
    assert not rows["bob"].auto_score and rows["dave"].score == 0


@pytest.mark.slow
def test_nbgrader_csv_matches_gradebook(graded, tmp_path, capsys):
    target = tmp_path / "grades.csv"
    assert main(["--course", str(graded.root), "export", "--to", str(target)]) == 0
    book = gradebook_scores(graded)
    rows = {r["student_id"]: r for r in csv.DictReader(target.open(encoding="utf-8"))}
    assert list(next(csv.reader(target.open()))) == [
        "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score",
        "late_submission_penalty", "score", "max_score"]
    for student, expected in book.items():
        assert float(rows[student]["score"]) == pytest.approx(expected["score"])
    assert float(rows["carol"]["late_submission_penalty"]) == pytest.approx(4.4)


@pytest.mark.slow
def test_moodle_csv_matches_gradebook(graded, tmp_path, capsys):
    target = tmp_path / "moodle.csv"
    assert main(["--course", str(graded.root), "export-lms", "--format", "moodle", "--to", str(target)]) == 0
    assert "noch nicht bewerteten" in capsys.readouterr().out  # the TA has not graded everything yet
    book = gradebook_scores(graded)
    with target.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames
        rows = {r["Username"]: r for r in reader}
    item = "04_cnn Convolutional Neural Networks"
    assert header == ["Username", "First name", "Last name", item, f"Feedback: {item}"]
    assert set(rows) == set(book)
    for student, expected in book.items():
        assert float(rows[student][item]) == pytest.approx(expected["score"])  # decimal point, as Moodle reads it
    assert COMMENT in rows["frank"][f"Feedback: {item}"]
    assert "Verspätung 4,4" in rows["carol"][f"Feedback: {item}"]   # prose for students: decimal comma


@pytest.mark.slow
def test_ilias_csv_matches_gradebook(graded, tmp_path):
    target = tmp_path / "ilias.csv"
    assert main(["--course", str(graded.root), "export-lms", "--format", "ilias", "--to", str(target),
                 "--assignment", ASSIGNMENT]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel and ILIAS read the umlauts right
    book = gradebook_scores(graded)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["Login"]: r for r in csv.DictReader(fh, delimiter=";")}
    assert set(rows) == set(book)
    for student, expected in book.items():
        row = rows[student]
        assert _float(row["Punkte"]) == pytest.approx(expected["score"])
        assert _float(row["Max. Punkte"]) == pytest.approx(expected["max"])
        assert row["Übungseinheit"] == ASSIGNMENT
        assert row["Status"] == "nicht bewertet"  # free-text answers still wait for TAs
    carol = rows["carol"]
    assert carol["Punkte"] == "17,6" and carol["Abzug Verspätung"] == "4,4" and carol["Tage verspätet"] == "2"
    assert carol["Frist"] == "08.01.2027 23:59" and carol["Abgabe"] == "10.01.2027 13:00"  # Berlin time
    assert COMMENT in rows["frank"]["Kommentar"]


def test_status_and_number_format_without_gradebook(tmp_path):
    def row(student, score, pending=False, submitted=True):
        r = scores.FinalScore(ASSIGNMENT, "CNN", student, submitted=submitted, raw_score=score, score=score,
                               max_score=28.0)
        if pending:
            r.items.append(scores.ItemScore(NOTEBOOK, "frage", "manual", None, None, 0.0, 2.0, True))
        return r

    rows = [row("a", 14.5), row("b", 13.99), row("c", 20.0, pending=True), row("d", 0.0, submitted=False)]
    exports.write_ilias_csv(rows, tmp_path / "i.csv", pass_fraction=0.5)
    with (tmp_path / "i.csv").open(encoding="utf-8-sig", newline="") as fh:
        status = {r["Login"]: (r["Status"], r["Punkte"]) for r in csv.DictReader(fh, delimiter=";")}
    assert status == {"a": ("bestanden", "14,5"), "b": ("nicht bestanden", "13,99"),
                      "c": ("nicht bewertet", "20"), "d": ("nicht bewertet", "0")}
    exports.write_moodle_csv(rows, tmp_path / "m.csv", id_field="username")
    with (tmp_path / "m.csv").open(encoding="utf-8", newline="") as fh:
        moodle = {r["Username"]: r for r in csv.DictReader(fh)}
    assert moodle["d"]["Feedback: 04_cnn CNN"] == "Keine Abgabe." and moodle["a"]["04_cnn CNN"] == "14.5"
    with pytest.raises(ValueError):
        exports.write_moodle_csv(rows, tmp_path / "x.csv", id_field="matrikel")


def test_lms_comments_are_plain_text_overrides_labelled_and_cells_safe(tmp_path):
    r = scores.FinalScore(ASSIGNMENT, "CNN", "=cmd|' /C calc'!A0", first_name="+Eve", last_name="@home",
                          submitted=True, raw_score=20.5, score=20.5, max_score=28.0)
    r.items = [scores.ItemScore(NOTEBOOK, "test_conv2d", "autograded", 6.0, None, 6.0, 6.0, False),
               scores.ItemScore(NOTEBOOK, "test_conv2d_params", "autograded", 3.0, 1.0, 1.0, 3.0, False),
               scores.ItemScore(NOTEBOOK, "frage_kanten", "manual", None, 1.5, 1.5, 2.0, False,
                                "**Batch-Statistik** fehlt; siehe `BatchNormalization`.\n\n- Punkt eins")]
    text = r.summary(comma=True)
    assert "automatisch bewertet 6, von Tutor:innen 2,5" in text
    assert "Von Tutor:innen angepasst: test_conv2d_params 1 statt 3 Punkte." in text
    assert "Kommentar zu frage_kanten: Batch-Statistik fehlt; siehe BatchNormalization. Punkt eins" in text
    assert "**" not in text and "`" not in text
    exports.write_moodle_csv([r], tmp_path / "m.csv")
    exports.write_ilias_csv([r], tmp_path / "i.csv")
    with (tmp_path / "m.csv").open(encoding="utf-8", newline="") as fh:
        moodle = next(csv.DictReader(fh))
    assert moodle["Username"] == "'=cmd|' /C calc'!A0" and moodle["First name"] == "'+Eve"
    assert moodle["Last name"] == "'@home" and moodle["04_cnn CNN"] == "20.5"
    with (tmp_path / "i.csv").open(encoding="utf-8-sig", newline="") as fh:
        ilias = next(csv.DictReader(fh, delimiter=";"))
    assert ilias["Login"].startswith("'=") and ilias["Automatisch"] == "6" and ilias["Tutor:innen"] == "2,5"


def test_csv_safe_keeps_numbers():
    from autograder.textfmt import csv_safe, de_date, de_num

    assert csv_safe("-4.4") == "-4.4" and csv_safe("-4,4") == "-4,4" and csv_safe("=1+1") == "'=1+1"
    assert csv_safe("-x") == "'-x" and csv_safe("@SUM(A1)") == "'@SUM(A1)" and csv_safe("ok") == "ok"
    assert de_num(16.034) == "16,03" and de_num(28.0) == "28" and de_num(-0.001) == "0"
    assert de_date("2027-01-08 23:59:00") == "08.01.2027 23:59" and de_date(dt.datetime(2027, 1, 10, 12)) == \
        "10.01.2027 12:00"
