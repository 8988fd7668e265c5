"""What readers read of claims' histories: verdicts given or changed, words
corrected, attributions corrected, claims removed or withdrawn.

A claim's history holds the desk's own work too: a passage that moved in an
edited text, a speaker's name or a reporting verb tidied, a reopen of a claim
nobody had reviewed. Readers saw no label change from those, so the article
page's log, the claim page and the reviews feed leave them out, all by the
same rule (``PUBLIC_EVENTS`` in queries, ``public_change`` for one event).
Reported speech is our wording, not the source's: it is never put in
quotation marks.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from articles.models import Article
from claims.labels import quoted, status_badge, status_word
from claims.models import Claim, ReviewEvent
from newsroom.parts import kept
from newsroom.statements import Statement

Kind = ReviewEvent.Kind
Status = Claim.Status
UNREVIEWED = Status.UNREVIEWED

# The fields ``public_change`` reads of an event.
EVENT_FIELDS = (
    "kind",
    "old_status",
    "new_status",
    "new_anchor_state",
    "old_quote",
    "new_quote",
    "new_values",
)

# The events readers are told of, as a filter on ReviewEvent: the rule
# ``public_change`` applies to one event.
PUBLIC_EVENTS = (
    (Q(kind=Kind.REVIEW) & ~Q(old_status=UNREVIEWED, new_status=UNREVIEWED))
    | Q(kind=Kind.ANCHOR, new_anchor_state=Claim.AnchorState.ORPHANED)
    | (Q(kind=Kind.ANCHOR) & ~Q(old_quote="") & ~Q(old_quote=F("new_quote")))
    | Q(kind=Kind.ATTRIBUTION, new_values__has_key="agency")
    | (Q(kind=Kind.WITHDRAWAL) & ~Q(old_status=UNREVIEWED))
)


def _review(event: Mapping[str, Any]) -> str | None:
    old, new = event["old_status"], event["new_status"]
    if old != new:
        return f"{status_word(old)} \u2192 {status_word(new)}"
    return None if new == UNREVIEWED else f"note revised ({status_word(new)})"


def _anchor(event: Mapping[str, Any]) -> str | None:
    if event["new_anchor_state"] == Claim.AnchorState.ORPHANED:
        return "removed from the story's text"
    if not event["old_quote"] or event["old_quote"] == event["new_quote"]:
        return None  # moved, or checked, with its words unchanged
    if event["old_status"] == UNREVIEWED:
        return "words corrected in the story"
    return "words corrected in the story: under review again"


def _attribution(event: Mapping[str, Any]) -> str | None:
    # A speaker's name, a reporting verb or the kind of quotation tidied
    # changes no verdict; another agency is a correction.
    return "attribution corrected" if "agency" in event["new_values"] else None


def _withdrawal(event: Mapping[str, Any]) -> str | None:
    if event["old_status"] == UNREVIEWED:
        return None  # readers never saw it labelled
    return "withdrawn: no longer marked in the story"


_CHANGES = {
    Kind.REVIEW: _review,
    Kind.ANCHOR: _anchor,
    Kind.ATTRIBUTION: _attribution,
    Kind.WITHDRAWAL: _withdrawal,
}


def public_change(event: Mapping[str, Any]) -> str | None:
    """What changed for readers in one event (a mapping of ``EVENT_FIELDS``),
    as a phrase ("Not reviewed \u2192 Verified"); None for the desk's own work."""
    return _CHANGES[event["kind"]](event)


def of_event(event: ReviewEvent) -> str | None:
    """``public_change`` of an event read as a model."""
    return public_change({field: getattr(event, field) for field in EVENT_FIELDS})


def claim_words(quote: str, attribution_kind: str, length: int = 0) -> str:
    """A claim's words as the log shows them: a direct quote in quotation
    marks, reported speech (our wording) without; cut to ``length``."""
    words = Truncator(quote).chars(length) if length else quote
    if attribution_kind == Claim.AttributionKind.DIRECT:
        return quoted(words)
    return words


