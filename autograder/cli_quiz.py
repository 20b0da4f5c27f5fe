"""Commands registered on the main parser by this module (see add_commands)."""

from __future__ import annotations


def add_commands(sub) -> None:
    """Register this module's subcommands on the ``autograder`` parser."""
