"""Markdown bodies: rendered, sanitized, and their plain text."""

from articles.rendering import plain_text, render_markdown


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
    import pytest
    from django.core.exceptions import ValidationError

    from newsroom.validators import validate_text

    with pytest.raises(ValidationError, match="Null characters"):
        validate_text("a\x00b")
    with pytest.raises(ValidationError, match="invalid character at position 1"):
        validate_text("a\ud800b")
    validate_text("Zaporizhzhia \u2014 \u201cquoted\u201d \U0001f5f3")


def test_stored_surrogate_does_not_break_rendering() -> None:
    assert "\ufffd" in plain_text("bad \ud800 char") or "?" in plain_text(
        "bad \ud800 char"
    )
