"""The agency index's cards: every agency's name, label and status chart.

Drawn with plain string formatting rather than a template: the index
draws a card for every agency, and a template costs a lookup and an
escape for each of a card's dozen variables and filters, which was most of
the index built afresh (``bench/over_http.py``'s cold row). What is text
from the database (names, labels, slugs) is escaped here; the chart comes
escaped from ``reader.charts``. The markup is the one the template gave.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString

from reader.agency_labels import agency_facts, agency_tag, editorial_label
from reader.charts import ORDER, status_chart
from reader.links import SLUG, Addresses, addresses

_CARD = """
  <li class="agency-card">
    <article aria-labelledby="agency-{slug}">
      <h2 id="agency-{slug}"><a href="{url}">{name}</a></h2>
      {facts}
      {label}
      <figure class="chart chart-small">
        {chart}
        <figcaption>{total} claim{plural} in our published stories.</figcaption>
      </figure>
    </article>
  </li>
"""


def _card(agency: Any, address: Addresses) -> str:
    counts: list[tuple[str, int]] = [
        (status, count)
        for status, count in zip(ORDER, agency.counts or [0] * len(ORDER), strict=True)
    ]
    total = sum(count for _, count in counts)
    slug = agency.slug
    url = address(slug)
    facts = agency_facts(agency)
    return _CARD.format(
        slug=escape(slug),
        url=escape(url),
        name=escape(agency.name),
        facts=f'<p class="meta">{escape(facts)}</p>' if facts else "",
        label=f'<p class="agency-label">{agency_tag(agency)}</p>'
        if editorial_label(agency)
        else "",
        chart=status_chart(
            counts,
            title=f"Claims attributed to {agency.in_text}, by status",
            title_id=f"chart-title-{slug}",
        ),
        total=total,
        plural="" if total == 1 else "s",
    )


def agency_cards(agencies: Iterable[Any]) -> SafeString:
    """The cards of ``agencies``, each carrying its public claims counted by
    status in ``ORDER`` (``counts``, None for none), in their order; a line
    saying there are none if there are none."""
    address = addresses("claims:agency", "slug", SLUG)
    cards = [_card(agency, address) for agency in agencies]
    if not cards:
        return SafeString("\n<p>No agencies yet.</p>\n\n")
    # Every piece of text was escaped as it went in.
    return SafeString(f'\n<ol class="agency-index">\n{"".join(cards)}\n</ol>\n\n')
