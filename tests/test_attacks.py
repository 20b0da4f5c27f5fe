"""The attack corpus: hostile submissions for every bullet of the threat model.

Each file in ``tests/attacks/`` replaces answer cells of an otherwise correct 04_cnn
submission (format of ``fixturelib``; ``# score:`` is the score its real work earns).
Every attack is graded alone with ``grade`` and together with honest students in a
batch ``autograde``. Checked each time: the score, a message, nothing of the hidden
tests or the answer key in results or feedback, no surviving process, honest students
keep full marks, the gradebook stays consistent.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from autograder.gradebook import feedback
from autograder.gradebook import adapter as nbgrader_adapter
from autograder.gradebook import register
from autograder.grading.batch import autograde
from autograder.course import load_course
from autograder.cli.demo import student_notebook
from autograder.grading.grader import Grader
from conftest import ROOT, make_course
from fixturelib import parse

pytestmark = pytest.mark.slow

ATTACKS = sorted((Path(__file__).parent / "attacks").glob("*.py"))
LIMITS = {"cell_timeout": 4.0, "case_timeout": 3.0, "notebook_timeout": 45.0, "memory_mb": 1024,
          "cpu_seconds": 60}
# Strings that must never reach a student: hidden test code, reference solution, key files.
SECRETS = ["default_rng(404)", "img_11x10", "kernel_3x2x3", "pad_h // 2, pad_h - pad_h // 2", '"signature"',
           "SQLite format", "BEGIN HIDDEN TESTS", "Bewertungshinweise"]


class Listener:
    """A TCP server on this machine that records every connection an attack manages to make."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("0.0.0.0", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self):
        self.stop = True
        self.thread.join(2)
        self.sock.close()


def _host_ip() -> str:
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


def plant_solutions(course) -> None:
    """Complete solutions where real courses leave them: a demo class, nbgrader's exchange, a backup,
    students.csv. None of it may be reachable from a sandbox (the worker sees an allowlist only)."""
    full = json.dumps(student_notebook(course, "04_cnn", "04_cnn"))
    for place in ["demo/submitted/s01_voll/04_cnn/04_cnn.ipynb", "exchange/ml/inbound/s01+04_cnn+x/04_cnn.ipynb",
                  "backup/04_cnn (Kopie).ipynb"]:
        target = course.root / place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(full)
    (course.root / "backup" / "students.csv").write_text("id,first_name,last_name,email\ns01,Ada,Lovelace,ada@example.org\n")


@pytest.fixture(scope="module")
def attack_course(tmp_path_factory, course):
    root = make_course(tmp_path_factory.mktemp("attacks"), course, limits=LIMITS)
    course = load_course(root)
    register.ensure_assignment(course, "04_cnn")  # a real gradebook for attacks to try to read
    plant_solutions(course)
    return course


@pytest.fixture(scope="module")
def attack_grader(attack_course):
    with Grader(attack_course, workers=2) as g:
        yield g


def build(course, attack: Path, listener: Listener, target: Path) -> tuple[dict, Path]:
    fx = parse(attack)
    text = {gid: code.replace("{root}", str(course.root)).replace("{repo}", str(ROOT))
            .replace("{marker}", marker(attack)).replace("{port}", str(listener.port))
            .replace("{host_ip}", _host_ip()) for gid, code in fx.cells.items()}
    nb = student_notebook(course, "04_cnn", "04_cnn", text)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb))
    header = {line.split(":", 1)[0][2:]: line.split(":", 1)[1].strip()
              for line in attack.read_text().splitlines() if line.startswith("# ") and ":" in line
              and not line.startswith("# %%")}
    return header, target


def marker(attack: Path) -> str:
    return f"{4000 + sum(map(ord, attack.stem)) % 1000}.{len(attack.stem)}"


def surviving(attack: Path) -> list[str]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker(attack) in cmd and "pytest" not in cmd:
                found.append(cmd)
    return found


