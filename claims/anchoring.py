"""Anchoring claims to an article's plain text with W3C Web Annotation selectors.

A claim holds a TextPositionSelector (``start``, ``end``) and a
TextQuoteSelector (``exact`` with up to 32 characters of ``prefix`` and
``suffix``) over the article's plain text. When the text changes, ``reanchor``
finds the claim again, in the order DESIGN.md gives: the old position, the
exact quote elsewhere chosen by its context, a fuzzy match of the quote
(flagged for a check), or nothing (orphaned).
"""

import unicodedata
from dataclasses import dataclass, replace

import edlib
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from claims.edits import EditMap

CONTEXT_LENGTH = 32

# A claim is a passage a reviewer can check in one reading: a sentence, a
# paragraph, a few paragraphs of a statement. 5,000 characters is about 800
# words, over twenty times the longest quote in the demo story (187), and keeps
# the fuzzy search of one claim (quadratic in its length, 64 characters a
# machine word) within milliseconds.
MAX_QUOTE_LENGTH = 5000

# Characters that show nothing on their own: whitespace, format characters
# (zero-width space and joiners, bidi marks, soft hyphen), controls, and the
# fillers Unicode lists as default-ignorable or blank.
_INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Me"}
_BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800\u034f\u180e")

ANCHORED = "anchored"
NEEDS_CHECK = "needs_check"
ORPHANED = "orphaned"

# Typographic variants compare as their plain forms, one character for one,
# so offsets in the normalized text are offsets in the original.
_NORMALIZE = str.maketrans(
    {
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
        **dict.fromkeys("\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a", " "),
    }
)


class QuoteError(ValueError):
    """A quote cannot be placed in the text; the message says why."""


class QuoteNotFound(QuoteError):
    """The quote does not occur in the text (or not at the given position)."""


class AmbiguousQuote(QuoteError):
    """The quote occurs more than once and no position was given."""

    def __init__(self, message: str, positions: list[int]) -> None:
        super().__init__(message)
        self.positions = positions


@dataclass(frozen=True)
class Selectors:
    """Both W3C selectors of one passage of the plain text."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Reanchored:
    """Where a claim stands after an edit, and how it was found."""

    selectors: Selectors
    state: str
    method: str  # "position", "move", "quote", "fuzzy" or "none"
    moved: bool  # its text or surroundings changed, worth a line in its history


def normalize(text: str) -> str:
    """Fold typographic quotes, dashes and whitespace to plain ASCII, length kept."""
    return text.translate(_NORMALIZE)


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance after normalization: the bound fuzzy matches keep."""
    return int(Levenshtein.distance(normalize(first), normalize(second)))


def selectors_at(text: str, start: int, end: int) -> Selectors:
    """The selectors of ``text[start:end]``, with its context."""
    return Selectors(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )


def occurrences(text: str, quote: str) -> list[int]:
    """Every position where ``quote`` starts in ``text``, overlapping ones too."""
    found = []
    position = text.find(quote)
    while position != -1:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _shorten(quote: str, width: int = 60) -> str:
    return quote if len(quote) <= width else quote[: width - 1] + "\u2026"


def check_quote(quote: str) -> None:
    """Refuse a quote no reader could see or no reviewer could check in one go.

    Raises QuoteError for an empty quote, one made only of invisible
    characters, and one longer than MAX_QUOTE_LENGTH.
    """
    if not quote.strip():
        raise QuoteError("The quote is empty.")
    if all(
        char in _BLANK_LETTERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES
        for char in quote
    ):
        raise QuoteError(
            "The quote has no visible characters (only spaces, zero-width or "
            "other invisible characters)."
        )
    if len(quote) > MAX_QUOTE_LENGTH:
        raise QuoteError(
            f"The quote is {len(quote):,} characters long; a claim may quote at "
            f"most {MAX_QUOTE_LENGTH:,} characters. Split it into several claims."
        )


