"""The course: settings from ``course_config.py``, its units, its roster and the paths of its layout.

A *unit* is what students hand in and get a grade for: an exercise (``ASSIGNMENTS``: one or
more notebooks under ``source/<id>/``) or a quiz (``QUIZZES``: one notebook ``<id>.ipynb``, a
variant per student, defined in ``source/quizzes/<id>.py``). Both have an id, a title, a due
date, notebooks and points, and every command treats them alike; only grading one notebook
differs (sandboxed tests or parsed quiz answers).

``course_config.py`` is validated when it is loaded, before anything runs: unknown settings
and keys, wrong types, unreadable due dates and units without notebooks are refused with
one line naming the file, the line and the key.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import difflib
import importlib.util
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import AutograderError
from autograder.late import DueDateError, LatePolicy, Lateness, parse_due, zone

DEFAULT_LIMITS = {"cell_timeout": 30.0, "notebook_timeout": 180.0, "case_timeout": 10.0, "cpu_seconds": 240,
                  "memory_mb": 3072, "output_kb": 256, "max_processes": 64, "cpus": 1.0}

# setting -> (accepted types, description for messages)
SETTINGS = {
    "COURSE_ID": ((str,), "a string"),
    "COURSE_TITLE": ((str,), "a string"),
    "LANGUAGE": ((str,), "'de' or 'en'"),
    "TIMEZONE": ((str,), "an IANA time zone name such as 'Europe/Berlin'"),
    "ASSIGNMENTS": ((dict,), "a dict of assignments"),
    "QUIZZES": ((dict,), "a dict of quizzes"),
    "LATE_PENALTY_PER_DAY": ((int, float), "a number between 0 and 1"),
    "LATE_MAX_DAYS": ((int,), "a whole number of days"),
    "LIMITS": ((dict,), "a dict of limits"),
    "SHOW_EXPECTED_IN_FEEDBACK": ((bool,), "True or False"),
    "SHOW_QUIZ_ANSWERS": ((bool,), "True or False"),
    "STUDENTS_FILE": ((str, type(None)), "a file name such as 'students.csv'"),
    "EXCHANGE_ROOT": ((str, type(None)), "None or a folder outside the course (nbgrader's exchange)"),
    "GRADESCOPE_HIDDEN_VISIBILITY": ((str,), "'hidden', 'after_due_date' or 'after_published'"),
    "CHROMIUM": ((str, type(None)), "the path of a Chromium binary"),
}
EXERCISE_KEYS = {"title": (str,), "notebooks": (list, tuple), "due": (str, type(None))}
QUIZ_KEYS = {"title": (str,), "due": (str, type(None)), "show_answers": (bool,)}
ROSTER_COLUMNS = ("id", "first_name", "last_name", "email", "lms_user_id")  # nbgrader's Student
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}")


class CourseError(AutograderError):
    """Misuse or a broken course: unknown unit, missing files, a bad setting. One line, exit 1."""


@dataclass
class Unit:
    """An exercise or a quiz: what students hand in under ``submitted/<student>/<id>/``."""

    kind: str                      # "exercise" or "quiz"
    id: str
    title: str
    due: dt.datetime | None        # aware; None: no deadline
    notebooks: list[str]
    options: dict = field(default_factory=dict)   # the entry of ASSIGNMENTS/QUIZZES as written

    @property
    def is_quiz(self) -> bool:
        return self.kind == "quiz"

    @property
    def label(self) -> str:
        return "quiz" if self.is_quiz else "assignment"


@dataclass
class Student:
    """A row of the roster (nbgrader's student CSV)."""

    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""

    def gradebook_fields(self) -> dict:
        """As ``nbgrader db student import`` stores them: empty strings become None."""
        return {k: (getattr(self, k) or None) for k in ROSTER_COLUMNS[1:]}


@dataclass
class Course:
    root: Path
    settings: object  # the course_config module
    _units: dict | None = field(default=None, repr=False)

    # -- settings ---------------------------------------------------------------------
    @property
    def course_id(self) -> str:
        return getattr(self.settings, "COURSE_ID", "course")

    def setting(self, name: str, default=None):
        return getattr(self.settings, name, default)

    @property
    def limits(self) -> dict:
        return {**DEFAULT_LIMITS, **getattr(self.settings, "LIMITS", {})}

    @property
    def tz(self) -> dt.tzinfo:
        return zone(self.setting("TIMEZONE", "UTC") or "UTC")

    @property
    def late_policy(self) -> LatePolicy:
        return LatePolicy(float(self.setting("LATE_PENALTY_PER_DAY", 0.1)), int(self.setting("LATE_MAX_DAYS", 7)),
                          self.tz)

    @property
    def language(self) -> str:
        return "en" if self.setting("LANGUAGE", "de") == "en" else "de"

    # -- units ------------------------------------------------------------------------
    @property
    def units(self) -> dict[str, Unit]:
        """Every unit in course order: the assignments, then the quizzes."""
        if self._units is None:
            self._units = build_units(self.settings, self.tz)
        return dict(self._units)

    def unit(self, name: str) -> Unit:
        units = self.units
        if name not in units:
            raise CourseError(f"unknown assignment or quiz '{name}' (known: {', '.join(units) or 'none'})")
        return units[name]

    @property
    def assignments(self) -> dict:
        """The exercises as written in ``ASSIGNMENTS`` (id -> entry)."""
        return dict(getattr(self.settings, "ASSIGNMENTS", {}) or {})

    @property
    def quizzes(self) -> dict:
        """The quizzes as written in ``QUIZZES`` (id -> entry)."""
        return dict(getattr(self.settings, "QUIZZES", {}) or {})

    def assignment(self, name: str) -> dict:
        """The entry of an exercise; :class:`CourseError` for anything else."""
        if name not in self.assignments:
            hint = " (a quiz: this command works on exercises only)" if name in self.quizzes else ""
            raise CourseError(f"unknown assignment '{name}'{hint} (known: {', '.join(self.assignments) or 'none'})")
        return self.assignments[name]

    def quiz(self, name: str) -> Unit:
        if name not in self.quizzes:
            raise CourseError(f"unknown quiz '{name}' (known: {', '.join(self.quizzes) or 'none'})")
        return self.units[name]

    def notebooks(self, unit: str) -> list[str]:
        return list(self.unit(unit).notebooks)

    def lateness(self, unit: str, submitted: dt.datetime | None, extension: dt.timedelta | None = None,
                 problem: str = "") -> Lateness:
        return Lateness(self.late_policy, self.unit(unit).due, submitted, extension, problem)

    # -- roster -----------------------------------------------------------------------
    def roster(self, required: bool = False) -> list[Student] | None:
        """The students of ``STUDENTS_FILE``; None when the course has none (an error if ``required``)."""
        name = self.setting("STUDENTS_FILE")
        path = self.root / name if name else None
        if path is None or not path.is_file():
            if required:
                raise CourseError(f"{name} (STUDENTS_FILE) is missing" if name else
                                  "no roster: set STUDENTS_FILE in course_config.py or pass --student")
            return None
        return read_roster(path)

    # -- paths ------------------------------------------------------------------------
    def source_path(self, assignment: str, notebook: str) -> Path:
        return self.root / "source" / assignment / f"{notebook}.ipynb"

    def release_path(self, assignment: str, notebook: str) -> Path:
        return self.root / "release" / assignment / f"{notebook}.ipynb"

    def quiz_definition_path(self, quiz: str) -> Path:
        return self.root / "source" / "quizzes" / f"{quiz}.py"

    @property
    def submitted_dir(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded_dir(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback_dir(self) -> Path:
        return self.root / "feedback"

    @property
    def state_dir(self) -> Path:
        """Grader-only state (answer keys, run records); masked inside the sandbox."""
        return self.root / ".grader"

    @property
    def gradebook_url(self) -> str:
        return os.environ.get("AUTOGRADER_DB_URL") or f"sqlite:///{self.root / 'gradebook.db'}"

    def sandbox_mask(self) -> list[str]:
        """Paths student code must not read: sources, keys, gradebook, other students' work."""
        names = ["source", "submitted", "autograded", "feedback", ".grader", ".git", "tests", "gradebook.db",
                 "exports", "reports", "benchmarks"]
        # the checkout the grader itself runs from (an editable install) may be another course's
        # repository: its sources and tests quote hidden inputs, so they are hidden as well
        toolkit = Path(__file__).resolve().parent.parent
        roots = [self.root] + ([toolkit] if (toolkit / "course_config.py").is_file() else [])
        return [str(r / n) for r in dict.fromkeys(roots) for n in names if (r / n).exists()]


# ----------------------------------------------------------------------------- loading
def find_root(start: Path | None = None) -> Path:
    env = os.environ.get("AUTOGRADER_COURSE_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "course_config.py").is_file():
            return candidate
    package_parent = Path(__file__).resolve().parent.parent
    if (package_parent / "course_config.py").is_file():
        return package_parent
    raise CourseError("no course_config.py found (run inside the course repository)")


def load_course(root: str | Path | None = None) -> Course:
    """Read and validate ``course_config.py``; every problem is a one-line :class:`CourseError`."""
    root = Path(root).resolve() if root else find_root()
    path = root / "course_config.py"
    if not path.is_file():
        raise CourseError(f"no course_config.py in {root}")
    module = run_python_file(path, "course_config")
    course = Course(root, module)
    validate(course, path)
    return course


def run_python_file(path: Path, name: str):
    """Execute a course file (``course_config.py``, a quiz definition); errors as one line with its line."""
    try:
        text = path.read_text(encoding="utf-8")
        code = compile(text, str(path), "exec")
    except SyntaxError as exc:
        raise CourseError(f"syntax error: {exc.msg}", where=f"{path.name}:{exc.lineno}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"cannot read it ({exc})", where=path.name) from None
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        exec(code, module.__dict__)  # noqa: S102 - the course's own configuration
    except AutograderError:
        raise
    except Exception as exc:  # noqa: BLE001 - any error of the file, reported with its line
        line = _traceback_line(exc, str(path))
        raise CourseError(f"{type(exc).__name__}: {exc}", where=f"{path.name}:{line}" if line else path.name) \
            from None
    finally:
        sys.modules.pop(name, None)
    return module


def _traceback_line(exc: BaseException, filename: str) -> int | None:
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# ----------------------------------------------------------------------------- validation
class _Lines:
    """Line numbers of settings and dict keys in ``course_config.py`` (for messages)."""

    def __init__(self, path: Path):
        self.name = path.name
        self.top: dict[str, ast.AST] = {}
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError):
            return
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Name):
                        self.top[t.id] = node

    def where(self, setting: str, *keys: str) -> str:
        node = self.top.get(setting)
        if node is None:
            return self.name
        line, value = node.lineno, getattr(node, "value", None)
        for key in keys:
            if not isinstance(value, ast.Dict):
                break
            match = next(((k, v) for k, v in zip(value.keys, value.values)
                          if isinstance(k, ast.Constant) and k.value == key), None)
            if match is None:
                break
            line, value = match[0].lineno, match[1]
        return f"{self.name}:{line}"


def _suggest(word: str, known) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"


def validate(course: Course, path: Path) -> None:
    """Check ``course_config.py`` before anything runs; raise the first problem as one line."""
    lines = _Lines(path)
    settings = course.settings

    def fail(message: str, setting: str, *keys: str):
        raise CourseError(message, where=lines.where(setting, *keys))

    for name in vars(settings):
        if name.isupper() and not name.startswith("_") and name not in SETTINGS:
            fail(f"unknown setting {name}{_suggest(name, SETTINGS)}", name)
    for name, (types, what) in SETTINGS.items():
        if not hasattr(settings, name):
            continue
        value = getattr(settings, name)
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            fail(f"{name} must be {what}, not {type(value).__name__} {value!r}", name)
    if course.setting("LANGUAGE", "de") not in ("de", "en"):
        fail(f"LANGUAGE must be 'de' or 'en', not {course.setting('LANGUAGE')!r}", "LANGUAGE")
    try:
        course.tz  # noqa: B018 - validates TIMEZONE
    except ValueError as exc:
        fail(f"TIMEZONE: {exc}", "TIMEZONE")
    per_day = course.setting("LATE_PENALTY_PER_DAY", 0.1)
    if not 0 <= per_day <= 1:
        fail(f"LATE_PENALTY_PER_DAY must be between 0 and 1 (a share of the points), not {per_day}",
             "LATE_PENALTY_PER_DAY")
    if course.setting("LATE_MAX_DAYS", 7) < 0:
        fail("LATE_MAX_DAYS must not be negative", "LATE_MAX_DAYS")
    for key, value in (course.setting("LIMITS") or {}).items():
        if key not in DEFAULT_LIMITS:
            fail(f"LIMITS: unknown limit '{key}'{_suggest(key, DEFAULT_LIMITS)}", "LIMITS", key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            fail(f"LIMITS['{key}'] must be a positive number, not {value!r}", "LIMITS", key)
    seen: dict[str, str] = {}
    for setting, allowed in (("ASSIGNMENTS", EXERCISE_KEYS), ("QUIZZES", QUIZ_KEYS)):
        for uid, entry in (course.setting(setting) or {}).items():
            label = f"{setting}[{uid!r}]"
            if not isinstance(uid, str) or not _NAME.fullmatch(uid):
                fail(f"{label}: an id must be letters, digits, '_', '.', '-' (a folder name)", setting, uid)
            if uid in seen:
                fail(f"'{uid}' is in both {seen[uid]} and {setting}; ids must be unique", setting, uid)
            seen[uid] = setting
            if not isinstance(entry, dict):
                fail(f"{label} must be a dict such as {{'title': ..., 'due': ...}}, not {type(entry).__name__}",
                     setting, uid)
            for key, value in entry.items():
                if key not in allowed:
                    fail(f"{label}: unknown key '{key}'{_suggest(key, allowed)}", setting, uid, key)
                if not isinstance(value, allowed[key]):
                    fail(f"{label}['{key}'] has the wrong type {type(value).__name__}", setting, uid, key)
            if setting == "ASSIGNMENTS":
                notebooks = entry.get("notebooks")
                if not notebooks:
                    fail(f"{label} has no notebooks: add \"notebooks\": [\"{uid}\"] "
                         f"(source/{uid}/<notebook>.ipynb)", setting, uid)
                for nb in notebooks:
                    if not isinstance(nb, str) or not _NAME.fullmatch(nb) or nb.endswith(".ipynb"):
                        fail(f"{label}: notebook names are file names without '.ipynb', not {nb!r}",
                             setting, uid, "notebooks")
            if entry.get("due") is not None:
                try:
                    parse_due(entry["due"], course.tz, f"{label}['due']")
                except DueDateError as exc:
                    fail(str(exc), setting, uid, "due")


def build_units(settings, tz: dt.tzinfo) -> dict[str, Unit]:
    units = {}
    for uid, entry in (getattr(settings, "ASSIGNMENTS", {}) or {}).items():
        due = parse_due(entry["due"], tz, f"ASSIGNMENTS[{uid!r}]['due']") if entry.get("due") else None
        units[uid] = Unit("exercise", uid, entry.get("title", uid), due, list(entry.get("notebooks", [])), dict(entry))
    for uid, entry in (getattr(settings, "QUIZZES", {}) or {}).items():
        due = parse_due(entry["due"], tz, f"QUIZZES[{uid!r}]['due']") if entry.get("due") else None
        units[uid] = Unit("quiz", uid, entry.get("title", uid), due, [uid], dict(entry))
    return units


# ----------------------------------------------------------------------------- roster
def read_roster(path: Path) -> list[Student]:
    """The roster, read exactly as ``nbgrader db student import`` reads it (``csv.DictReader``).

    Refused, with file and line: no ``id`` column, a comment line (nbgrader would import it as
    a student), an empty, padded or repeated id.
    """
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CourseError(f"cannot read the roster ({exc})", where=name) from None
    if not rows:
        raise CourseError("the roster is empty (nbgrader's format: id,first_name,last_name,email)", where=name)
    header = [h.strip() for h in rows[0]]
    if header and header[0].startswith("#"):
        raise CourseError("a comment line: nbgrader db student import cannot read it; the first line must be "
                          "the header id,first_name,last_name,email", where=f"{name}:1")
    if "id" not in header:
        raise CourseError(f"no column 'id' in the header {','.join(header)!r} (nbgrader's format: "
                          "id,first_name,last_name,email)", where=f"{name}:1")
    students, seen = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = dict(zip(header, row))
        sid = values.get("id", "")
        if sid.lstrip().startswith("#"):
            raise CourseError("a comment line: nbgrader db student import would add it as a student; "
                              "remove it", where=f"{name}:{number}")
        if not sid.strip():
            raise CourseError("a row without an id", where=f"{name}:{number}")
        if sid != sid.strip():
            raise CourseError(f"the id {sid!r} has spaces around it (nbgrader would keep them)",
                              where=f"{name}:{number}")
        if sid in seen:
            raise CourseError(f"the id '{sid}' is listed twice (also line {seen[sid]})", where=f"{name}:{number}")
        seen[sid] = number
        students.append(Student(sid, *(values.get(k, "").strip() for k in ROSTER_COLUMNS[1:])))
    return students
