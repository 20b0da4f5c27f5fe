"""Question types and quizzes: generate a variant, render it, compute its key, score an answer.

The split follows PrairieLearn's generate → render → grade:

* ``params(rng)`` draws a variant's numbers from a :class:`~autograder.quiz.variant.VariantRNG`
  seeded with quiz id, question id and student id (nothing else);
* ``text(params)`` renders the question (German with an English rendering) and never needs
  the key, so releasing notebooks imports neither TensorFlow nor scikit-learn;
* ``formula(params)`` is the course's hand calculation of the answer: the key students are
  graded against (plain Python, so keys need neither TensorFlow nor scikit-learn and a class's
  keys take milliseconds); ``key(params)`` computes the same answer with Keras or scikit-learn
  where they decide (see :mod:`autograder.quiz.ref`), the library's word that the tests check
  every formula against (``library=True``); a question without a formula is keyed by ``key``;
* ``score(instance, value)`` turns an answer (a literal read by :mod:`autograder.quiz.answers`)
  into a fraction of the points and a German/English sentence.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from autograder.quiz.answers import describe
from autograder.quiz.text import T, as_text
from autograder.quiz.variant import VariantRNG

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ID = re.compile(r"[a-z][a-z0-9_]{0,40}")
_UNSET = object()


@dataclass(frozen=True)
class Option:
    """A choice. ``id`` names it for parameterised keys; ``fixed`` keeps its position when shuffling."""

    text: T | str
    correct: bool = False
    id: str = ""
    fixed: bool = False


@dataclass(frozen=True)
class Rule:
    """A short-answer rule: the normalised answer must match ``pattern`` completely."""

    pattern: str
    fraction: float = 1.0
    feedback: T | None = None


@dataclass
class Score:
    fraction: float
    message: T


def _resolve(value, params: dict) -> T:
    return as_text(value(params) if callable(value) else value)


RIGHT = T("Richtig.", "Correct.")


class Question:
    kind = "question"
    kind_label = T("Frage", "Question")

    def __init__(self, id: str, text, *, points: float = 1.0, params: Callable[[VariantRNG], dict] | None = None,
                 key=None, formula: Callable[[dict], object] | None = None, explain=None, title=None,
                 seed_key: str | None = None, hint=None):
        if not _ID.fullmatch(id) or id.startswith(("quiz_", "test_")):
            raise ValueError(f"invalid question id {id!r} (lower case letters, digits, _; not quiz_/test_)")
        if points <= 0:
            raise ValueError(f"question {id}: points must be positive")
        if params is not None and formula is None:
            raise ValueError(f"question {id}: a parameterised question needs formula= (the hand calculation "
                             "its key is tested against)")
        self.id, self.text, self.points, self.params = id, text, float(points), params
        self.key_fn, self.formula, self.explain, self.title = key, formula, explain, title
        self.seed_key = seed_key or id
        self.hint = hint

    @property
    def parameterised(self) -> bool:
        return self.params is not None

    # -- generate -------------------------------------------------------------------------
    def make_params(self, rng: VariantRNG) -> dict:
        return dict(self.params(rng)) if self.params else {}

    def make_order(self, rng: VariantRNG, params: dict) -> tuple[int, ...] | None:
        return None

    # -- render ---------------------------------------------------------------------------
    def text_for(self, params: dict) -> T:
        return _resolve(self.text, params)

    def title_for(self, params: dict) -> T:
        if self.title is not None:
            return _resolve(self.title, params)
        first = self.text_for(params)
        return T(_first_words(first.de), _first_words(first.en or first.de))

    def body(self, inst: "Instance") -> T:
        """Markdown below the question text (the options of a choice question)."""
        return T("", "")

    def hint_for(self, inst: "Instance") -> T:
        """The answer format shown under the question: the definition's ``hint`` or the type's default."""
        return as_text(self.hint) if self.hint is not None else self.default_hint()

    def default_hint(self) -> T:
        return T("", "")

    def spec(self, inst: "Instance") -> dict:
        """The answer's expected form (no key): for the students' format check."""
        return {"kind": self.kind}

    # -- key ------------------------------------------------------------------------------
    def compute_key(self, inst: "Instance", library: bool = False):
        """The key: from the formula, or (``library``, or without a formula) from ``key``."""
        raise NotImplementedError

    def key_function(self, library: bool = False):
        return self.key_fn if library or self.formula is None else self.formula

    def correct_answer(self, inst: "Instance"):
        """What a student writes into the answer cell to get full marks."""
        return inst.key()

    def answer_text(self, inst: "Instance") -> T:
        return as_text(describe(self.correct_answer(inst)))

    def explanation(self, inst: "Instance") -> T | None:
        return _resolve(self.explain, inst.params) if self.explain is not None else None

    def same(self, a, b) -> bool:
        """Whether two keys agree (the tests compare key and formula with this)."""
        return a == b

    # -- grade ----------------------------------------------------------------------------
    def score(self, inst: "Instance", value, show: bool) -> Score:
        raise NotImplementedError

    def with_answer(self, inst: "Instance", message: T, show: bool) -> T:
        if not show:
            return message
        answer = self.answer_text(inst)
        out = message + T(" Richtige Antwort: ", " Correct answer: ") + T(answer.de.rstrip("."), answer.en.rstrip("."))
        out = out + "."
        explanation = self.explanation(inst)
        if explanation is not None:
            out = out + T(" Lösungsweg: ", " Worked solution: ") + explanation
        return out


def _first_words(text: str, limit: int = 60) -> str:
    text = re.sub(r"[`*_$]", "", text.split("\n")[0]).strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


# ----------------------------------------------------------------------------- choices
class _Choice(Question):
    def __init__(self, id, text, options, *, shuffle: bool = True, **kw):
        super().__init__(id, text, **kw)
        self.options, self.shuffle = options, shuffle
        if not callable(options):
            self._check_options(list(options), static=self.key_fn is None)

    def options_for(self, params: dict) -> list[Option]:
        options = list(self.options(params) if callable(self.options) else self.options)
        return [o if isinstance(o, Option) else Option(o) for o in options]

    def _check_options(self, options: list[Option], static: bool) -> None:
        if not 2 <= len(options) <= len(LETTERS):
            raise ValueError(f"question {self.id}: needs 2..{len(LETTERS)} options")
        if static:
            self._check_correct(sum(o.correct for o in options))

    def _check_correct(self, n: int) -> None:
        raise NotImplementedError

    def make_order(self, rng, params):
        options = self.options_for(params)
        positions = list(range(len(options)))
        if not self.shuffle:
            return tuple(positions)
        movable = [i for i in positions if not options[i].fixed]
        shuffled = iter(rng.shuffled(movable))
        return tuple(i if options[i].fixed else next(shuffled) for i in positions)

    def shown(self, inst) -> list[Option]:
        options = self.options_for(inst.params)
        return [options[i] for i in inst.order]

    def letters(self, inst) -> str:
        return LETTERS[:len(self.shown(inst))]

    def body(self, inst) -> T:
        lines = [T(f"- **{letter})** ", f"- **{letter})** ") + as_text(o.text)
                 for letter, o in zip(self.letters(inst), self.shown(inst))]
        return T("\n", "\n").join(lines)

    def spec(self, inst) -> dict:
        return {"kind": self.kind, "letters": self.letters(inst)}

    def correct_ids(self, inst) -> set[str]:
        """Option ids (or positions as text) of the correct options."""
        return _as_ids(inst.key())

    def _option_key(self, options: list[Option]) -> set[str]:
        return {o.id or str(i) for i, o in enumerate(options) if o.correct}

    def compute_key(self, inst, library: bool = False):
        options = self.options_for(inst.params)
        fn = self.key_function(library)
        if fn is not None:
            key = fn(inst.params)
            wanted = _as_ids(key)
            if not wanted <= {o.id for o in options}:
                raise ValueError(f"question {self.id}: key {sorted(wanted)} names no option")
            self._check_correct(len(wanted))
            return key if isinstance(key, str) else sorted(wanted)
        ids = self._option_key(options)
        self._check_correct(len(ids))
        return next(iter(ids)) if self.kind == "single" else sorted(ids)

    def correct_letters(self, inst) -> list[str]:
        ids = self.correct_ids(inst)
        options = self.options_for(inst.params)
        return [letter for letter, pos in zip(self.letters(inst), inst.order)
                if (options[pos].id or str(pos)) in ids]

    def answer_text(self, inst) -> T:
        shown = dict(zip(self.letters(inst), self.shown(inst)))
        parts = []
        for letter in self.correct_letters(inst):
            text = as_text(shown[letter].text)
            parts.append(T(f"{letter}) {text.de.rstrip('.')}", f"{letter}) {(text.en or text.de).rstrip('.')}"))
        return T("; ", "; ").join(parts)

    def same(self, a, b) -> bool:
        return _as_ids(a) == _as_ids(b)


def _as_ids(key) -> set[str]:
    """A choice key (one option id, or several) as a set of ids."""
    return {key} if isinstance(key, str) else set(key)


def _tokens(value) -> list[str] | None:
    """Letters in an answer: ``"b"``, ``"b)"``, ``"a, c"``, ``"ac"``, ``["a", "c"]``, ``{"a", "c"}``."""
    if isinstance(value, str):
        parts = [p for p in re.split(r"[\s,;/+()\[\]{}.'\"]+", value.lower()) if p]
        if len(parts) == 1 and len(parts[0]) > 1 and parts[0].isalpha():
            parts = list(parts[0])
        return parts
    if isinstance(value, (list, tuple, set)):
        out = []
        for item in value:
            if not isinstance(item, str):
                return None
            out += _tokens(item) or []
        return out
    return None


class SingleChoice(_Choice):
    """Exactly one option is right; the answer is its letter, e.g. ``"b"``."""

    kind = "single"
    kind_label = T("Einfachauswahl", "Single choice")

    def _check_correct(self, n):
        if n != 1:
            raise ValueError(f"question {self.id}: a single-choice question needs exactly one correct option")

    def default_hint(self):
        return T('ein Buchstabe als Text, z. B. `"b"`', 'one letter as a string, e.g. `"b"`')

    def correct_answer(self, inst):
        return self.correct_letters(inst)[0]

    def score(self, inst, value, show) -> Score:
        letters = self.letters(inst)
        tokens = _tokens(value)
        if not tokens or len(tokens) != 1 or tokens[0] not in letters:
            return Score(0.0, self.with_answer(inst, T(
                f"Erwartet wird genau ein Buchstabe von a bis {letters[-1]}, erhalten: {describe(value)}.",
                f"Exactly one letter from a to {letters[-1]} is expected, got: {describe(value)}."), show))
        if tokens[0] == self.correct_answer(inst):
            return Score(1.0, RIGHT)
        return Score(0.0, self.with_answer(inst, T(f"Falsch: Sie haben {tokens[0]}) gewählt.",
                                                   f"Wrong: you chose {tokens[0]})."), show))


class MultipleChoice(_Choice):
    """Any number of options (at least one) are right; the answer lists their letters.

    Score: (right picks − ``penalty`` · wrong picks) / number of right options, never below 0.
    """

    kind = "multiple"
    kind_label = T("Mehrfachauswahl", "Multiple choice")

    def __init__(self, id, text, options, *, penalty: float = 1.0, **kw):
        if penalty < 0:
            raise ValueError(f"question {id}: penalty must not be negative")
        self.penalty = float(penalty)
        super().__init__(id, text, options, **kw)

    def _check_correct(self, n):
        if n < 1:
            raise ValueError(f"question {self.id}: a multiple-choice question needs at least one correct option")

    def default_hint(self):
        return T('alle zutreffenden Buchstaben als Liste, z. B. `["a", "c"]` (mindestens einer)',
                 'all letters that apply as a list, e.g. `["a", "c"]` (at least one)')

    def correct_answer(self, inst):
        return self.correct_letters(inst)

    def score(self, inst, value, show) -> Score:
        letters = self.letters(inst)
        tokens = _tokens(value)
        if tokens is None or not tokens:
            return Score(0.0, self.with_answer(inst, T(
                f'Erwartet wird eine Liste von Buchstaben wie ["a", "c"], erhalten: {describe(value)}.',
                f'A list of letters like ["a", "c"] is expected, got: {describe(value)}.'), show))
        unknown = sorted({t for t in tokens if t not in letters})
        chosen = {t for t in tokens if t in letters}
        correct = set(self.correct_letters(inst))
        hits, wrong = chosen & correct, chosen - correct
        fraction = max(0.0, (len(hits) - self.penalty * len(wrong)) / len(correct))
        note = T("", "")
        if unknown:
            note = T(f" Unbekannte Buchstaben ignoriert: {', '.join(unknown)}.",
                     f" Unknown letters ignored: {', '.join(unknown)}.")
        if fraction >= 1.0 and not unknown:
            return Score(1.0, RIGHT)
        message = T(f"{len(hits)} von {len(correct)} richtigen Optionen gewählt, {len(wrong)} falsche",
                    f"{len(hits)} of {len(correct)} correct options chosen, {len(wrong)} wrong")
        if wrong:
            message = message + T(f" (jede falsche Wahl hebt {self.penalty:g} richtige auf, weniger als 0 Punkte "
                                  "gibt es nicht)", f" (each wrong choice cancels {self.penalty:g} correct one; "
                                  "never below 0 points)")
        message = message + "." + note
        return Score(min(1.0, fraction), self.with_answer(inst, message, show))


# ----------------------------------------------------------------------------- numbers
class Numeric(Question):
    """A number, or a tuple/matrix of numbers (shapes, coordinates, feature maps).

    ``size``: ``None`` for one number, ``n`` for a tuple of n numbers, ``(rows, cols)`` for a
    matrix. ``shape=True`` marks a tensor shape: a leading ``None`` (batch axis) is accepted.
    ``partial=True`` gives credit per correct component. A number is right when
    ``|answer − key| <= atol + rtol·|key|``.
    """

    kind = "numeric"
    kind_label = T("Zahl", "Number")

    def __init__(self, id, text, *, key, size=None, shape: bool = False, partial: bool = False,
                 rtol: float = 0.0, atol: float = 0.0, **kw):
        super().__init__(id, text, key=key, **kw)
        self.size, self.shape, self.partial, self.rtol, self.atol = size, shape, partial, rtol, atol

    def compute_key(self, inst, library: bool = False):
        fn = self.key_function(library)
        key = fn(inst.params) if callable(fn) else fn
        return _plain(key)

    def default_hint(self):
        if self.size is None:
            return T("eine Zahl, z. B. `42` oder `0.25` (Dezimalpunkt, kein Tausendertrennzeichen)",
                     "a number, e.g. `42` or `0.25` (decimal point, no thousands separator)")
        if isinstance(self.size, int):
            example = "(" + ", ".join(str(i + 1) for i in range(self.size)) + ")"
            what = T(f"ein Tupel aus {self.size} Zahlen, z. B. `{example}`",
                     f"a tuple of {self.size} numbers, e.g. `{example}`")
            if self.shape:
                what = what + T(" (ohne Batch-Dimension)", " (without the batch axis)")
            return what
        rows, cols = self.size
        return T(f"eine {rows}×{cols}-Matrix als Liste von Zeilen, z. B. `[[1, 2], [3, 4]]`",
                 f"a {rows}×{cols} matrix as a list of rows, e.g. `[[1, 2], [3, 4]]`")

    def spec(self, inst):
        return {"kind": self.kind, "size": list(self.size) if isinstance(self.size, tuple) else self.size}

    def correct_answer(self, inst):
        key = inst.key()
        return tuple(key) if isinstance(self.size, int) else key

    def answer_text(self, inst) -> T:
        text = describe(_rounded(self.correct_answer(inst)))
        return T(text, text)

    def same(self, a, b) -> bool:
        fa, fb = _flatten(_plain(a)), _flatten(_plain(b))
        return fa is not None and fb is not None and len(fa) == len(fb) and all(
            self._close(x, y) for x, y in zip(fa, fb))

    def _close(self, got: float, want: float) -> bool:
        tol = self.atol + self.rtol * abs(want)
        return abs(got - want) <= max(tol, 1e-9 * max(1.0, abs(want)))

    def _shaped(self, value, key):
        """The answer brought into the key's structure, or a message why it does not fit."""
        if isinstance(value, str):
            number = _parse_number(value)
            if number is None:
                return None, T(f"Erwartet wird eine Zahl (ohne Anführungszeichen), erhalten: {describe(value)}.",
                               f"A number (without quotes) is expected, got: {describe(value)}.")
            value = number
        if self.shape and isinstance(value, (list, tuple)) and isinstance(key, list) \
                and len(value) == len(key) + 1 and value[0] is None:
            value = value[1:]
        if not isinstance(key, list):
            if isinstance(value, (list, tuple)) and len(value) == 1:
                value = value[0]
            if not _is_number(value):
                return None, T(f"Erwartet wird eine einzelne Zahl, erhalten: {describe(value)}.",
                               f"A single number is expected, got: {describe(value)}.")
            return [float(value)], None
        flat, want = _flatten(value), _flatten(key)
        if not isinstance(value, (list, tuple)) or flat is None or _depth(value) != _depth(key):
            form = self.default_hint()
            return None, T(f"Erwartet wird {form.de}; erhalten: {describe(value)}.",
                           f"Expected {form.en}; got: {describe(value)}.")
        if len(flat) != len(want) or (_depth(key) == 2 and [len(r) for r in value] != [len(r) for r in key]):
            return None, T(f"Falsche Anzahl von Werten: erwartet {len(want)}, erhalten {len(flat)} "
                           f"({describe(value)}).",
                           f"Wrong number of values: expected {len(want)}, got {len(flat)} ({describe(value)}).")
        return flat, None

    def score(self, inst, value, show) -> Score:
        key = inst.key()
        flat, problem = self._shaped(value, key)
        if problem is not None:
            return Score(0.0, self.with_answer(inst, problem, show))
        want = _flatten(key)
        right = [self._close(g, w) for g, w in zip(flat, want)]
        if all(right):
            return Score(1.0, RIGHT)
        fraction = sum(right) / len(right) if self.partial else 0.0
        message = T(f"Falsch: Ihre Antwort {describe(value)}", f"Wrong: your answer {describe(value)}")
        if self.partial and len(right) > 1:
            message = message + T(f" ({sum(right)} von {len(right)} Werten richtig)",
                                  f" ({sum(right)} of {len(right)} values right)")
        message = message + "."
        if len(want) == 1 and isinstance(value, float) and float(want[0]).is_integer() and want[0] >= 1000 \
                and abs(value * 1000 - want[0]) < 0.5:
            message = message + T(" Hinweis: Schreiben Sie Zahlen ohne Tausenderpunkt (3200, nicht 3.200).",
                                  " Note: write numbers without a thousands separator.")
        return Score(fraction, self.with_answer(inst, message, show))


