"""Markdown bodies: rendered, sanitized, and their plain text."""

import nh3
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from articles.rendering import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_CLASSES,
    plain_text,
    render_markdown,
)
from newsroom.settings import STATICFILES_DIRS
from newsroom.validators import validate_text


def test_raw_html_is_shown_as_text() -> None:
    """Raw HTML in a body is escaped, never rendered."""
    html = render_markdown(
        'Hello <script>alert(1)</script> <img src=x onerror="alert(2)">'
    )
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_links_are_dropped() -> None:
    html = render_markdown(
        "[click](javascript:alert(1)) and [ok](https://example.org/)"
    )
    assert 'href="javascript' not in html
    assert 'href="https://example.org/"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_plain_text_joins_blocks_with_a_blank_line() -> None:
    """The plain text is the rendered text content, blocks joined by a blank line."""
    body = (
        "# Title\n\nA *quick* [fox](https://example.org/).\n\n- one\n- two\n\n> quoted"
    )
    assert plain_text(body) == "Title\n\nA quick fox.\n\none\n\ntwo\n\nquoted"


def test_plain_text_decodes_entities() -> None:
    assert plain_text('Fish & chips < 5 "quoted"') == 'Fish & chips < 5 "quoted"'


def test_article_fields_refuse_unstorable_characters() -> None:
    """Forms, the admin and the API (model validators) refuse NUL and lone surrogates."""
    with pytest.raises(ValidationError, match="Null characters"):
        validate_text("a\x00b")
    with pytest.raises(ValidationError, match="invalid character at position 1"):
        validate_text("a\ud800b")
    validate_text("Zaporizhzhia \u2014 \u201cquoted\u201d \U0001f5f3")


def test_stored_surrogate_does_not_break_rendering() -> None:
    assert "\ufffd" in plain_text("bad \ud800 char") or "?" in plain_text(
        "bad \ud800 char"
    )


def test_table_alignment_is_a_class_not_inline_style() -> None:
    """Aligned columns carry align-* classes the stylesheet knows; no style= survives."""
    html = render_markdown(
        "| Region | Share |\n|:--|--:|\n| Kherson | 87% |\n\n| centred |\n|:-:|\n| x |"
    )
    assert "style=" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert [cell["class"] for cell in soup.select("tr th, tr td")] == [
        ["align-left"],
        ["align-right"],
        ["align-left"],
        ["align-right"],
        ["align-center"],
        ["align-center"],
    ]
    css = (STATICFILES_DIRS[0] / "newsroom" / "site.css").read_text()
    for name in ("left", "center", "right"):
        assert f".align-{name} {{ text-align: {name}; }}" in css


def test_only_alignment_classes_pass_the_sanitizer() -> None:
    """A class smuggled in some other way is dropped; alignment survives."""
    html = nh3.clean(
        '<table><tr><td class="align-right evil" style="color:red">1</td></tr></table>',
        tags={"table", "tbody", "tr", "td"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
    )
    assert '<td class="align-right">1</td>' in html
    assert "style" not in html
