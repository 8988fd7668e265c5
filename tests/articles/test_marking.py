"""Claims marked in the rendered body: split at elements, nested, never injectable."""

from html.parser import HTMLParser

import pytest

from articles.models import Article
from articles.rendering import Mark, plain_text, render_marked, render_with_claims
from claims.anchoring import locate
from claims.models import Claim


class MarkReader(HTMLParser):
    """Collects the text inside each claim's marks, and checks tags balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}
        self.pieces: dict[str, int] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"br", "hr"}:
            return
        claim = dict(attrs).get("data-claim") if tag == "mark" else None
        if claim is not None:
            self.pieces[claim] = self.pieces.get(claim, 0) + 1
        self.stack.append((tag, claim))

    def handle_endtag(self, tag: str) -> None:
        opened, _ = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def handle_data(self, data: str) -> None:
        for _, claim in self.stack:
            if claim is not None:
                self.texts[claim] = self.texts.get(claim, "") + data


def read(html: str) -> MarkReader:
    reader = MarkReader()
    reader.feed(html)
    reader.close()
    assert not reader.stack
    return reader


def marks_for(body: str, *quotes: str) -> list[Mark]:
    text = plain_text(body)
    return [
        Mark(
            found.start,
            found.end,
            {"data-claim": str(index), "data-status": "disputed"},
        )
        for index, found in enumerate(
            (locate(text, quote) for quote in quotes), start=1
        )
    ]


def test_claim_spanning_emphasis_is_split_at_the_element() -> None:
    """A claim across *emphasis* becomes three marks that read as the quote."""
    body = "The agency said *turnout was high* in the region."
    html = render_marked(body, marks_for(body, "said turnout was high in"))
    reader = read(html)
    assert reader.texts == {"1": "said turnout was high in"}
    assert reader.pieces == {"1": 3}
    assert "<em><mark" in html


def test_claim_spanning_a_link() -> None:
    body = (
        "According to [the Interfax agency](https://interfax.example/) 98% voted yes."
    )
    html = render_marked(body, marks_for(body, "the Interfax agency 98%"))
    reader = read(html)
    assert reader.texts == {"1": "the Interfax agency 98%"}
    assert 'href="https://interfax.example/"' in html


def test_overlapping_claims_nest() -> None:
    """Two overlapping claims each read as their own quote."""
    body = "One two three four five six."
    html = render_marked(body, marks_for(body, "two three four", "four five"))
    assert read(html).texts == {"1": "two three four", "2": "four five"}


def test_nested_claims() -> None:
    body = "Officials said the vote was fair and free, observers disagreed."
    html = render_marked(body, marks_for(body, "the vote was fair and free", "fair"))
    assert read(html).texts == {"1": "the vote was fair and free", "2": "fair"}


def test_claim_across_paragraphs() -> None:
    body = "End of the first.\n\nStart of the second."
    html = render_marked(body, marks_for(body, "first.\n\nStart"))
    assert read(html).texts == {"1": "first.Start"}


def test_after_hook_goes_outside_links() -> None:
    """A label inserted where a claim ends never lands inside a link."""
    body = "See [the full statement](https://example.org/) for details."
    html = render_marked(
        body, marks_for(body, "the full"), after=lambda mark: '<a href="#note">note</a>'
    )
    assert html.index('<a href="#note">') > html.index("</a>")


def test_attribute_values_cannot_inject_markup() -> None:
    """Claim fields are escaped in attributes; the body's raw HTML is text."""
    body = "Officials said <script>alert(1)</script> turnout was high."
    text = plain_text(body)
    found = locate(text, "turnout was high")
    payload = '"><script>alert(2)</script><mark x="'
    html = render_marked(body, [Mark(found.start, found.end, {"data-status": payload})])
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)" in html
    assert 'data-status="&quot;&gt;&lt;script&gt;' in html


@pytest.mark.django_db
def test_demo_article_marks_every_claim(demo: Article) -> None:
    """Each demo claim's marks read exactly as its quote; orphaned claims are left out."""
    claims = list(Claim.objects.filter(article=demo))
    orphan = claims[-1]
    orphan.anchor_state = Claim.AnchorState.ORPHANED
    reader = read(render_with_claims(demo.body, claims))
    assert reader.texts == {str(c.pk): c.quote for c in claims if c is not orphan}
