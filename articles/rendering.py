"""Article bodies: Markdown to sanitized HTML, its plain text, and claim marks.

The plain text is the text content of the rendered body with blocks joined by
a blank line; claims anchor to offsets in it. Marking walks the same text
nodes, so an offset means the same character in both.
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from itertools import pairwise
from typing import Any, Protocol

import nh3
from django.conf import settings
from django.core.cache import cache
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del",
    "s", "code", "pre", "blockquote", "ul", "ol", "li", "a", "table", "thead",
    "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
}
# Table column alignment travels as a class, not inline style, which the
# Content-Security-Policy refuses; site.css aligns these.
ALIGN_CLASSES = {"align-left", "align-center", "align-right"}
ALLOWED_CLASSES = {"th": ALIGN_CLASSES, "td": ALIGN_CLASSES}
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol",
    "li", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
VOID_TAGS = {"br", "hr"}
BLOCK_SEPARATOR = "\n\n"
# A rendered body is keyed by its content, so it never goes stale; this only
# bounds how long an unread one stays.
RENDERED_TIMEOUT = 7 * 24 * 3600


def _alignment_as_class(state: StateCore) -> None:
    """Turn the table parser's `style="text-align:..."` into an align-* class."""
    for token in state.tokens:
        if token.type not in {"th_open", "td_open"}:
            continue
        style = token.attrs.pop("style", None)
        if isinstance(style, str) and style.startswith("text-align:"):
            token.attrs["class"] = "align-" + style.removeprefix("text-align:")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Raw HTML is off: the body is Markdown only, and nh3 cleans what is left.
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.core.ruler.push("alignment_as_class", _alignment_as_class)
    return md


def render_markdown(body: str) -> str:
    """Render a Markdown body to sanitized HTML, once per distinct body.

    Kept in the shared cache under a hash of the body (and the release, whose
    renderer may differ): a body renders once, whichever process asks first.
    """
    digest = hashlib.blake2b(body.encode("utf-8", "replace"), digest_size=20)
    key = f"rendered:{settings.CACHE_RELEASE}:{digest.hexdigest()}"
    html: str | None = cache.get(key)
    if html is None:
        html = _render_markdown(body)
        cache.set(key, html, RENDERED_TIMEOUT)
    return html


def _render_markdown(body: str) -> str:
    # Lone surrogates cannot be encoded; validation refuses them on input, and
    # a stored one must not break a page.
    body = body.encode("utf-8", "replace").decode("utf-8")
    html = _markdown().render(body)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
        allowed_classes=ALLOWED_CLASSES,
    )


@dataclass
class Token:
    """One piece of parsed HTML: a start or end tag, or text."""

    kind: str  # "start", "end" or "data"
    tag: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    text: str = ""
    offset: int | None = None  # where a counted text node starts in the plain text


