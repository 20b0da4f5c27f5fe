"""formgrader without noise: no pseudo-assignment for quiz sources, no complaint about a missing exchange."""

import logging

import pytest

from autograder.gradebook.adapter import nbgrader_api
from conftest import ROOT


def test_quiz_sources_are_no_assignment_and_no_exchange_is_quiet(course, caplog):
    with caplog.at_level(logging.DEBUG):
        api = nbgrader_api(course)
        names = api.get_source_assignments()
    assert "quizzes" not in names and "04_cnn" in names
    assert {a["name"] for a in api.get_assignments()} == names
    assert api.exchange_missing and not api.exchange_is_functional
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "xchange" in r.getMessage() + "x"
                and "Unwritable" in r.getMessage()]


def _config(tmp_path, exchange: str):
    text = (ROOT / "course_config.py").read_text()
    assert "\nEXCHANGE_ROOT = None\n" in text
    (tmp_path / "course_config.py").write_text(text.replace("\nEXCHANGE_ROOT = None\n", f"\nEXCHANGE_ROOT = {exchange!r}\n"))
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("course_config.py", path=str(tmp_path)).load_config()


def test_an_exchange_lives_outside_the_course(tmp_path):
    outside = tmp_path.parent / "exchange-elsewhere"
    config = _config(tmp_path, str(outside))
    assert config.Exchange.root == str(outside)
    with pytest.raises(ValueError, match="inside the course folder"):
        _config(tmp_path, str(tmp_path / "exchange"))
