"""Words of names and descriptions compared: a minister read as their
ministry, a people as its country ("Kenyan", "Kenya")."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from detection.cues import DEMONYMS, ROLE_TOKENS

# Two words are kin when one is the other, its last letter perhaps changed,
# with one of these endings: "Lithuanian" and "Lithuania", "Ukrainian" and
# "Ukraine", "Chinese" and "China"; never "international" and "internal".
_KIN_ENDINGS = ("", "n", "an", "ian", "ese", "i", "ish", "er")
_KIN_SHORTEST = 4
_KIN_START = _KIN_SHORTEST - 1
_KIN_SHARED = 6
_KIN_CHANGED = 3


def words_of(text: str) -> list[str]:
    """Lower-case words, a minister read as their ministry."""
    return [
        ROLE_TOKENS.get(w) or DEMONYMS.get(w, w)
        for w in re.findall(r"[^\W_]+", text.lower().replace("'s", ""))
    ]


def lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case somewhere ("so", "then"), a
    hyphened word whole and in its parts: a capitalised word never among
    them is a name's."""
    words = re.findall(r"\b[a-z][\w-]*", text)
    return frozenset(words).union(*(w.split("-") for w in words))


def kin(first: str, second: str) -> bool:
    """The same word, or a country and its people ("Kenya", "Kenyan")."""
    if first == second:
        return True
    short, long = sorted((first, second), key=len)
    if len(short) < _KIN_SHORTEST:
        return False
    if any(long in (short + ending, short[:-1] + ending) for ending in _KIN_ENDINGS):
        return True
    # A people whose name changes the country's last letters ("Mozambique",
    # "Mozambican"): a long shared start, then at most three letters each.
    for country, people in ((first, second), (second, first)):
        if people.endswith("an"):
            shared = next(
                (
                    n
                    for n, (a, b) in enumerate(zip(country, people, strict=False))
                    if a != b
                ),
                len(short),
            )
            if (
                shared >= _KIN_SHARED
                and len(country) - shared <= _KIN_CHANGED
                and len(people) - shared <= _KIN_CHANGED
            ):
                return True
    return False


def fits(
    needed: Iterable[str],
    words: Iterable[str],
    by_start: dict[str, list[str]] | None = None,
) -> bool:
    """Whether every needed word is one of ``words`` or kin to one
    (``by_start``: the words grouped by ``group_by_start``, when already made)."""
    pool = words if isinstance(words, (set, frozenset)) else frozenset(words)
    for word in needed:
        if word in pool:
            continue
        if by_start is None:
            by_start = group_by_start(pool)
        if kin_in(word, pool, by_start) is None:
            return False
    return True


def kin_in(
    word: str, words: Collection[str], by_start: dict[str, list[str]]
) -> str | None:
    """The one of ``words`` that ``word`` is, or is kin to; None if none."""
    if word in words:
        return word
    return next((w for w in by_start.get(word[:_KIN_START], ()) if kin(word, w)), None)


def group_by_start(words: Iterable[str]) -> dict[str, list[str]]:
    """Words by their first letters: kin share at least these."""
    grouped: dict[str, list[str]] = {}
    for word in words:
        grouped.setdefault(word[:_KIN_START], []).append(word)
    return grouped
