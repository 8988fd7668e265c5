"""The search page's results: the summary, each kind's list and its links
to more; and each result's address and date, set before it is drawn.

Drawn with plain string formatting rather than a template, as the agency
index's cards are (``reader.agency_cards``): a template costs a lookup and
an escape for each of a result's dozen variables and filters, which was
the largest part of a new search's page after its queries. What is text
from the database or the reader (words asked, headlines, names, addresses)
is escaped here; what comes marked (hits, badges, labels) comes escaped
from ``claims.highlights`` and ``claims.labels``. The markup is the one the
template gave, byte for byte.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

from claims.labels import attribution, status_badge, status_word
from reader.agency_labels import agency_tag
from reader.links import NUMBER, SLUG, addresses

TITLES = {"stories": "Stories", "claims": "Claims", "agencies": "Agencies"}
# Said when words are matched as substrings, not full-text.
_SUBSTRINGS = (
    '<p class="search-note">Words are matched as typed on this installation, '
    "without their other forms: “referendums” does not find “referendum”.</p>"
)


def _story(article: Any) -> str:
    standfirst = (
        f'<p class="standfirst">{conditional_escape(article.standfirst_marked)}</p>'
        if article.standfirst
        else ""
    )
    excerpt = article.excerpt_marked
    snippet = f'<p class="snippet">{conditional_escape(excerpt)}</p>' if excerpt else ""
    return (
        '\n    <li class="result result-story">\n'
        f'      <h3><a href="{escape(article.url)}">'
        f"{conditional_escape(article.headline_marked)}</a></h3>\n"
        f"      {standfirst}\n      {snippet}\n"
        f'      <p class="meta"><time datetime="{escape(article.published_iso)}">'
        f"{escape(article.published_day)}</time></p>\n    </li>\n  "
    )


def _claim(claim: Any) -> str:
    status = escape(claim.reader_status)
    story = claim.article
    return (
        f'\n    <li class="result result-claim claim-item claim-item-{status}" '
        f'data-claim="{claim.pk}" data-status="{status}">\n'
        f'      <p class="note-status">{status_badge(claim.reader_status)}</p>\n'
        '      <blockquote class="note-quote">'
        f"<p>{conditional_escape(claim.quote_marked)}</p></blockquote>\n"
        f'      <p class="attribution">{conditional_escape(attribution(claim))}</p>\n'
        f'      <p class="claim-source">In <a href="{escape(story.url)}">'
        f"{escape(story.headline)}</a>, "
        f'<time datetime="{escape(story.published_iso)}">'
        f"{escape(story.published_day)}</time>\n"
        f'        · <a href="{escape(claim.url)}">The claim and its review</a></p>\n'
        "    </li>\n  "
    )


def _agency(found: Any) -> str:
    tag = agency_tag(found)
    aliases = found.aliases_marked
    also = (
        '<p class="aliases">Also known as '
        + ", ".join(conditional_escape(alias) for alias in aliases)
        + "</p>"
        if aliases
        else ""
    )
    return (
        '\n    <li class="result result-agency">\n'
        f'      <h3><a href="{escape(found.url)}">'
        f"{conditional_escape(found.name_marked)}</a></h3>\n"
        f"      {f'<p class="meta">{tag}</p>' if tag else ''}\n"
        f"      {also}\n    </li>\n  "
    )


def _dated(story: Any) -> None:
    """Set the story's publication time as its result shows it, in the
    current time zone: ``published_iso`` and ``published_day``."""
    moment = story.published_at
    if moment is None:
        story.published_iso = story.published_day = ""
        return
    story.published_iso, story.published_day = _shown_at(
        moment, timezone.get_current_timezone_name(), translation.get_language()
    )


@functools.lru_cache(maxsize=4096)
def _shown_at(moment: datetime, zone: str, language: str | None) -> tuple[str, str]:
    """A moment as a result shows it, in ``zone`` and ``language`` (the
    current ones, which the formatting reads: keys of the kept forms).
    Stories found again are shown again: the date filter's formatting cost a
    tenth of a new search's page."""
    # As the template's date filter takes it (the stubs lack the function).
    local = timezone.template_localtime(moment)  # type: ignore[attr-defined]
    return date_format(local, r"Y-m-d\TH:i:sO"), date_format(local, "j F Y")


def _link_stories(stories: list[Any]) -> None:
    address = addresses("articles:detail", "slug", SLUG)
    for story in stories:
        story.url = address(story.slug)
        _dated(story)


