"""Bilingual text: German (the course's language) with an English rendering."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    """A text in German and English; ``get(lang)`` picks one (German when English is missing)."""

    de: str
    en: str = ""

    def get(self, lang: str = "de") -> str:
        return self.en if lang == "en" and self.en else self.de

    def __add__(self, other: "T | str") -> "T":
        other = as_text(other)
        return T(self.de + other.de, (self.en or self.de) + (other.en or other.de))

    def join(self, parts: list["T"]) -> "T":
        """``parts`` joined with this text as separator."""
        out = T("", "")
        for i, part in enumerate(parts):
            out = out + (self if i else T("", "")) + part
        return out


def matrix(rows) -> str:
    """A matrix (rows of numbers) as LaTeX for a question text: ``$\\begin{pmatrix}…\\end{pmatrix}$``."""
    body = "\\\\".join(" & ".join(str(v) for v in row) for row in rows)
    return "$\\begin{pmatrix}" + body + "\\end{pmatrix}$"


def as_text(value) -> T:
    if isinstance(value, T):
        return value
    return T(str(value), str(value))
