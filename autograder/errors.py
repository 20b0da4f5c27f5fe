"""Errors an instructor or TA can act on.

Every error meant for a person (a wrong setting, a broken test cell, a failed release)
derives from :class:`AutograderError`. The command line prints it as one line, naming the
file, key, cell or case it is about, and exits with 1; it never shows a traceback.
Problems of a *submission* are not errors: they are graded outcomes with a German message.
"""

from __future__ import annotations


class AutograderError(Exception):
    """Base of all instructor-facing errors. ``where`` names the file, key, cell or case."""

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class UsageError(AutograderError):
    """Wrong use of a command (missing file, contradicting options)."""
