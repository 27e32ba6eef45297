"""The root of deckgen's own errors, and how the command line shows them.

Every error deckgen raises for the user to act on derives from :class:`DeckgenError`, so the
command line turns any of them into what the user reads and an exit code in one place
(``cli.DeckgenGroup``), whichever stage raised it.
"""
from __future__ import annotations


class DeckgenError(Exception):
    """An error the user can act on; str() says what is wrong and what to do about it."""

    #: The exit code of a command that stops on this error.
    exit_code = 1

    def lines(self) -> list[str]:
        """What the command line prints (to standard error) before it exits."""
        return [f"Error: {self}"]
