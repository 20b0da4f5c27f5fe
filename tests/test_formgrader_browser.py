"""A TA reviews in formgrader, in a real headless browser (Debian's chromium driven by Playwright).

JupyterLab with nbgrader's formgrader runs on a free localhost port against an
autograded temporary course. The test logs in with the token, opens *Nbgrader →
Formgrader*, opens one submission, checks what a TA sees (autograded scores with the
German per-case messages, the free-text answers with the rubric beside them), sets a
manual score and a comment, and then finds both in the gradebook, the generated
feedback and the exports. Screenshots go to ``test-artifacts/``.
"""

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from autograder.reports import lms as exports
from autograder.gradebook import adapter as nbgrader_adapter
from autograder.gradebook.feedback import generate
from classlib import ASSIGNMENT, NOTEBOOK, gradebook_scores, graded_class
from conftest import ROOT

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
SCORE, COMMENT = "1.5", "Zwei Probleme genannt und begründet; die Verschiebungsinvarianz fehlt noch."
ITEM = "frage_vollvernetzt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _config_dirs(tmp: Path) -> dict:
    """The test's own Jupyter configuration: formgrader enabled, no news pop-ups, fresh workspace."""
    conf, settings = tmp / "jupyter-config", tmp / "lab-settings"
    conf.mkdir()
    (conf / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {"jpserver_extensions": {
        "nbgrader.server_extensions.formgrader": True, "jupyterlab": True}}}))
    notes = settings / "@jupyterlab" / "apputils-extension"
    notes.mkdir(parents=True)
    (notes / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false",
                                                                        "checkForUpdates": False}))
    return {"JUPYTER_CONFIG_DIR": str(conf), "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
            "IPYTHONDIR": str(tmp / "ipython")}


@pytest.fixture(scope="module")
def server(tmp_path_factory, course):
    """JupyterLab + formgrader on the autograded class; stopped (its process group) at the end."""
    c = graded_class(tmp_path_factory, course)[0]
    if not (c.root / "nbgrader_config.py").exists():  # as in the repository: nbgrader reads course_config.py
        (c.root / "nbgrader_config.py").symlink_to("course_config.py")
    tmp = tmp_path_factory.mktemp("jupyter")
    port, token = _free_port(), secrets.token_hex(16)
    log = (tmp / "server.log").open("w")
    env = {**os.environ, **_config_dirs(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={c.root}"],
        cwd=c.root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited ({proc.returncode}):\n{(tmp / 'server.log').read_text()[-3000:]}")
            try:
                request = urllib.request.Request(f"{base}/formgrader/api/assignments",
                                                 headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    assignments = json.loads(response.read())
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"formgrader did not answer:\n{(tmp / 'server.log').read_text()[-3000:]}")
                time.sleep(1)
        assert ASSIGNMENT in {a["name"] for a in assignments}  # the formgrader extension is active
        yield c, base, token
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
            viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(60_000)
        try:
            yield context
        finally:
            context.close()


def test_ta_reviews_and_grades_in_formgrader(server, browser):
    c, base, token = server
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page()
    page.goto(f"{base}/login?next=%2Flab")
    page.fill("input[type=password]", token)
    page.click("button[type=submit], input[type=submit]")

    # JupyterLab: Nbgrader -> Formgrader opens formgrader in a panel (an iframe)
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.get_by_role("menuitem", name="Formgrader").click()
    fg = page.frame_locator("iframe[src*='formgrader']").first
    fg.get_by_role("link", name="Manual Grading").first.click()
    fg.get_by_role("link", name=ASSIGNMENT, exact=True).click()   # the assignment ...
    fg.get_by_role("link", name=NOTEBOOK, exact=True).click()     # ... and its notebook
    rows = fg.locator("td.name a.name-shown")
    rows.first.wait_for(state="attached")
    fg.get_by_text("Show All Names").click()
    listed = sorted(rows.all_inner_texts())
    assert listed == sorted(gradebook_scores(c))  # every submission is there
    overview = fg.locator("table").last.inner_text()
    assert "22 / 28" in overview  # alice's autograded score, before any manual grade
    page.screenshot(path=str(ARTIFACTS / "formgrader_submissions.png"))

    fg.locator("td.name a.name-shown", has_text="alice").click()
    score = fg.locator(f"input#{ITEM}")
    score.wait_for()
    body = fg.locator("body").inner_text()
    assert "Bewertung: 6 von 6 Punkten" in body              # autograded score of test_conv2d
    assert "✓ Verborgener Test 4" in body                     # per-case verdicts, hidden cases by label only
    assert "img_7x7" not in body and "BEGIN HIDDEN" not in body
    assert "Bewertungshinweise für Tutor:innen" in body and "2 Punkte:" in body  # rubric beside the answer
    assert "65.536 Pixel" in body                              # alice's own free-text answer

    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved:
        score.fill(SCORE)
        score.blur()
    assert saved.value.ok
    comment = fg.locator(f"textarea#{ITEM}-comment")
    with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT") as saved:
        comment.fill(COMMENT)
        comment.blur()
    assert saved.value.ok
    fg.locator(f"input#{ITEM}").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "formgrader_review.png"))
    assert (ARTIFACTS / "formgrader_review.png").stat().st_size > 10_000

    with nbgrader_adapter.gradebook(c) as gb:
        grade = gb.find_grade(ITEM, NOTEBOOK, ASSIGNMENT, "alice")
        assert grade.manual_score == float(SCORE) and grade.auto_score is None
        assert gb.find_comment(ITEM, NOTEBOOK, ASSIGNMENT, "alice").manual_comment == COMMENT


