"""Deterministic randomness for question variants.

Every random choice of a variant comes from :class:`VariantRNG`, seeded with a SHA-256
hash of the quiz id, the question's seed key, the student id and the quiz's salt. The
generator is SHA-256 in counter mode with rejection sampling, so the numbers depend on
nothing but these strings: not on the Python or NumPy version, not on the order in which
questions or students are processed. The grader can therefore recompute a student's
variant, and with it the key, at any time from the same strings.
"""

from __future__ import annotations

import hashlib
from typing import Sequence, TypeVar

X = TypeVar("X")
_SEP = "\x1f"


class VariantRNG:
    """A small, version-stable random generator for one question of one student."""

    def __init__(self, *parts: str):
        self._seed = hashlib.sha256(_SEP.join(str(p) for p in parts).encode("utf-8")).digest()
        self._counter = 0

    def _next64(self) -> int:
        block = hashlib.sha256(self._seed + self._counter.to_bytes(8, "big")).digest()
        self._counter += 1
        return int.from_bytes(block[:8], "big")

    def below(self, n: int) -> int:
        """A uniform integer in ``0 .. n-1`` (rejection sampling, no modulo bias)."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = (1 << 64) - (1 << 64) % n
        while True:
            value = self._next64()
            if value < limit:
                return value % n

    def integer(self, low: int, high: int) -> int:
        """A uniform integer in ``low .. high`` (both included)."""
        return low + self.below(high - low + 1)

    def choice(self, seq: Sequence[X]) -> X:
        return seq[self.below(len(seq))]

    def shuffled(self, seq: Sequence[X]) -> list[X]:
        items = list(seq)
        for i in range(len(items) - 1, 0, -1):  # Fisher–Yates
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]
        return items

    def sample(self, seq: Sequence[X], k: int) -> list[X]:
        return self.shuffled(seq)[:k]

    def uniform(self, low: float, high: float, decimals: int = 2) -> float:
        """A number from ``low .. high`` on a grid of ``10**-decimals`` (both ends included)."""
        scale = 10 ** decimals
        return round(self.integer(round(low * scale), round(high * scale)) / scale, decimals)
