"""A server-rendered SVG chart of how an agency's claims were reviewed."""

from collections import Counter
from collections.abc import Iterable
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString

from claims.labels import status_word
from claims.models import Claim

# Order readers scan in: what needs attention first.
ORDER = [
    Claim.Status.DISPUTED,
    Claim.Status.CONTEXTUALIZED,
    Claim.Status.VERIFIED,
    Claim.Status.UNREVIEWED,
]
ROW = 28
LABEL_WIDTH = 130
BAR_WIDTH = 200
WIDTH = LABEL_WIDTH + BAR_WIDTH + 50


def status_counts(statuses: Iterable[str]) -> list[tuple[str, int]]:
    """Each status with how many claims have it, in reading order."""
    counts = Counter(statuses)
    return [(status, counts.get(status, 0)) for status in ORDER]


@cache
def _row(status: str, index: int) -> tuple[str, str]:
    """A bar's markup before and after its width: its label, position, class."""
    return (
        f'<g class="chart-row chart-{escape(status)}" '
        f'transform="translate(0 {index * ROW + 4})">'
        f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="18" text-anchor="end">'
        f"{escape(status_word(status))}</text>"
        f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="4" width="',
        '" height="18" rx="2"/><text class="chart-value" x="',
    )


def status_chart(
    counts: list[tuple[str, int]], *, title: str, title_id: str = "chart-title"
) -> SafeString:
    """A horizontal bar chart, one labelled bar per status, as inline SVG.

    Each bar is named by its status word and count in text, so the chart
    reads without colour; the title names the chart for screen readers.
    ``title_id`` must be unique on the page when it shows several charts.
    Written with plain string formatting: only the title, the id and the
    status words are text to escape, and the agency index draws a chart a
    card.
    """
    summary = ", ".join(
        f"{count} {status_word(status).lower()}" for status, count in counts
    )
    top = max((count for _, count in counts), default=0) or 1
    height = ROW * len(counts) + 8
    rows = []
    for index, (status, count) in enumerate(counts):
        before, between = _row(status, index)
        width = round(BAR_WIDTH * count / top)
        rows.append(
            f"{before}{max(width, 1 if count else 0)}{between}"
            f'{LABEL_WIDTH + max(width, 0) + 6}" y="18">{count}</text></g>'
        )
    label, ident = escape(title), escape(title_id)
    return SafeString(
        f'<svg class="status-chart" role="img" aria-labelledby="{ident}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{ident}">{label}: '
        f"{escape(summary)}</title>{''.join(rows)}</svg>"
    )