def _link_claims(claims: list[Any]) -> None:
    address = addresses("claims:detail", "pk", NUMBER)
    stories = addresses("articles:detail", "slug", SLUG)
    for claim in claims:
        claim.url = address(claim.pk)
        claim.article.url = stories(claim.article.slug)
        _dated(claim.article)


def _link_agencies(agencies: list[Any]) -> None:
    address = addresses("claims:agency", "slug", SLUG)
    for agency in agencies:
        agency.url = address(agency.slug)


# Each result's address and date, set once per drawing of the results
# (``reverse`` and the ``date`` filter per result cost a tenth of them).
LINKED: dict[str, Callable[[list[Any]], None]] = {
    "stories": _link_stories,
    "claims": _link_claims,
    "agencies": _link_agencies,
}


_DRAWN: dict[str, Callable[[Any], str]] = {
    "stories": _story,
    "claims": _claim,
    "agencies": _agency,
}


def _more(name: str, section: dict[str, Any], base_query: str) -> str:
    """The links to other pages of one kind, or to all of it."""
    page = section["page"]
    link = f'href="?{base_query}&amp;kind={name}'
    if page:
        if not page.has_other_pages():
            return "\n  \n  "
        before = (
            f'<a rel="prev" {link}&amp;page={page.previous_page_number()}">Previous</a>'
            if page.has_previous()
            else ""
        )
        after = (
            f'<a rel="next" {link}&amp;page={page.next_page_number()}">Next</a>'
            if page.has_next()
            else ""
        )
        return (
            f'\n  \n  <nav class="pagination" aria-label="Pages of {name}">\n'
            f"    {before}\n"
            f'    <span class="page-of">Page {page.number} of '
            f"{page.paginator.num_pages}</span>\n    {after}\n  </nav>\n  \n  "
        )
    if section["count"] > len(section["items"]):
        count = section["count"]
        return f'\n  <p class="more-results"><a {link}">All {count} {name}</a></p>\n  '
    return ""


def _section(name: str, section: dict[str, Any], base_query: str) -> str:
    items = section["items"]
    if items:
        drawn = _DRAWN[name]
        listed = "".join(drawn(item) for item in items)
        found = f'\n  <ol class="result-list">\n  {listed}\n  </ol>\n  '
    else:
        found = f'\n  <p class="no-results">No {name} match.</p>\n  '
    return (
        f'\n<section class="results results-{name}" aria-labelledby="results-{name}">\n'
        f'  <h2 id="results-{name}">{TITLES[name]} '
        f'<span class="result-count">({section["count"]})</span></h2>\n'
        f"  {found}\n  {_more(name, section, base_query)}\n</section>\n"
    )


@dataclass(frozen=True)
class Asked:
    """What the summary repeats of the search: its words, agency and status,
    whether it was cut at the newest matches (``capped``: how many, as
    shown), and whether words were matched full-text."""

    query: str
    agency: Any
    status: str
    capped: str
    full_text: bool


def _summary(total: int, asked: Asked) -> str:
    said = f" for “{escape(asked.query)}”" if asked.query else ""
    if asked.agency:
        said += f", attributed to {escape(asked.agency.in_text)}"
    if asked.status:
        said += f", with claims marked {escape(status_word(asked.status).lower())}"
    note = (
        f'<p class="search-note">Only the newest {escape(asked.capped)} matches of '
        "each kind are shown, best first: add a word to narrow the search.</p>"
        if asked.capped
        else ""
    )
    return (
        '<p class="result-summary" role="status">\n'
        f"  {total} result{'' if total == 1 else 's'}{said}.\n</p>\n"
        f"{note}\n{'' if asked.full_text else _SUBSTRINGS}\n\n"
    )


def result_list(
    sections: dict[str, dict[str, Any]], asked: Asked, base_query: str
) -> SafeString:
    """The results part of the search page: how many for what was
    ``asked``, then each kind in ``sections`` (its ``items``, ``count`` and
    ``page``, None without one); ``base_query`` stands where each link to
    more results repeats the request's other parameters."""
    total = sum(section["count"] for section in sections.values())
    drawn = [_summary(total, asked)]
    drawn += [_section(name, section, base_query) for name, section in sections.items()]
    # Every piece of text was escaped as it went in.
    return SafeString("".join(drawn) + "\n")