def test_manual_grade_and_comment_reach_feedback_and_exports(server, tmp_path):
    c, _, _ = server
    pages = generate(c, ASSIGNMENT, "alice")
    html = pages[0].read_text(encoding="utf-8")
    assert COMMENT in html and f"{SCORE.replace('.', ',')} von 2 Punkten" in html
    assert "Punkte: 23,5 von 28" in html                        # 22 automatic + 1.5 from the TA
    assert "Bewertung: 6 von 6 Punkten" in html and "✓ Verborgener Test 4" in html
    assert "BEGIN HIDDEN" not in html and "img_7x7" not in html and "default_rng(404)" not in html
    assert "Bewertungshinweise für Tutor:innen" not in html and "Musterlösung" not in html

    grades = nbgrader_adapter.export_csv(c, tmp_path / "grades.csv")
    row = next(r for r in csv.DictReader(grades.open()) if r["student_id"] == "alice")
    assert float(row["score"]) == pytest.approx(23.5)
    moodle = exports.export_lms(c, "moodle", tmp_path / "moodle.csv", [ASSIGNMENT])
    line = next(r for r in csv.DictReader(moodle.open(encoding="utf-8")) if r["Username"] == "alice")
    assert float(line[f"{ASSIGNMENT} Convolutional Neural Networks"]) == pytest.approx(23.5)
    assert COMMENT in line[f"Feedback: {ASSIGNMENT} Convolutional Neural Networks"]


def test_feedback_of_a_failed_and_a_late_submission(server):
    c, _, _ = server
    pages = {p.parts[-3]: p for p in generate(c, ASSIGNMENT) if p.name == "04_cnn.html"}   # not 04b
    assert set(pages) == set(gradebook_scores(c))
    erin = pages["erin"].read_text(encoding="utf-8")
    assert "✗ Test 2" in erin and ("weichen ab" in erin or "weicht ab" in erin)   # the German message
    assert "Verborgener Test" in erin and "img_7x7" not in erin
    carol = pages["carol"].read_text(encoding="utf-8")
    assert "Verspätete Abgabe: abgegeben am 10.01.2027 13:00, Frist 08.01.2027 23:59" in carol
    assert "2 angefangene Tage zu spät" in carol and "Abzug: 4.4 Punkte" in carol
    assert "Abzug für verspätete Abgabe: −4,4 Punkte" in carol   # the penalty in the page's score overview