def change_sentence(event: ReviewEvent) -> SafeString:
    """One event of a claim's own history, as a sentence for its page."""
    change = of_event(event)
    if change is None:
        return SafeString("")
    if event.kind == Kind.REVIEW:
        return format_html(
            "{} \u2192 {}",
            status_word(event.old_status),
            status_badge(event.new_status),
        )
    if event.kind == Kind.ANCHOR and event.new_anchor_state != "orphaned":
        if event.old_status == UNREVIEWED:
            return SafeString("The story was corrected inside this claim's words.")
        return format_html(
            "The story was corrected inside this claim's words: the verdict ({}) "
            "was about the words before, and the claim is under review again.",
            status_word(event.old_status),
        )
    if event.kind == Kind.ATTRIBUTION:
        return SafeString("The claim's attribution was corrected.")
    return format_html("The claim was {}.", change)


# What the article page's log shows of each event.
LOG_FIELDS = (
    "id",
    "created_at",
    "claim_id",
    "claim__quote",
    "claim__attribution_kind",
    "claim__withdrawn_at",
    *EVENT_FIELDS,
)


def _log_entry(event: dict[str, Any]) -> SafeString:
    """One event of the article's log, as an item of its list.

    Built with format_html rather than a template, for the reason
    ``reader.notes.note_item`` is.
    """
    created = timezone.localtime(event["created_at"])
    words = claim_words(
        event["claim__quote"], event["claim__attribution_kind"], length=70
    )
    # A withdrawn claim has no page of its own any more.
    claim = (
        format_html("{}", words)
        if event["claim__withdrawn_at"] is not None
        else format_html(
            '<a href="{}">{}</a>',
            reverse("claims:detail", kwargs={"pk": event["claim_id"]}),
            words,
        )
    )
    return format_html(
        "<li>\n"
        '        <time datetime="{}">{}</time>\n'
        "        {}:\n"
        "        {}\n"
        "      </li>\n",
        formats.date_format(created, "Y-m-d\\TH:i:sO"),
        formats.date_format(created, "j M Y, H:i"),
        claim,
        public_change(event) or "",
    )


_LOG_ROWS: dict[int, Statement] = {}


def _log_rows(length: int) -> Statement:
    """The query of an article's last ``length`` public events, by its primary key."""
    if length not in _LOG_ROWS:
        _LOG_ROWS[length] = Statement(
            ReviewEvent,
            lambda article_id: (
                ReviewEvent.objects.filter(
                    PUBLIC_EVENTS,
                    Q(claim__withdrawn_at__isnull=True) | Q(kind=Kind.WITHDRAWAL),
                    claim__article_id=article_id,
                )
                .order_by("-created_at", "-pk")
                .values_list(*LOG_FIELDS)[:length]
            ),
        )
    return _LOG_ROWS[length]


def review_log(article: Article, length: int) -> SafeString:
    """The article's last ``length`` events readers are told of, as its page
    lists them.

    Each entry is kept by what it shows (events are never changed, but a
    claim's quote may be), so a review renders only its own entry.
    """
    # An attribution change's new values are kept by the fields named (a
    # dict is no key; ``public_change`` reads only which fields changed).
    rows = [
        (*row[:-1], tuple(sorted(row[-1])))
        for row in _log_rows(length).rows(article.pk)
    ]
    locale = (translation.get_language(), timezone.get_current_timezone_name())
    by_pk = {row[0]: row for row in rows}

    def produce(pks: list[Any]) -> dict[Any, str]:
        return {
            pk: _log_entry(dict(zip(LOG_FIELDS, by_pk[pk], strict=True))) for pk in pks
        }

    entries = kept(
        "review-log-entry",
        {row[0]: (row, locale) for row in rows},
        produce,
        shared=False,
    )
    # Each entry was made by format_html, which escapes what it shows.
    return SafeString("".join(entries[row[0]] for row in rows if row[0] in entries))
