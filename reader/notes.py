"""A reviewed claim's note for readers, as an item of the article page's list
of notes: its status, what was said, the attribution, the editors' note and
where else it appears."""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.appearances import Appearance
from claims.labels import claim_sentence, status_badge, under_review_text
from claims.models import Claim
from reader.agency_labels import agency_line


def note_item(claim: Claim) -> SafeString:
    """A reviewed claim's note, as an item of the page's list of notes.

    Built here rather than by a template: a story's first page renders
    hundreds, and the template engine cost more than the rest of the page.
    """
    agency = claim.agency
    return format_html(
        '<li class="note note-{status}" id="note-{pk}" data-claim="{pk}" '
        'tabindex="-1">\n'
        '        <p class="note-status">{badge}</p>\n'
        '        <p class="note-claim">{sentence}</p>\n'
        '        <p class="attribution">{agency}</p>\n'
        "        {note}\n"
        "        {disputed_by}\n"
        "        {appears}\n"
        '        <p class="note-links">\n'
        '          <a href="#label-{pk}">Back to the text</a>\n'
        '          <a href="{url}">Permalink and history</a>\n'
        '          <a href="{agency_url}">All claims attributed to {in_text}</a>\n'
        "        </p>\n"
        "      </li>\n",
        status=claim.reader_status,
        pk=claim.pk,
        badge=status_badge(claim.reader_status),
        sentence=claim_sentence(claim),
        agency=agency_line(agency),
        note=_verdict_note(claim),
        disputed_by=(
            format_html('<p class="disputed-by">Disputed by {}.</p>', claim.disputed_by)
            if claim.disputed_by and claim.words_changed_at is None
            else ""
        ),
        appears=also_appears(getattr(claim, "appearances", ())),
        url=claim.get_absolute_url(),
        agency_url=agency.get_absolute_url(),
        in_text=agency.in_text,
    )


def also_appears(others: Sequence[Appearance]) -> SafeString:
    """ "This claim also appears in N other stories", with links, or nothing."""
    if not others:
        return SafeString("")
    count = len(others)
    stories = "story" if count == 1 else "stories"
    links = format_html_join(
        "",
        '<li><a href="{}">{}</a></li>',
        ((item.url, item.headline) for item in others),
    )
    return format_html(
        '<div class="also-appears"><p>This claim also appears in {} other {}:</p>'
        "<ul>{}</ul></div>",
        count,
        stories,
        links,
    )


def _verdict_note(claim: Claim) -> SafeString | str:
    """The editors' note, or, once the words changed, that it is under review."""
    if claim.words_changed_at is not None:
        return under_review_text(claim)
    if claim.note:
        return format_html('<p class="note-text">{}</p>', claim.note)
    return ""
