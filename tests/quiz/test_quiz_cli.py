"""The quiz commands: quiz-key --json, quiz-release, quiz-grade, quiz-validate, quiz-list, misuse."""

import json
import subprocess
import sys

import pytest

from autograder.cli import main
from autograder.quiz import render
from autograder.quiz.grade import key_document, key_notebook
from quizlib import COURSE, ROOT, quiz, quiz_course, with_answers, write


def run(capsys, *args):
    code = main(["--course", str(ROOT), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_quiz_key_json_is_the_students_key(capsys):
    code, out, _ = run(capsys, "quiz-key", "q3_cnn", "--student", "s01", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["student"] == "s01" and doc["quiz"] == "q3_cnn"
    assert doc == json.loads(json.dumps(key_document(COURSE, quiz("q3_cnn"), "s01")))
    params = {q["id"]: q for q in doc["questions"]}
    assert params["conv_parameter"]["answer"] == (params["conv_parameter"]["params"]["k"] ** 2
                                                  * params["conv_parameter"]["params"]["c"] + 1) \
        * params["conv_parameter"]["params"]["filters"]
    _, other, _ = run(capsys, "quiz-key", "q3_cnn", "--student", "s02", "--json")
    assert json.loads(other)["questions"] != doc["questions"]


def test_quiz_key_text_and_key_notebook(capsys, tmp_path):
    target = tmp_path / "key.ipynb"
    code, out, _ = run(capsys, "quiz-key", "q2_mlp", "--student", "alice", "--allow-unknown", "--notebook",
                       str(target))
    assert code == 0 and "Schlüssel für alice" in out
    assert json.loads(target.read_text()) == json.loads(render.dumps(key_notebook(quiz("q2_mlp"), "alice",
                                                                                  due="18.12.2026 23:59")))


@pytest.mark.parametrize("command", [("quiz-key", "q3_cnn"), ("quiz-grade", "q3_cnn", "release/04_cnn/04_cnn.ipynb")])
def test_an_id_that_is_not_on_the_roster_is_refused(capsys, command):
    code, out, err = run(capsys, *command, "--student", "S01")
    assert code == 1 and out == ""
    assert err.strip() == ("autograder: error: student 'S01' is not on the roster (students.csv) (did you mean "
                           "'s01'?); pass --allow-unknown to use the id anyway")


def test_quiz_release_one_notebook_per_student(capsys, tmp_path):
    course = quiz_course(tmp_path)
    code = main(["--course", str(course.root), "quiz-release", "q1_grundlagen", "--out", str(tmp_path / "out")])
    assert code == 0
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.ipynb"))
    assert written == [f"{s}/q1_grundlagen/q1_grundlagen.ipynb" for s in ("alice", "bob", "carol", "dave")]
    nb = json.loads((tmp_path / "out" / "bob" / "q1_grundlagen" / "q1_grundlagen.ipynb").read_text())
    assert nb["metadata"]["autograder_quiz"]["student"] == "bob"


def test_quiz_grade_json_uses_the_given_owner(capsys, tmp_path):
    path = write(tmp_path / "q4_clustering.ipynb", key_notebook(quiz("q4_clustering"), "alice"))
    code, out, _ = run(capsys, "quiz-grade", "q4_clustering", str(path), "--student", "alice", "--json",
                       "--allow-unknown")
    doc = json.loads(out)
    assert code == 0 and doc["score"] == doc["max_score"] == quiz("q4_clustering").max_score
    _, out, _ = run(capsys, "quiz-grade", "q4_clustering", str(path), "--student", "s02", "--json")
    assert json.loads(out)["score"] < doc["max_score"]


def test_quiz_validate_reads_answers_like_the_grader(capsys, tmp_path):
    nb = with_answers(render.notebook(quiz("q2_mlp"), "alice"),
                      {"xor": 'antwort_1 = "b"', "relu": "antwort_2 = relu", "lernrate": 'antwort_3 = "z"'})
    path = write(tmp_path / "q2_mlp.ipynb", nb)
    code, out, _ = run(capsys, "quiz-validate", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("✓ Frage 1") and lines[1].startswith("✗ Frage 2") and "Variablen" in lines[1]
    assert lines[2].startswith("✗ Frage 3") and "Noch keine Antwort" in lines[3]
    assert "1 von 13 Antworten" in lines[-1]


def test_quiz_list_json(capsys):
    code, out, _ = run(capsys, "quiz-list", "--json")
    data = json.loads(out)
    assert code == 0 and len(data) == 7 and all(len(q["questions"]) >= 8 for q in data)


@pytest.mark.parametrize("args,message", [
    (("quiz-key", "q9_nope", "--student", "s01"), "unknown quiz"),
    (("quiz-autograde", "04_cnn"), "unknown quiz '04_cnn'"),
    (("quiz-grade", "q3_cnn", "does/not/exist.ipynb", "--student", "a"), "no such file"),
    (("quiz-autograde", "q9_nope"), "unknown quiz"),
])
def test_misuse_exits_1_with_one_line(capsys, args, message):
    code, _, err = run(capsys, *args)
    assert code == 1 and len(err.strip().splitlines()) == 1 and message in err


def test_quiz_key_requires_the_student(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["quiz-key", "q3_cnn"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_quiz_key_command_as_documented():
    proc = subprocess.run([sys.executable, "-m", "autograder", "quiz-key", "q5_rnn_lstm", "--student", "s01",
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == json.loads(json.dumps(key_document(COURSE, quiz("q5_rnn_lstm"), "s01")))