def _rounded(value, digits: int = 4):
    """For display: floats to ``digits`` decimals (3.3333333 → 3.3333), structure kept."""
    if isinstance(value, (list, tuple)):
        return type(value)(_rounded(v, digits) for v in value)
    if isinstance(value, float):
        return round(value, digits)
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _parse_number(text: str) -> float | None:
    text = text.strip().replace(" ", "").replace("\u202f", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _plain(value):
    """Keys as plain Python: tuples and arrays become lists, NumPy scalars numbers."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


def _flatten(value) -> list[float] | None:
    if _is_number(value):
        return [float(value)]
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            part = _flatten(item)
            if part is None:
                return None
            out += part
        return out
    return None


def _depth(value) -> int:
    return 1 + max((_depth(v) for v in value), default=0) if isinstance(value, (list, tuple)) else 0


# ----------------------------------------------------------------------------- text
def normalise(text: str) -> str:
    """Lower case, umlauts folded (ä → ae, ß → ss), spaces collapsed, outer quotes and dots removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" \t\n.,;:!?\"'`")


class ShortAnswer(Question):
    """A short text matched by rules: the normalised answer must fully match a pattern.

    ``reject`` rules are tried first (they can name a typical mistake), then ``accept`` rules;
    the first match decides. ``example`` is the answer shown to students and in the key.
    """

    kind = "text"
    kind_label = T("Kurzantwort", "Short answer")

    def __init__(self, id, text, *, accept, example, reject=(), **kw):
        super().__init__(id, text, **kw)
        self.accept = [r if isinstance(r, Rule) else Rule(r) for r in accept]
        self.reject = [r if isinstance(r, Rule) else Rule(r, 0.0) for r in reject]
        self.example = example
        if not self.accept:
            raise ValueError(f"question {id}: needs accept rules")
        for rule in self.accept + self.reject:
            re.compile(rule.pattern)
        if not self.matches(normalise(as_text(example).de)):
            raise ValueError(f"question {id}: the example answer is not accepted by its own rules")

    def matches(self, text: str) -> Rule | None:
        for rule in self.reject + self.accept:
            if re.fullmatch(rule.pattern, text):
                return rule
        return None

    def compute_key(self, inst, library: bool = False):
        return as_text(self.example).de

    def answer_text(self, inst):
        return as_text(self.example)

    def default_hint(self):
        return T('ein kurzer Text in Anführungszeichen, z. B. `"Softmax"`',
                 'a short text in quotes, e.g. `"Softmax"`')

    def score(self, inst, value, show) -> Score:
        if _is_number(value):
            value = str(value)
        if not isinstance(value, str):
            return Score(0.0, self.with_answer(inst, T(
                f"Erwartet wird ein Text in Anführungszeichen, erhalten: {describe(value)}.",
                f"A text in quotes is expected, got: {describe(value)}."), show))
        rule = self.matches(normalise(value))
        if rule is None:
            return Score(0.0, self.with_answer(inst, T(f"Die Antwort {describe(value)} wird nicht als richtig "
                                                       "erkannt.",
                                                       f"The answer {describe(value)} is not recognised as "
                                                       "correct."), show))
        if rule.fraction >= 1.0:
            return Score(1.0, RIGHT)
        message = rule.feedback or T("Teilweise richtig.", "Partly correct.")
        return Score(max(0.0, rule.fraction), self.with_answer(inst, message, show))


