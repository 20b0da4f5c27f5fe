"""The autograded notebook shows what was graded, and its text clean-up stays linear on hostile output."""

from __future__ import annotations

import json

from conftest import ROOT

from autograder.gradebook import annotate
from autograder.notebook import plan_execution, load_source, read_notebook
from autograder.results import GradeResult

RELEASE = ROOT / "release" / "04_cnn" / "04_cnn.ipynb"


def test_a_source_list_with_numbers_shows_the_code_that_was_graded(tmp_path):
    nb = json.loads(RELEASE.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid == "conv2d_params":
            cell["source"] = ["def conv2d_params(kernel_size, in_channels, filters, use_bias=True):\n",
                              "    return ", 0, "\n"]
        elif gid == "frage_kanten":
            cell["source"] = ["Meine Antwort ", 42, " Ende"]
    path = tmp_path / "04_cnn.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")

    plan = plan_execution(load_source(ROOT / "source" / "04_cnn" / "04_cnn.ipynb"), read_notebook(path))
    out = annotate.build(read_notebook(RELEASE), GradeResult("04_cnn", "04_cnn", "s1"), path)
    shown = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in out.cells}
    assert shown["conv2d_params"].endswith("    return 0\n")
    assert shown["conv2d_params"] == plan.student_cells["conv2d_params"]      # what ran is what TAs see
    assert plan.answers["frage_kanten"] == "Meine Antwort 42 Ende"
    assert "Meine Antwort 42 Ende" in shown["frage_kanten"]


def test_scrub_paths_hides_library_paths_and_stays_linear_on_slash_runs():
    assert annotate.scrub_paths('File "/usr/lib/python3.11/site-packages/keras/x.py", line 3') == 'File "…", line 3'
    assert annotate.scrub_paths("x=/opt/v/lib/site-packages/a/b.py:12 y") == "x=…:12 y"
    assert annotate.scrub_paths("a/site-packages/b and /site-packages/c") == "a/site-packages/b and /site-packages/c"
    # a sandbox printing /a/a/a… (64k segments) took minutes with a nested pattern; now it is a scan
    for tail in ("", "#/site-packages/", "/site-packages/x.py"):
        text = "/a" * 65536 + tail
        assert annotate.scrub_paths(text) == (text if tail != "/site-packages/x.py" else "…")
