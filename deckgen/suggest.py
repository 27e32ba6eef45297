"""Did-you-mean: the closest known word to a mistyped one, for keys, ids, names and slide names."""
from __future__ import annotations

import difflib
from typing import Iterable, Optional

CUTOFF = 0.6


def closest(word: str, known: Iterable[str]) -> Optional[str]:
    """The known word nearest to ``word``, ignoring case; None when nothing is near enough.

    A unique known word that contains ``word`` as a whole word (``Maya`` → ``Maya Okafor``) counts
    as near, since people are often named by first name only.
    """
    choices = list(dict.fromkeys(known))
    folded = {choice.casefold(): choice for choice in choices}
    key = word.casefold().strip()
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=CUTOFF)
    if close:
        return folded[close[0]]
    containing = [c for c in choices if key and key in c.casefold().split()]
    return containing[0] if len(containing) == 1 else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)``, or an empty string when nothing is close."""
    match = closest(word, known)
    return f" (did you mean '{match}'?)" if match is not None and match != word else ""


def edits(a: str, b: str) -> int:
    """How many characters to insert, delete or change to turn ``a`` into ``b`` (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def mistyped(name: str, known: Iterable[str], most: int = 2) -> Optional[str]:
    """The known file name ``name`` is a slip of: another case or extension of it (``Wins.md``,
    ``intake.yml``), or at most ``most`` typed characters away (``ask.md``). Stricter than ``closest``,
    since a file of the user's own (``charter-2026.md``) must not be taken for a mistake."""
    stem = name.split(".", maxsplit=1)[0].casefold()
    for choice in known:
        if stem == choice.split(".")[0].casefold() or edits(name.casefold(), choice.casefold()) <= most:
            return choice
    return None
