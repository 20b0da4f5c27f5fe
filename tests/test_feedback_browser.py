"""What a student and an instructor see, in a real browser: Debian's Chromium, headless, driven by Playwright.

The feedback pages and the class report of a graded class (``feedbacklib``) are opened from
disk. Every request the page makes is recorded: only the page itself may be loaded. The page
must read German (none of nbgrader's English frame words), show its formulas as rendered MathML,
show no path of the grader, and the HTML a student planted in an answer must not run.
Screenshots go to ``test-artifacts/``.
"""

from pathlib import Path

import pytest

from autograder.gradebook.feedback import generate
from autograder.reports.report import write_report
from conftest import ROOT
from feedbacklib import A, build
from test_feedback_page import ENGLISH_FRAME

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course):
    return build(tmp_path_factory.mktemp("browser"), course)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            yield b
        finally:
            b.close()


def _open(browser, path: Path, shot: str):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests, console = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    assert (ARTIFACTS / shot).stat().st_size > 20_000
    return page, requests, console


def test_feedback_page_in_chromium(graded, browser):
    pages = {p.parts[-3]: p for p in generate(graded, A)}
    page, requests, _ = _open(browser, pages["mallory"], "feedback_page.png")
    assert requests == [pages["mallory"].as_uri()]                       # nothing else is loaded, nothing leaves
    assert page.title() == "Rückmeldung: 04_cnn"                          # the planted script did not run
    assert page.evaluate("document.title") not in ("PWNED", "PWNED2")
    text = page.locator("body").inner_text()
    for word in ENGLISH_FRAME:
        assert word not in text, word
    for path in (str(ROOT), "/work/", "site-packages", "_on_alarm", "sandbox/"):
        assert path not in text, path
    assert "noch nicht bewertet" in text and "Ihre Zelle, Zeile 2" in text
    assert "<script>document.title='PWNED'</script>" in text               # shown as text
    # formulas: native MathML, laid out by the browser (no MathJax, no network)
    assert page.locator("math").count() > 5
    assert page.evaluate("getComputedStyle(document.querySelector('math')).display") in ("math", "inline math", "block math")
    box = page.locator("mfrac").first.bounding_box()
    assert box and box["width"] > 3 and box["height"] > 10
    assert "\\frac" not in text and "\\sigma" not in text                 # no raw TeX on screen
    # wrapped messages: no output line wider than the page
    widths = page.evaluate("[...document.querySelectorAll('.output_subarea pre')].map(e => e.scrollWidth - "
                           "e.clientWidth)")
    assert widths and max(widths) <= 1


def test_class_report_in_chromium(graded, browser):
    target = write_report(graded, A, graded.root / "reports" / f"{A}.html")
    page, requests, _ = _open(browser, target, "class_report.png")
    assert all(url.startswith(("file:", "data:")) for url in requests)    # plots are embedded
    text = page.locator("body").inner_text()
    assert "Probleme je Abgabe" in text and "Zeitlimit in Zelle 'conv2d'" in text
    assert str(ROOT) not in text and "Score" not in text
    assert page.locator("img").count() == 5 and all(
        page.locator("img").nth(i).evaluate("e => e.naturalWidth") > 100 for i in range(5))