# ----------------------------------------------------------------------------- quizzes
@dataclass
class Instance:
    """One question as one student sees it: the variant's parameters and option order."""

    quiz: "Quiz"
    question: Question
    number: int
    student: str
    params: dict
    order: tuple[int, ...] | None
    _key: object = field(default=_UNSET, repr=False)

    @property
    def var(self) -> str:
        return f"antwort_{self.number}"

    @property
    def answer_id(self) -> str:
        return self.question.id

    @property
    def grade_id(self) -> str:
        return f"test_{self.question.id}"

    def text(self) -> T:
        return self.question.text_for(self.params)

    def key(self):
        if self._key is _UNSET:
            self._key = self.question.compute_key(self)
        return self._key

    def library_key(self):
        """The key as Keras or scikit-learn compute it (for the tests' cross-check of the formula)."""
        return self.question.compute_key(self, library=True)

    def correct_answer(self):
        return self.question.correct_answer(self)

    def score(self, value, show: bool = True) -> Score:
        """Score an answer value; ``show`` adds the correct answer and worked solution to the message."""
        return self.question.score(self, value, show)


class Quiz:
    """A quiz: questions in order. ``salt`` changes every variant (e.g. for a new term)."""

    def __init__(self, id: str, title, questions: list[Question], *, intro=None, salt: str = ""):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", id):
            raise ValueError(f"invalid quiz id {id!r}")
        ids = [q.id for q in questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"quiz {id}: duplicate question ids {duplicates}")
        if not questions:
            raise ValueError(f"quiz {id} has no questions")
        self.id, self.title, self.questions = id, as_text(title), list(questions)
        self.intro = as_text(intro) if intro is not None else None
        self.salt = salt

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def instance(self, student: str, question: Question, number: int) -> Instance:
        student = str(student).strip()
        if not student:
            raise ValueError("a variant needs a student id")
        rng = VariantRNG("quiz-variant", self.id, question.seed_key, student, self.salt)
        params = question.make_params(rng)
        order = question.make_order(VariantRNG("quiz-order", self.id, question.id, student, self.salt), params)
        return Instance(self, question, number, student, params, order)

    def instances(self, student: str) -> list[Instance]:
        return [self.instance(student, q, n) for n, q in enumerate(self.questions, 1)]