def locate(
    text: str, quote: str, *, start: int | None = None, occurrence: int | None = None
) -> Selectors:
    """Place a quote in the text: at ``start``, at its ``occurrence`` (from 1), or
    where it occurs once. Raises a QuoteError that says what is wrong."""
    check_quote(quote)
    if start is not None:
        if start < 0 or text[start : start + len(quote)] != quote:
            raise QuoteNotFound(
                f"The quote \u201c{_shorten(quote)}\u201d is not at position {start} "
                "of the article's text."
            )
        return selectors_at(text, start, start + len(quote))
    positions = occurrences(text, quote)
    if not positions:
        raise QuoteNotFound(
            f"The quote \u201c{_shorten(quote)}\u201d does not occur in the article's text."
        )
    if occurrence is not None:
        if not 1 <= occurrence <= len(positions):
            raise QuoteNotFound(
                f"The quote occurs {len(positions)} time(s); there is no occurrence "
                f"{occurrence}."
            )
        position = positions[occurrence - 1]
    elif len(positions) > 1:
        raise AmbiguousQuote(
            f"The quote \u201c{_shorten(quote)}\u201d occurs {len(positions)} times in "
            "the article's text (at positions "
            f"{', '.join(map(str, positions))}); give its position or occurrence.",
            positions,
        )
    else:
        position = positions[0]
    return selectors_at(text, position, position + len(quote))


def _context_fit(text: str, old: Selectors, start: int, end: int) -> float:
    """How well the text around ``start:end`` matches the old prefix and suffix (0-2)."""
    prefix = text[max(0, start - len(old.prefix)) : start]
    suffix = text[end : end + len(old.suffix)]
    score = 0.0
    score += (
        fuzz.ratio(normalize(old.prefix), normalize(prefix)) / 100 if old.prefix else 1
    )
    score += (
        fuzz.ratio(normalize(old.suffix), normalize(suffix)) / 100 if old.suffix else 1
    )
    return score


def _codes(*texts: str) -> list[bytes]:
    """The texts as bytes edlib can compare, one byte per character.

    edlib compares at most 256 distinct symbols; beyond that, characters share
    bytes, which can only make a match look closer than it is. Callers check
    every match edlib finds with an exact distance.
    """
    alphabet = {char: index for index, char in enumerate(sorted(set("".join(texts))))}
    return [bytes(alphabet[char] % 256 for char in text) for text in texts]


# edlib reports every end of a best match with every start; a few suffice.
_MAX_LOCATIONS = 16


def _fuzzy(text: str, old: Selectors, expected: tuple[int, int]) -> Selectors | None:
    """A passage within a quarter of the quote's length in edits, where the
    edit put the old one, best by context.

    Only a window around ``expected`` (the old passage carried through the
    edit) is searched, so the cost depends on the quote, not the article:
    edlib's bit-parallel infix alignment with the bound as its limit. A
    passage both moved and reworded is not followed; it is orphaned.
    """
    length = len(old.exact)
    bound = length // 4
    if not bound or not text:
        return None
    quote = normalize(old.exact)
    candidates: dict[tuple[int, int], int] = {}
    # edlib reports only the best distance in a window: first where the edit
    # put the passage (a look-alike sentence next to it may be closer to the
    # old words), then with room for edits and context around it.
    for reach in (bound, 2 * bound + CONTEXT_LENGTH):
        low = max(0, min(expected[0], len(text)) - reach)
        high = min(len(text), max(expected[1], expected[0] + length) + reach)
        window = normalize(text[low:high])
        query, target = _codes(quote, window)
        found = edlib.align(query, target, mode="HW", task="locations", k=bound)
        for start, last in found["locations"][:_MAX_LOCATIONS]:
            if start is None or last < start:
                continue
            distance = Levenshtein.distance(
                quote, window[start : last + 1], score_cutoff=bound
            )
            if distance <= bound:
                candidates[(low + start, low + last + 1)] = distance
    if not candidates:
        return None

    def score(span: tuple[int, int]) -> tuple[float, int]:
        # A point for overlapping where the edit put the old passage: a copy
        # edit is followed in place, not to a look-alike sentence nearby.
        quote_fit = 1 - candidates[span] / length
        in_place = span[0] < max(expected[1], expected[0] + 1) and span[1] > expected[0]
        return (
            2 * quote_fit + _context_fit(text, old, *span) + in_place,
            -abs(span[0] - expected[0]),
        )

    start, end = _snap_to_words(text, old, *max(candidates, key=score), bound)
    return selectors_at(text, start, end)