def survivors_after_teardown(attack: Path, within: float = 30.0) -> list[str]:
    """Processes of ``attack`` still alive ``within`` seconds after its result: the supervisor reports
    the result before it tears the sandbox down (off the coordinator's path), so under load the
    teardown may still be running when grading returns; what is alive after it is a survivor."""
    deadline = time.monotonic() + within
    while (found := surviving(attack)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def assert_score(result, rule: str) -> None:
    if rule.startswith("<="):
        assert result.score <= float(rule[2:]), result.to_gradescope()
    else:
        assert result.score == float(rule), json.dumps(result.to_gradescope(), ensure_ascii=False)[:3000]


def assert_no_leak(text: str, secrets=SECRETS) -> None:
    for secret in secrets:
        assert secret not in text, f"leaked: {secret}"


def never(header: dict) -> list[str]:
    """Strings an attack tries to smuggle out (its "# never:" line, separated by " | ")."""
    return [s.strip() for s in header.get("never", "").split(" | ") if s.strip()]


def _cgroups() -> set[str]:
    return {p.name for c in ("memory", "pids", "cpu") for p in Path(f"/sys/fs/cgroup/{c}").glob("autograder-*")}


def test_corpus_covers_the_threat_model():
    threats = {line.split(":", 1)[1].strip() for a in ATTACKS for line in a.read_text().splitlines()
               if line.startswith("# threat:")}
    wanted = ["compare equal to anything", "pretend to be arrays", "monkeypatch NumPy", "IPython hooks",
              "grader's own helpers", "read files", "write files", "exit", "kill its kernel",
              "loop forever (busy)", "loop forever (sleeping)", "allocate memory", "outlive grading",
              "network", "print gigabytes", "read other students' work", "grader's own channel",
              "through error messages", "crash or stall the grader", "exhaust the grader's own memory",
              "from inherited memory"]
    for want in wanted:
        assert any(want in t for t in threats), want


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
def test_attack_through_grade(attack_course, attack_grader, listener, tmp_path, attack):
    header, path = build(attack_course, attack, listener, tmp_path / attack.stem / "04_cnn.ipynb")
    before = listener.connections
    result = attack_grader.grade("04_cnn", "04_cnn", path, student=attack.stem)
    assert_score(result, header["score"])
    assert result.max_auto_score == 22
    # what the student wrote (their free-text answers) is theirs; everything else must be clean
    document = json.dumps({k: v for k, v in result.to_dict().items() if k != "answers"}, ensure_ascii=False)
    assert_no_leak(document, SECRETS + never(header))
    assert len(document) < 2_000_000
    if result.score < 22:
        assert any(c.message for i in result.items for c in i.cases if c.fraction < 1)
    assert listener.connections == before, "the sandbox reached the network"
    assert survivors_after_teardown(attack) == []
    assert "pid-ns" in result.protections or result.status != "ok" or result.protections
    assert not Path("/tmp/autograder-evil.json").exists()
    assert not (ROOT / ".grader" / "keys" / "evil.json").exists()


def test_edited_notebook_structure_is_ignored(attack_course, attack_grader, tmp_path):
    """Points, ids, cell types and test cells come from the source, not from the submission."""
    nb = student_notebook(attack_course, "04_cnn", "04_cnn")
    cells = nb["cells"]
    tests = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade")
             and not c["metadata"]["nbgrader"].get("solution")]
    tests[0]["metadata"]["nbgrader"]["points"] = 1000           # more points
    tests[1]["cell_type"] = "markdown"                           # test turned into text
    tests[2]["source"] = "print('no tests here')"                # test code replaced
    cells.remove(tests[3])                                       # test deleted
    cells.append(json.loads(json.dumps(tests[4])))               # test duplicated
    cells.append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                  "source": "check = lambda *a, **k: True\nconv2d = lambda *a, **k: [[0.0]]"})
    answer = next(c for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id") == "conv2d_params")
    answer["metadata"]["nbgrader"]["points"] = 500
    path = tmp_path / "04_cnn.ipynb"
    path.write_text(json.dumps(nb))
    result = attack_grader.grade("04_cnn", "04_cnn", path, student="editor")
    assert result.max_auto_score == 22
    # the added cell redefines conv2d after the answer cell: that is the student's own (wrong) work
    assert result.score == 16
    assert {i.grade_id for i in result.items if i.kind == "autograded"} == {
        "test_conv2d", "test_conv_output_shape", "test_conv2d_params", "test_max_pool2d", "test_build_lenet5",
        "test_build_fashion_cnn"}


def test_batch_with_attackers_and_honest_students(attack_course, listener, tmp_path):
    for i in range(2):
        folder = attack_course.submitted_dir / f"honest{i}" / "04_cnn"
        folder.mkdir(parents=True)
        (folder / "04_cnn.ipynb").write_text(json.dumps(student_notebook(attack_course, "04_cnn", "04_cnn")))
    expected, smuggled = {}, {}
    for attack in ATTACKS:
        header, _ = build(attack_course, attack, listener,
                          attack_course.submitted_dir / attack.stem / "04_cnn" / "04_cnn.ipynb")
        expected[attack.stem] = header["score"]
        smuggled[attack.stem] = never(header)
    groups_before = _cgroups()
    report = autograde(attack_course, "04_cnn", workers=2, progress=False)
    assert not report.failed
    # a group of this batch stays forever; groups of other tests grading in parallel (pytest -n) come and go
    extra = _cgroups() - groups_before
    deadline = time.monotonic() + 60
    while extra & _cgroups() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not extra & _cgroups(), "cgroups left behind"
    by_student = {r[0].student: r[0] for r in report.graded}
    assert by_student["honest0"].score == 22 and by_student["honest1"].score == 22
    for student, rule in expected.items():
        assert_score(by_student[student], rule)
    with nbgrader_adapter.gradebook(attack_course) as gb:
        students = {s.id for s in gb.students}
        subs = {s.student.id: s.score for s in gb.assignment_submissions("04_cnn")}
    assert students == set(by_student) and subs["honest0"] == 22
    for attack in ATTACKS:
        assert survivors_after_teardown(attack) == []
        text = (attack_course.autograded_dir / attack.stem / "04_cnn" / "04_cnn.ipynb").read_text()
        # the attackers' own answer cells hold reference code (they copied it); the autograded notebook
        # is the TA's view in formgrader, so the rubric belongs there; nothing else may leak
        own = attack.read_text(encoding="utf-8")   # what the attacker wrote itself is no leak (a marker comment)
        assert_no_leak(text, [s for s in SECRETS if "pad_h" not in s and s != "Bewertungshinweise" and s not in own]
                       + smuggled[attack.stem])
    # what the students read: their feedback, with the rubric removed as well
    pages = feedback.generate(attack_course, "04_cnn")
    assert {p.parts[-3] for p in pages} == set(by_student)
    written = {a.stem: a.read_text(encoding="utf-8") for a in ATTACKS}
    for page in pages:
        own = written.get(page.parts[-3], "")
        html = re.sub(r"<style.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)   # CSS is no text
        # what a student wrote may stand on their own page as (escaped) text, never as markup
        assert_no_leak(html, [s for s in SECRETS if "pad_h" not in s and s not in own]
                       + [s for s in smuggled.get(page.parts[-3], []) if s not in own])
        assert "<script" not in html.lower() and not re.search(r"<[a-z]+[^>]*\son\w+\s*=", html, re.I)
    assert listener.connections == 0


def test_grading_refuses_where_the_sandbox_could_read_secrets(attack_course, attack_grader, monkeypatch):
    """The sandbox checks, as the user it runs as, that none of the course's secret paths is readable.

    Under bubblewrap they are not there at all; where there is no mount namespace (Gradescope's
    container without CAP_SYS_ADMIN) run_autograder makes them root-only. A path the sandbox *can*
    read (here: the interpreter's own prefix, as a stand-in for a readable source/) stops the run with
    one line for the instructor, before any student code ran, instead of grading in a leaky mode.
    """
    from autograder.errors import AutograderError

    readable = sys.base_prefix
    monkeypatch.setattr(type(attack_course), "sandbox_mask", lambda self: [readable])
    with pytest.raises(AutograderError, match="could read the course's sources or keys"):
        attack_grader.grade("04_cnn", "04_cnn", attack_course.source_path("04_cnn", "04_cnn"))
