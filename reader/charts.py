"""A server-rendered SVG chart of how an agency's claims were reviewed."""

from collections import Counter
from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
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


def status_chart(
    counts: list[tuple[str, int]], *, title: str, title_id: str = "chart-title"
) -> SafeString:
    """A horizontal bar chart, one labelled bar per status, as inline SVG.

    Each bar is named by its status word and count in text, so the chart
    reads without colour; the title names the chart for screen readers.
    ``title_id`` must be unique on the page when it shows several charts.
    """
    summary = ", ".join(
        f"{count} {status_word(status).lower()}" for status, count in counts
    )
    top = max((count for _, count in counts), default=0) or 1
    height = ROW * len(counts) + 8
    rows = format_html_join(
        "",
        '<g class="chart-row chart-{}" transform="translate(0 {})">'
        '<text class="chart-label" x="{}" y="18" text-anchor="end">{}</text>'
        '<rect class="chart-bar" x="{}" y="4" width="{}" height="18" rx="2"/>'
        '<text class="chart-value" x="{}" y="18">{}</text></g>',
        (
            (
                status,
                index * ROW + 4,
                LABEL_WIDTH - 8,
                status_word(status),
                LABEL_WIDTH,
                max(round(BAR_WIDTH * count / top), 1 if count else 0),
                LABEL_WIDTH + max(round(BAR_WIDTH * count / top), 0) + 6,
                count,
            )
            for index, (status, count) in enumerate(counts)
        ),
    )
    return format_html(
        '<svg class="status-chart" role="img" aria-labelledby="{}" '
        'viewBox="0 0 {} {}" width="{}" height="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{}: {}</title>{}</svg>',
        title_id,
        WIDTH,
        height,
        WIDTH,
        height,
        title_id,
        title,
        summary,
        rows,
    )
