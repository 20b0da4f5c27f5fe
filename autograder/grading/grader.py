"""Grading one notebook: plan, run in the sandbox, judge on the trusted side.

:class:`Grader` is the facade every command uses (``grade``, ``autograde``,
``validate``, the demo, the Dask backend). It owns the answer keys: the expected
value of every case is the reference solution's result on the same inputs
(computed once through the same sandbox and cached under ``.grader/keys``), or the
``expect=`` value written in the test cell.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path

from autograder.errors import AutograderError
from autograder.grading import keys as answer_key
from autograder.grading import compare
from autograder.sandbox import plain
from autograder.sandbox.vocab import BUILTIN_EXCEPTIONS
from autograder.grading import checkfile
from autograder.grading.cases import Case, Raises, Rule, signature
from autograder.grading.checkfile import SUFFIX as CHECK_FILE_SUFFIX
from autograder.course import Course
from autograder.notebook import (ExecutionPlan, NotebookError, SourceNotebook, load_source, plan_execution,
                                 read_notebook)
from autograder.grading.pool import WorkerError, WorkerPool
from autograder.results import CaseResult, CellRun, GradeResult, ItemResult, strip_ansi
from autograder.grading.spec import TestCell, extract_tests


def _seconds(value) -> float:
    return float(value) if isinstance(value, (int, float)) and 0 <= value < 1e6 else 0.0


#: Why a case has no answer, by the run's status (the run's own message says the details once).
NOT_RUN = {"ok": "der Aufruf fand nicht statt.", "timeout": "das Notebook hat sein Zeitlimit überschritten.",
           "memory": "das Notebook hat sein Speicherlimit überschritten.",
           "crashed": "die Ausführung endete vorzeitig.",
           "protocol": "die Bewertung wurde wegen einer Störung ihres Ablaufs abgebrochen.",
           "internal": "ein interner Fehler des Bewerters (die Abgabe wird erneut bewertet)."}


class SandboxExposed(AutograderError):
    """Student code would run where it could read solutions or keys: refused, for the whole batch."""


class AnswerKeyError(AutograderError):
    """The reference solution does not produce a value for some case (instructor error)."""


class Assignment:
    """One notebook of an assignment, as the grader sees it: source, tests, key."""

    def __init__(self, course: Course, assignment: str, notebook: str, spec_path: Path | None = None):
        course.assignment(assignment)
        self.course, self.assignment, self.notebook = course, assignment, notebook
        self.source_path = spec_path or course.source_path(assignment, notebook)
        self.source: SourceNotebook = load_source(self.source_path)
        self.tests: list[TestCell] = extract_tests(self.source)
        self.digest = hashlib.sha256(self.source_path.read_bytes()).hexdigest()[:16]
        self.key: dict | None = None
        self.reference_run: dict | None = None   # the reference solution's raw results (see Grader.reference)

    @property
    def cases(self) -> list[Case]:
        return [c for t in self.tests for c in t.cases]

    def calls(self, hidden: bool) -> list[tuple]:
        """``(case_id, function, args, kwargs, timeout)`` of the visible or the hidden cases."""
        return [(c.case_id, c.function, c.args, c.kwargs, c.timeout) for c in self.cases if c.hidden == hidden]

    def data_files(self) -> list[Path]:
        """Files next to the release notebook that student code may read (data sets)."""
        folder = self.course.root / "release" / self.assignment
        if not folder.is_dir():
            return []
        return [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".ipynb"
                and not p.name.endswith(CHECK_FILE_SUFFIX) and ".ipynb_checkpoints" not in p.parts]


class Grader:
    def __init__(self, course: Course, pool: WorkerPool | None = None, workers: int = 1,
                 isolate: bool = True):
        self.course = course
        self.pool = pool or WorkerPool(workers)
        self._own_pool = pool is None
        self.isolate = isolate
        self._assignments: dict[tuple[str, str], Assignment] = {}
        self.tmp_root = Path(tempfile.mkdtemp(prefix="autograder-coordinator-"))  # never seen by a sandbox

    def close(self) -> None:
        if self._own_pool:
            self.pool.close()
        shutil.rmtree(self.tmp_root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- assignments and keys ---------------------------------------------------------
    def assignment(self, assignment: str, notebook: str, visible_only: bool = False) -> Assignment:
        """The grader's view of a notebook. ``visible_only`` reads the tests from the release
        (what students have: visible tests with their expected values, no source needed)."""
        k = (assignment, notebook, visible_only)
        if k not in self._assignments:
            release = self.course.release_path(assignment, notebook)
            spec = release if visible_only and release.is_file() else None
            self._assignments[k] = Assignment(self.course, assignment, notebook, spec)
        return self._assignments[k]

    def key(self, a: Assignment) -> dict:
        if a.key is not None:
            return a.key
        cache = self.key_path(a)
        stored = answer_key.read(cache)
        if stored is None:
            encoded = self._compute_key(a)
            answer_key.write(cache, a.tests, encoded)
            stored = answer_key.read(cache)
        a.key = answer_key.expected_values(stored)
        return a.key

    def key_path(self, a: Assignment) -> Path:
        return answer_key.cache_path(self.course.state_dir, a.assignment, a.notebook, a.digest)

    def reference(self, a: Assignment) -> dict:
        """The reference solution's raw results on every case, visible and hidden: one sandbox run
        per notebook, kept for the answer key and the release check (``grading.verify``)."""
        if a.reference_run is None:
            a.reference_run = self._run(a, read_notebook(a.source_path), hidden=True)
        return a.reference_run

    def _compute_key(self, a: Assignment) -> dict:
        """Run the reference solution through the sandbox on every case's inputs."""
        raw = self.reference(a)
        missing = []
        encoded = {}
        for case in a.cases:
            if isinstance(case.expect, Rule):  # judged by its rule; the key holds no value for it
                encoded[case.case_id] = {"__unsupported__": f"rule {type(case.expect).__name__}"}
                continue
            if case.has_expect:
                encoded[case.case_id] = plain.encode(case.expect)
                continue
            got = raw["cases"].get(case.case_id, {})
            if "value" not in got:
                reason = got.get("text") or got.get("outcome") or raw["message"] or "kein Ergebnis"
                missing.append(f"{case.case_id} {case.call_text()}: {reason}")
            else:
                try:  # the key file holds JSON: arrays as base64 again
                    encoded[case.case_id] = plain.encode(plain.decode(got["value"]))
                except plain.PlainDataError:
                    missing.append(f"{case.case_id} {case.call_text()}: unreadable result")
        if missing:
            raise AnswerKeyError("the reference solution fails on: " + "; ".join(missing[:5]))
        return encoded

    # -- running ----------------------------------------------------------------------
    def _job(self, a: Assignment, plan: ExecutionPlan, extra_mask: list[str]) -> tuple[dict, Path]:
        workdir = self.pool.workdir()
        release_dir = self.course.root / "release" / a.assignment
        for f in a.data_files():
            target = workdir / f.relative_to(release_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
        mask = self.course.sandbox_mask() + extra_mask
        job = {"cells": [code for _, code in plan.code_cells], "limits": self.course.limits,
               "student_cells": plan.student_indices(),
               "helper_cells": plan.helper_indices({c.function for c in a.cases}), "workdir": str(workdir), "mask": mask,
               "probes": self.course.sandbox_mask(),
               "isolate": self.isolate, "threads": max(1, 2 // max(1, self.pool.n))}
        return job, workdir

    def _run(self, a: Assignment, nb, hidden: bool, extra_mask=(), plan: ExecutionPlan | None = None) -> dict:
        """Run a notebook and its calls: the visible ones, and the hidden ones when ``hidden``."""
        plan = plan or plan_execution(a.source, nb)
        visible, secret = a.calls(hidden=False), (a.calls(hidden=True) if hidden else [])
        for attempt in (1, 2):
            job, workdir = self._job(a, plan, list(extra_mask))
            try:
                raw = self.pool.run(job, visible, secret)
                if raw["status"] == "exposed":
                    raise SandboxExposed(
                        "the sandbox could read the course's sources or keys here (no bubblewrap, no mount "
                        "namespace); install bubblewrap (apt-get install bubblewrap) and run as root, or make "
                        "source/, .grader/, gradebook.db and submitted/ unreadable for other users (chmod -R o-rwx)")
                return raw
            except WorkerError:  # the worker itself died (not the sandbox): once more on a fresh one
                if attempt == 2:
                    raise
            finally:
                shutil.rmtree(workdir, ignore_errors=True)

    # -- grading ----------------------------------------------------------------------
    def grade(self, assignment: str, notebook: str, path: str | Path, student: str = "student",
              visible_only: bool = False) -> GradeResult:
        """Grade one submitted notebook file. Problems of the submission become results."""
        a = self.assignment(assignment, notebook, visible_only)
        key = self._released_checks(a, Path(path)) if visible_only else self.key(a)
        started = time.perf_counter()
        result = GradeResult(assignment, notebook, student)
        try:
            nb = read_notebook(path)
        except NotebookError as exc:
            result.status, result.message = "invalid", str(exc)
            self._judge(a, key, {}, result, not_run=str(exc), visible_only=visible_only)
            result.execution_time = time.perf_counter() - started
            return result
        plan = plan_execution(a.source, nb)
        result.problems = list(plan.problems)
        result.answers = dict(plan.answers)
        if plan.foreign:
            result.status, result.message = "invalid", "Das Notebook gehört nicht zu dieser Aufgabe."
            self._judge(a, key, {}, result, not_run=result.message, visible_only=visible_only)
            result.execution_time = time.perf_counter() - started
            return result
        raw = self._run(a, nb, not visible_only, self._submission_mask(Path(path)), plan)
        result.status = raw["status"]
        result.message = raw.get("message", "").strip() if raw["status"] != "ok" else ""
        if raw["status"] == "internal":  # a grader bug, never the student's: say so, show nothing of it
            result.message = "Interner Fehler des Bewerters bei dieser Abgabe; sie wird erneut bewertet."
        result.protections = list(raw.get("protections", []))
        labels = [label for label, _ in plan.code_cells]
        for cell in raw.get("cells", []):
            i = cell.get("i")
            if isinstance(i, int) and 0 <= i < len(labels):
                result.cells.append(CellRun(labels[i], str(cell.get("status")), strip_ansi(cell.get("output") or ""),
                                            strip_ansi(cell.get("error") or "") or None,
                                            _seconds(cell.get("seconds"))))
        result.code_seconds = round(sum(c.seconds for c in result.cells) + sum(
            _seconds(c.get("seconds")) for c in raw.get("cases", {}).values() if isinstance(c, dict)), 4)
        self._judge(a, key, raw.get("cases", {}), result, not_run=NOT_RUN.get(result.status, "nicht ausgeführt."),
                    visible_only=visible_only)
        result.execution_time = time.perf_counter() - started
        return result

    def _released_checks(self, a: Assignment, path: Path) -> dict:
        """Without the key: the released check files' values of visible cases without ``expect=``
        (next to the notebook, else in the release folder), by case id."""
        index = {**checkfile.index(self.course.root / "release" / a.assignment), **checkfile.index(path.parent)}
        out = {}
        for case in a.cases:
            e = index.get(signature(case.function, case.args, case.kwargs))
            if e is not None and not case.hidden and not case.has_expect:
                try:
                    out[case.case_id] = plain.decode(e["expected"])
                except (plain.PlainDataError, KeyError):
                    continue
        return out

    def _submission_mask(self, path: Path) -> list[str]:
        """Hide the folder the submission came from (it may hold other students' files)."""
        folder = path.resolve().parent
        if folder in (Path("/"), Path("/tmp"), Path.home()) or folder in self.tmp_root.parents \
                or folder == self.course.root or folder in self.course.root.parents:
            return []
        return [str(folder)]

    def _judge(self, a: Assignment, key: dict, raw_cases: dict, result: GradeResult, not_run: str,
               visible_only: bool) -> None:
        show_expected = bool(self.course.setting("SHOW_EXPECTED_IN_FEEDBACK", True))
        timeout = self.course.limits["case_timeout"]
        for test in a.tests:
            cases = [c for c in test.cases if not (visible_only and c.hidden)]
            total = sum(c.weight for c in cases) or 1.0
            case_results = []
            if visible_only:  # without the key: cases with a written or released expected value
                cases = [c for c in cases if c.has_expect or c.case_id in key]
            for n, case in enumerate(cases, 1):
                label = (f"Verborgener Test {n}" if case.hidden else f"Test {n}") + \
                        (f" – {case.desc}" if case.desc else "") + ("" if case.hidden else f" [{case.call_text()}]")
                fraction, message = self._judge_case(case, key, raw_cases.get(case.case_id), not_run,
                                                     show_expected, timeout)
                case_results.append(CaseResult(case.case_id, label, case.hidden, case.weight, fraction, message))
            score = test.points * sum(c.weight * c.fraction for c in case_results) / total
            result.items.append(ItemResult(test.grade_id, "autograded", test.points, round(score, 2), case_results))
        for item in a.source.items:
            if item.kind == "manual":
                answer = result.answers.get(item.grade_id, "")
                result.items.append(ItemResult(item.grade_id, "manual", item.points, None,
                                               note="Wird von Tutor:innen bewertet." if answer.strip()
                                               else "Keine Antwort abgegeben."))

    @staticmethod
    def _judge_case(case: Case, key: dict, got: dict | None, not_run: str, show_expected: bool,
                    timeout: float) -> tuple[float, str]:
        """The verdict on one answered call. Only the outcome's fixed words, built-in exception
        names and (for visible cases) the student's own value and error text reach the message."""
        if got is None:
            return 0.0, f"Nicht ausgeführt: {not_run}"
        outcome = got.get("outcome")
        limit = float(case.timeout or timeout)
        if outcome == "missing":
            return 0.0, f"Die Funktion '{case.function}' ist nicht definiert (fehlt die Zelle oder bricht sie " \
                        f"mit einem Fehler ab?)."
        if outcome == "not_implemented":
            return 0.0, f"'{case.function}' ist noch nicht implementiert (NotImplementedError)."
        if outcome == "timeout":
            return 0.0, f"Zeitlimit von {compare.german_number(limit)} s beim Aufruf überschritten."
        if outcome == "aborted":
            return 0.0, f"Nicht zu Ende ausgeführt: {not_run}"
        if outcome == "too_large":
            if case.hidden:  # the size is the student's to choose: it could carry the hidden inputs
                return 0.0, "Rückgabe zu groß; so große Rückgabewerte werden nicht bewertet."
            size = compare.german_number(round(int(got.get("bytes", 0)) / 2**20, 1))
            return 0.0, f"Rückgabe zu groß ({size} MB als Daten); so große Rückgabewerte werden nicht bewertet."
        if outcome == "unencodable":
            return 0.0, "Der Rückgabewert lässt sich nicht als Daten übertragen (ein Objekt mit eigenem Verhalten?)."
        if outcome == "error":
            types = [t for t in got.get("types", []) if t in BUILTIN_EXCEPTIONS]
            if isinstance(case.expect, Raises):
                verdict = compare.judge_raised(case.expect, types)
                return verdict.fraction, verdict.message
            if case.hidden:  # the message could carry the hidden inputs: only a built-in class name
                return 0.0, f"Fehler beim Aufruf: {types[0] if types else 'ein Fehler'}"
            return 0.0, f"Fehler beim Aufruf: {strip_ansi(str(got.get('text', '')))[:500]}"
        if outcome != "value" or "value" not in got:
            return 0.0, "Das Ergebnis kam in einem ungültigen Format zurück."
        try:
            value = plain.decode(got["value"])
        except plain.PlainDataError:
            return 0.0, "Das Ergebnis kam in einem ungültigen Format zurück."
        if isinstance(case.expect, Rule):
            expected = case.expect
        else:
            expected = plain.decode(plain.encode(case.expect)) if case.has_expect else key.get(case.case_id)
        verdict = compare.judge(expected, value, case, show_expected=show_expected or not case.hidden)
        return verdict.fraction, verdict.message