class _Tokenizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(Token("start", tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(Token("start", tag, attrs))
        if tag not in VOID_TAGS:
            self.tokens.append(Token("end", tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS:
            self.tokens.append(Token("end", tag))

    def handle_data(self, data: str) -> None:
        self.tokens.append(Token("data", text=data))


def tokenize(html: str) -> tuple[list[Token], str]:
    """Parse sanitized HTML into tokens, setting each text node's plain-text offset.

    Returns the tokens and the plain text. Whitespace-only text between blocks
    (the newlines the renderer puts between tags) does not count.
    """
    parser = _Tokenizer()
    parser.feed(html)
    parser.close()
    parts: list[str] = []
    length = 0
    block_break = False
    for token in parser.tokens:
        if token.kind != "data":
            if token.tag in BLOCK_TAGS:
                block_break = True
            continue
        at_block_start = block_break or length == 0
        if at_block_start and not token.text.strip():
            continue
        if block_break and length:
            parts.append(BLOCK_SEPARATOR)
            length += len(BLOCK_SEPARATOR)
        block_break = False
        token.offset = length
        parts.append(token.text)
        length += len(token.text)
    return parser.tokens, "".join(parts)


@lru_cache(maxsize=16)
def _tokens(html: str) -> tuple[Token, ...]:
    # Marking only reads the tokens, so the recent bodies' parses are kept.
    return tuple(tokenize(html)[0])


def plain_text(body: str) -> str:
    """The plain text that claims anchor to, derived from the rendered body."""
    return tokenize(render_markdown(body))[1]


@dataclass(frozen=True)
class Mark:
    """A span of the plain text to wrap in <mark>, with the mark's attributes."""

    start: int
    end: int
    attrs: dict[str, str]


def _start_tag(tag: str, attrs: Iterable[tuple[str, str | None]]) -> str:
    rendered = "".join(
        f' {name}="{escape(value)}"' if value is not None else f" {name}"
        for name, value in attrs
    )
    return f"<{tag}{rendered}>"


def _tag(token: Token, out: list[str], pending: list[str], link_depth: int) -> int:
    """Write an element's start or end tag; labels held back inside a link
    follow its end. Returns how many links are open after it."""
    if token.kind == "start":
        out.append(_start_tag(token.tag, token.attrs))
        return link_depth + (token.tag == "a")
    out.append(f"</{token.tag}>")
    if token.tag != "a":
        return link_depth
    if link_depth == 1:
        out.extend(pending)
        pending.clear()
    return link_depth - 1


def render_marked(
    body: str,
    marks: Sequence[Mark],
    after: Callable[[Mark], str] | None = None,
) -> str:
    """Render a body with each mark's text wrapped in <mark> elements.

    A mark is split at element boundaries, so one that spans a link or
    emphasis becomes several <mark> elements with the same attributes;
    overlapping marks nest. The first piece of each mark also carries the
    mark's "id" attribute, if it has one; the others drop it. ``after``
    returns HTML (already safe) to insert where a mark ends, outside any link.
    """
    tokens = _tokens(render_markdown(body))
    ordered = sorted(marks, key=lambda mark: (mark.start, -mark.end))
    started: set[int] = set()
    labelled: set[int] = set()
    pending: list[str] = []
    link_depth = 0
    out: list[str] = []
    next_mark = 0
    active: list[int] = []  # indexes into ordered, of marks that may cover the token
    for token in tokens:
        if token.kind in ("start", "end"):
            link_depth = _tag(token, out, pending, link_depth)
            continue
        if token.offset is None:
            out.append(escape(token.text, quote=False))
            continue
        begin, finish = token.offset, token.offset + len(token.text)
        while next_mark < len(ordered) and ordered[next_mark].start < finish:
            active.append(next_mark)
            next_mark += 1
        # A mark that ended between text nodes (inside a block separator).
        ended = [i for i in active if ordered[i].end <= begin]
        (pending if link_depth else out).extend(
            _labels(after, ordered, ended, labelled)
        )
        active = [i for i in active if ordered[i].end > begin]
        here = [i for i in active if ordered[i].start < finish]
        for low, high in pairwise(_cuts(begin, finish, [ordered[i] for i in here])):
            covering = [
                i for i in here if ordered[i].start <= low and ordered[i].end >= high
            ]
            piece = escape(token.text[low - begin : high - begin], quote=False)
            opening = _opening_tags(ordered, covering, started)
            out.append(opening + piece + "</mark>" * len(covering))
            ended = [i for i in here if ordered[i].end == high]
            (pending if link_depth else out).extend(
                _labels(after, ordered, ended, labelled)
            )
    out.extend(pending)
    return "".join(out)


def _cuts(begin: int, finish: int, marks: Iterable[Mark]) -> list[int]:
    """Where a text node from ``begin`` to ``finish`` is cut: its ends and
    every mark edge inside it."""
    cuts = {begin, finish}
    for mark in marks:
        cuts.update(p for p in (mark.start, mark.end) if begin < p < finish)
    return sorted(cuts)


def _opening_tags(
    ordered: Sequence[Mark], covering: Iterable[int], started: set[int]
) -> str:
    """The <mark> start tags of a piece; only a mark's first piece keeps its id."""
    tags = []
    for i in covering:
        attrs = dict(ordered[i].attrs)
        if i in started:
            attrs.pop("id", None)
        started.add(i)
        tags.append(_start_tag("mark", attrs.items()))
    return "".join(tags)


def _labels(
    after: Callable[[Mark], str] | None,
    ordered: Sequence[Mark],
    ended: Iterable[int],
    labelled: set[int],
) -> list[str]:
    """What ``after`` puts where the marks that just ended end, once each."""
    if after is None:
        return []
    labels = []
    for i in ended:
        if i not in labelled:
            labelled.add(i)
            labels.append(after(ordered[i]))
    return labels


class MarkableClaim(Protocol):
    """What marking needs of a claim (claims.models.Claim has it)."""

    pk: Any
    start: int
    end: int
    status: str
    anchor_state: str

    @property
    def reader_status(self) -> str: ...


def claim_marks(claims: Iterable[MarkableClaim]) -> list[Mark]:
    """Marks for the claims that point at the text; orphaned claims are left out."""
    return [
        Mark(
            claim.start,
            claim.end,
            {
                "id": f"claim-{claim.pk}",
                "data-claim": str(claim.pk),
                "data-status": claim.reader_status,
            },
        )
        for claim in claims
        if claim.anchor_state != "orphaned"
    ]


def render_with_claims(
    body: str,
    claims: Iterable[MarkableClaim],
    after: Callable[[Mark], str] | None = None,
) -> str:
    """Render a body with every anchored claim's text wrapped in <mark> elements."""
    return render_marked(body, claim_marks(claims), after=after)
