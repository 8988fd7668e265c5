"""Search hits marked in what readers see.

On PostgreSQL ts_headline finds the stemmed hits in the database, in the
same query as the page of results; elsewhere the words are found in Python.
Either way the text is escaped piece by piece and only the hits are wrapped
in <mark>.
"""

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db.models import Expression, Model, QuerySet, Value
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.search import CONFIG, is_full_text, terms, web_query
from newsroom.fulltext import MatchingParagraphs

# ts_headline marks hits with these; they are turned into <mark> only after
# the text around them is escaped.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 35
SNIPPET_CHARS = 240


def _headline(
    field: str | Expression, search_query: SearchQuery, **options: Any
) -> SearchHeadline:
    return SearchHeadline(
        field,
        search_query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        **options,
    )


def with_highlights[M: Model](
    queryset: QuerySet[M],
    query: str,
    fields: Sequence[str],
    excerpt: str = "",
    paragraphs: str = "",
) -> QuerySet[M]:
    """Annotate ``<field>_hits`` for each field, and ``excerpt_hits`` for a long
    one: cut from the paragraphs holding the words, if ``paragraphs`` names
    the field's paragraph documents (``newsroom.fulltext.MatchingParagraphs``).

    On PostgreSQL only; elsewhere :func:`highlight` finds the hits itself.
    """
    if not query or not is_full_text(queryset):
        return queryset
    search_query = web_query(query)
    annotations: dict[str, Any] = {
        f"{field}_hits": _headline(field, search_query, highlight_all=True)
        for field in fields
    }
    if excerpt:
        annotations["excerpt_hits"] = _headline(
            MatchingParagraphs(excerpt, paragraphs, Value(query))
            if paragraphs
            else excerpt,
            search_query,
            max_words=SNIPPET_WORDS,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    highlighted: QuerySet[M] = queryset.annotate(**annotations)
    return highlighted


_MARKERS = re.compile(f"([{START}{STOP}])")


def from_markers(text: str) -> SafeString:
    """Escape text whose hits ts_headline delimited, and wrap the hits in <mark>.

    Escaped as Django's ``escape`` escapes (``html.escape``), joined once:
    every result shown goes through here, a few times each."""
    pieces, marked = [], False
    for piece in _MARKERS.split(text):
        if piece in (START, STOP):
            marked = piece == START
        elif piece:
            escaped = html.escape(piece)
            pieces.append(f"<mark>{escaped}</mark>" if marked else escaped)
    return SafeString("".join(pieces))


def _hit_pattern(query: str) -> re.Pattern[str] | None:
    # Longest first, so "referendums" is marked whole rather than "referendum".
    words = sorted(set(terms(query)), key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def mark_words(text: str, query: str) -> SafeString:
    """Escape text and wrap every occurrence of a query word in <mark>."""
    pattern = _hit_pattern(query)
    # Marker characters typed into the text must not become marks.
    clean = text.replace(START, "").replace(STOP, "")
    if pattern is not None:
        clean = pattern.sub(lambda hit: f"{START}{hit[0]}{STOP}", clean)
    return from_markers(clean)


def excerpt_around(text: str, query: str) -> SafeString:
    """About SNIPPET_CHARS of text around the first hit, hits marked; empty without one."""
    pattern = _hit_pattern(query)
    found = pattern.search(text) if pattern else None
    if found is None:
        return SafeString()
    start = max(0, found.start() - SNIPPET_CHARS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < found.start() else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", found.end(), end)
        end = space if space > 0 else end
    window = " ".join(text[start:end].split())
    return format_html(
        "{}{}{}",
        "… " if start else "",
        mark_words(window, query),
        " …" if end < len(text) else "",
    )


def highlight(
    objects: Iterable[Model], query: str, fields: Sequence[str], excerpt: str = ""
) -> None:
    """Set ``<field>_marked`` on each object (and ``excerpt_marked`` from ``excerpt``).

    Reads the annotations of :func:`with_highlights` where the database made
    them, and finds the words in Python where it did not.
    """
    for obj in objects:
        for field in fields:
            hits = getattr(obj, f"{field}_hits", None)
            value = getattr(obj, field)
            marked: SafeString | list[SafeString]
            if hits is not None:
                marked = from_markers(hits)
            elif isinstance(value, list):
                marked = [mark_words(str(item), query) for item in value]
            else:
                marked = mark_words(value, query)
            setattr(obj, f"{field}_marked", marked)
        if excerpt:
            hits = getattr(obj, "excerpt_hits", None)
            if hits is not None:
                text = " ".join(hits.split())
                # ts_headline cuts at a word; say so unless a sentence ended.
                if text and text[-1] not in '.?!"”’':
                    text += " …"
                marked = from_markers(text) if START in text else SafeString()
            else:
                marked = excerpt_around(getattr(obj, excerpt), query)
            # Model instances carry no such attribute for the type checker.
            setattr(obj, "excerpt_marked", marked)  # noqa: B010
