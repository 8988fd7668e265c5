"""How the text attributes a passage: a direct quote or reported speech, and its verb.

Both are read from the article's plain text when a claim is created; editors
can change them later through ``claims.services.change_attribution``.
"""

import re

OPENING_MARKS = '"“«‘„'
CLOSING_MARKS = '"”»’“'
# Punctuation that may sit between the quoted words and the closing mark.
_TRAILING = ",.;:!?"

# Verbs that introduce what a source said, longest first so "made clear"
# wins over a shorter match inside it.
REPORTING_VERBS = (
    "made clear",
    "reported",
    "announced",
    "confirmed",
    "insisted",
    "claimed",
    "stated",
    "warned",
    "added",
    "wrote",
    "told",
    "said",
)
_VERB = re.compile(r"\b(" + "|".join(re.escape(v) for v in REPORTING_VERBS) + r")\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’»]?\s|\n\n")


def is_direct_quote(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is enclosed in quotation marks in ``text``.

    The marks may be inside the passage (it starts and ends with them) or
    just outside it, with trailing punctuation between the words and the
    closing mark. A passage that merely contains a quotation is not one.
    """
    passage = text[start:end]
    inner = passage.strip().rstrip(_TRAILING)
    if (
        len(inner) > 1
        and inner[0] in OPENING_MARKS
        and inner[-1] in CLOSING_MARKS
        and not any(mark in inner[1:-1] for mark in '"“”')
    ):
        return True
    before = text[:start].rstrip(" ")
    after = text[end:].lstrip(_TRAILING)
    return (
        bool(before)
        and before[-1] in OPENING_MARKS
        and bool(after)
        and after[0] in CLOSING_MARKS
        and not any(mark in passage for mark in '"“”')
    )


def reporting_verb(text: str, start: int, end: int) -> str:
    """The verb introducing the passage in its own sentence ("reported"), or ""."""
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    sentence_start = ends_before[-1] if ends_before else 0
    following = _SENTENCE_END.search(text, end)
    sentence_end = following.start() + 1 if following else len(text)
    before = list(_VERB.finditer(text, sentence_start, start))
    after = _VERB.search(text, end, sentence_end)
    candidates = []
    if before:
        candidates.append((start - before[-1].end(), before[-1].group(1)))
    if after:
        candidates.append((after.start() - end, after.group(1)))
    return min(candidates)[1] if candidates else ""
