"""Anchoring claims to an article's plain text with W3C Web Annotation selectors.

A claim holds a TextPositionSelector (``start``, ``end``) and a
TextQuoteSelector (``exact`` with up to 32 characters of ``prefix`` and
``suffix``) over the article's plain text. When the text changes, ``reanchor``
finds the claim again, in the order DESIGN.md gives: the old position, the
exact quote elsewhere chosen by its context, a fuzzy match of the quote
(flagged for a check), or nothing (orphaned).
"""

from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CONTEXT_LENGTH = 32

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
    method: str  # "position", "quote", "fuzzy" or "none"
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


def locate(
    text: str, quote: str, *, start: int | None = None, occurrence: int | None = None
) -> Selectors:
    """Place a quote in the text: at ``start``, at its ``occurrence`` (from 1), or
    where it occurs once. Raises a QuoteError that says what is wrong."""
    if not quote.strip():
        raise QuoteError("The quote is empty.")
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


def _best_substring(pattern: str, text: str) -> tuple[int, int, int]:
    """The substring of ``text`` closest to ``pattern`` by edit distance.

    Semi-global alignment (Sellers): the match may start and end anywhere in
    ``text``. Returns (distance, start, end). Quadratic, so callers pass a
    window around a candidate, not a whole article.
    """
    columns = len(text) + 1
    previous = [0] * columns
    previous_start = list(range(columns))
    for row, char in enumerate(pattern, start=1):
        current = [row] * columns
        current_start = [0] * columns
        for column in range(1, columns):
            best = previous[column - 1] + (char != text[column - 1])
            best_start = previous_start[column - 1]
            if previous[column] + 1 < best:
                best, best_start = previous[column] + 1, previous_start[column]
            if current[column - 1] + 1 < best:
                best, best_start = current[column - 1] + 1, current_start[column - 1]
            current[column] = best
            current_start[column] = best_start
        previous, previous_start = current, current_start
    end = min(
        range(columns),
        key=lambda column: (
            previous[column],
            abs((column - previous_start[column]) - len(pattern)),
        ),
    )
    return previous[end], previous_start[end], end


def _fuzzy(text: str, old: Selectors) -> Selectors | None:
    """A passage within a quarter of the quote's length in edits, best by context."""
    length = len(old.exact)
    bound = length // 4
    if not bound or not text:
        return None
    normal_text, normal_quote = normalize(text), normalize(old.exact)
    normal_context = normalize(old.prefix + old.exact + old.suffix)
    guesses = {min(old.start, len(text))}
    alignment = fuzz.partial_ratio_alignment(normal_quote, normal_text)
    if alignment is not None:
        guesses.add(alignment.dest_start)
    alignment = fuzz.partial_ratio_alignment(normal_context, normal_text)
    if alignment is not None:
        guesses.add(alignment.dest_start + len(old.prefix))
        guesses.add(max(0, alignment.dest_end - len(old.suffix) - length))
    candidates: dict[tuple[int, int], int] = {}
    for guess in guesses:
        low = max(0, guess - 2 * bound)
        high = min(len(text), guess + length + 2 * bound)
        distance, start, end = _best_substring(normal_quote, normal_text[low:high])
        if distance <= bound and end > start:
            candidates[(low + start, low + end)] = distance
    if not candidates:
        return None

    def score(span: tuple[int, int]) -> tuple[float, int]:
        quote_fit = 1 - candidates[span] / length
        return (
            2 * quote_fit + _context_fit(text, old, *span),
            -abs(span[0] - old.start),
        )

    start, end = max(candidates, key=score)
    return selectors_at(text, start, end)


def reanchor(text: str, old: Selectors, state: str = ANCHORED) -> Reanchored:
    """Find a claim again in an edited text; never loses it, never guesses wildly.

    An exactly found claim keeps a ``needs_check`` flag until an editor
    clears it; otherwise it is ``anchored``. A fuzzy match is ``needs_check``;
    no match is ``orphaned``, keeping the old selectors as its last quote.
    """
    exact_state = NEEDS_CHECK if state == NEEDS_CHECK else ANCHORED
    if text[old.start : old.end] == old.exact:
        here = selectors_at(text, old.start, old.end)
        if here.prefix == old.prefix and here.suffix == old.suffix:
            return Reanchored(here, exact_state, "position", moved=state != exact_state)
    positions = occurrences(text, old.exact)
    if positions:
        length = len(old.exact)
        start = max(
            positions,
            key=lambda p: (_context_fit(text, old, p, p + length), -abs(p - old.start)),
        )
        found = selectors_at(text, start, start + length)
        relocated = found.prefix != old.prefix and found.suffix != old.suffix
        method = "position" if start == old.start else "quote"
        return Reanchored(
            found, exact_state, method, moved=relocated or state != exact_state
        )
    match = _fuzzy(text, old)
    if match is not None:
        return Reanchored(match, NEEDS_CHECK, "fuzzy", moved=True)
    return Reanchored(replace(old), ORPHANED, "none", moved=state != ORPHANED)