def _snap_to_words(
    text: str, old: Selectors, start: int, end: int, bound: int
) -> tuple[int, int]:
    """Move a fuzzy match's ends off the middle of words, when the old quote
    began and ended on word boundaries and the bound allows it."""

    def cut(position: int) -> bool:
        return (
            0 < position < len(text)
            and text[position - 1].isalnum()
            and text[position].isalnum()
        )

    starts, ends = {start}, {end}
    if old.exact[:1].isalnum() and not old.prefix[-1:].isalnum() and cut(start):
        starts.update({_word_edge(text, start, -1), _word_edge(text, start, 1)})
    if old.exact[-1:].isalnum() and not old.suffix[:1].isalnum() and cut(end):
        ends.update({_word_edge(text, end, -1), _word_edge(text, end, 1)})
    options = [
        (
            cut(a) or cut(b) or text[a].isspace() or text[b - 1].isspace(),
            edit_distance(text[a:b], old.exact),
            abs((b - a) - len(old.exact)),
            a,
            b,
        )
        for a in starts
        for b in ends
        if a < b
    ]
    *_, start, end = min(option for option in options if option[1] <= bound)
    return start, end


def _word_edge(text: str, position: int, step: int) -> int:
    """The nearest word boundary from ``position`` going backwards (-1) or forwards (1)."""
    if step < 0:
        while position > 0 and text[position - 1].isalnum():
            position -= 1
    else:
        while position < len(text) and text[position].isalnum():
            position += 1
    return position


def _moved_unchanged(edits: EditMap, old: Selectors, positions: list[int]) -> bool:
    """Whether a passage moved whole: its words left their place (not edited
    there), occurred once before the edit and occur once after it."""
    if len(positions) != 1 or edits.kept_in_place(old.start, old.end):
        return False
    return len(occurrences(edits.previous, old.exact)) == 1


def _elsewhere(  # noqa: PLR0913 - the state of one re-anchoring, passed on
    text: str,
    old: Selectors,
    *,
    state: str,
    edits: EditMap | None,
    positions: list[int],
    expected: int,
) -> Reanchored:
    """Step 2: the exact quote where its context fits best."""
    exact_state = NEEDS_CHECK if state == NEEDS_CHECK else ANCHORED
    length = len(old.exact)
    start = max(
        positions,
        key=lambda p: (_context_fit(text, old, p, p + length), -abs(p - expected)),
    )
    found = selectors_at(text, start, start + length)
    if edits:
        if _moved_unchanged(edits, old, positions):
            return Reanchored(found, exact_state, "move", moved=True)
        return Reanchored(found, NEEDS_CHECK, "quote", moved=True)
    relocated = found.prefix != old.prefix and found.suffix != old.suffix
    method = "position" if start == old.start else "quote"
    return Reanchored(
        found, exact_state, method, moved=relocated or state != exact_state
    )


def reanchor(
    text: str, old: Selectors, state: str = ANCHORED, edits: EditMap | None = None
) -> Reanchored:
    """Find a claim again in an edited text; never loses it, never moves it unseen.

    ``edits`` maps the previous text onto this one and says where the
    claim's own text went. If the exact quote is there, the claim stays
    (a plain shift; ``moved`` only when both its prefix and suffix changed).
    Anywhere else is a move. A passage that moved whole (its words left their
    place, and occur once before and after the edit) stays anchored there
    (``moved``, method ``move``). An exact copy of the quote elsewhere when its
    own passage was edited, or when the words occur more than once, and a
    fuzzy match are flagged ``needs_check`` and ``moved``.
    No match leaves the claim ``orphaned`` with its old selectors as its
    last quote. A ``needs_check`` flag stays until an editor clears it.

    Without ``edits`` the old offsets are taken as they are and an exact
    occurrence elsewhere, chosen by its context, is trusted (``anchored``):
    there is no record of the edit to say the words moved.
    """
    exact_state = NEEDS_CHECK if state == NEEDS_CHECK else ANCHORED
    length = len(old.exact)
    expected = (
        (edits.map(old.start), edits.map(old.end)) if edits else (old.start, old.end)
    )
    if edits and text[expected[0] : expected[0] + length] == old.exact:
        here = selectors_at(text, expected[0], expected[0] + length)
        relocated = here.prefix != old.prefix and here.suffix != old.suffix
        return Reanchored(
            here, exact_state, "position", moved=relocated or state != exact_state
        )
    if not edits and text[old.start : old.end] == old.exact:
        here = selectors_at(text, old.start, old.end)
        if here.prefix == old.prefix and here.suffix == old.suffix:
            return Reanchored(here, exact_state, "position", moved=state != exact_state)
    positions = occurrences(text, old.exact)
    if positions:
        return _elsewhere(
            text,
            old,
            state=state,
            edits=edits,
            positions=positions,
            expected=expected[0],
        )
    match = _fuzzy(text, old, expected)
    if match is not None:
        return Reanchored(match, NEEDS_CHECK, "fuzzy", moved=True)
    return Reanchored(replace(old), ORPHANED, "none", moved=state != ORPHANED)
