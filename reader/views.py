"""Readers' pages for agencies and claims."""

from dataclasses import dataclass
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.safestring import SafeString
from django.views.generic import DetailView

from claims import appearances, selectors
from claims.models import Agency, Claim, ReviewEvent
from newsroom.caching import agency_scope, claim_scope, public_page
from reader import review_log, structured_data
from reader.charts import status_chart, status_counts


@method_decorator(public_page(lambda slug: [agency_scope(slug)]), name="dispatch")
class AgencyDetailView(DetailView[Agency]):
    """An agency's profile and label, and every public claim attributed to it."""

    template_name = "claims/agency_detail.html"
    context_object_name = "agency"

    def get_object(self, queryset: Any = None) -> Agency:
        return get_object_or_404(Agency, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agency: Agency = self.object
        claims = selectors.agency_page_claims(agency)
        counts = status_counts(claim.status for claim in claims)
        absolute = self.request.build_absolute_uri
        context.update(
            label_history=selectors.label_history(agency),
            claims=claims,
            counts=counts,
            json_ld=structured_data.json_ld(
                structured_data.graph(
                    [
                        structured_data.organization(agency, absolute),
                        *(
                            structured_data.claim_review(claim, absolute)
                            for claim in structured_data.reviewed(claims)
                        ),
                    ]
                )
            ),
            chart=status_chart(
                counts, title=f"Claims attributed to {agency.in_text}, by status"
            ),
        )
        return context


@method_decorator(public_page(lambda pk: [claim_scope(pk)]), name="dispatch")
class ClaimDetailView(DetailView[Claim]):
    """A claim's permalink: its sentence, attribution, status, note and history."""

    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def get_object(self, queryset: Any = None) -> Claim:
        return get_object_or_404(selectors.public_claims(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        claim: Claim = self.object
        context["appearances"] = appearances.of(claim)
        context["history"] = history(claim)
        context["sentence"] = sentence_around(claim)
        if structured_data.reviewed([claim]):
            context["json_ld"] = structured_data.json_ld(
                structured_data.graph(
                    [
                        structured_data.claim_review(
                            claim, self.request.build_absolute_uri
                        )
                    ]
                )
            )
        return context


@dataclass(frozen=True)
class HistoryEntry:
    """One change readers are told of, on a claim's page."""

    event: ReviewEvent
    change: SafeString
    # The words a correction replaced, as the log shows a claim's words.
    was: str


def history(claim: Claim) -> list[HistoryEntry]:
    """The claim's history as readers read it, oldest first."""
    events = claim.events.filter(review_log.PUBLIC_EVENTS).order_by("created_at", "pk")
    return [
        HistoryEntry(
            event=event,
            change=review_log.change_sentence(event),
            was=review_log.claim_words(event.old_quote, claim.attribution_kind)
            if event.old_quote and event.old_quote != event.new_quote
            else "",
        )
        for event in events
    ]


def sentence_around(claim: Claim) -> tuple[str, str, str]:
    """The claim with the rest of its sentence: (before, quote, after), in plain text."""
    if claim.anchor_state == Claim.AnchorState.ORPHANED:
        return "", claim.quote, ""
    text = claim.article.plain_text
    block_start = text.rfind("\n\n", 0, claim.start)
    block_start = 0 if block_start < 0 else block_start + 2
    starts = [text.rfind(stop, block_start, claim.start) for stop in (". ", "? ", "! ")]
    begin = max([block_start, *(index + 2 for index in starts if index >= 0)])
    block_end = text.find("\n\n", claim.end)
    block_end = len(text) if block_end < 0 else block_end
    ends = [text.find(stop, claim.end, block_end) for stop in (". ", "? ", "! ")]
    finish = min([block_end, *(index + 1 for index in ends if index >= 0)])
    return (
        text[begin : claim.start],
        text[claim.start : claim.end],
        text[claim.end : finish],
    )
