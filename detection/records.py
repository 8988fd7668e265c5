"""What goes into detection and what comes out: plain, frozen data."""

from __future__ import annotations

from dataclasses import dataclass

# Typographic variants read as their plain forms, one character for one, so
# offsets in the folded text are offsets in the original.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
        **dict.fromkeys("\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a", " "),
    }
)


def fold(text: str) -> str:
    """Typographic quotes, dashes and whitespace as plain ASCII, length kept."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class AgencyRef:
    """An agency the newsroom knows: how to recognise it in text."""

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    # The country it belongs to, by its English name ("Spain"), or "": which
    # of two agencies sharing "the environment ministry" a story about Spain
    # means.
    country: str = ""


@dataclass(frozen=True)
class PersonRef:
    """A known speaker and the agency they speak for."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    agency: str | None = None


@dataclass(frozen=True)
class Detection:
    """One attributed passage: ``text[start:end] == quote``.

    ``agency`` is the slug of the agency a reader has to trust for the
    passage (in a chain, the outlet that carried it), or None when the source
    is not an agency the newsroom knows; ``agency_name`` is that source as
    the story names it. ``also_agency``/``also_agency_name`` name the other
    party of a chain (the ministry whose statement an agency carried).
    ``is_direct_quote`` is true for the source's own words in quotation
    marks, false for reported speech.
    """

    start: int
    end: int
    quote: str
    agency: str | None
    agency_name: str
    speaker: str
    cue: str
    confidence: float
    is_direct_quote: bool
    also_agency: str | None = None
    also_agency_name: str = ""
    # The words that named the source, as written ("the Kremlin press office").
    source: str = ""
