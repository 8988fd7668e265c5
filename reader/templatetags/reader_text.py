"""Template filters for what readers' pages say about claims and agencies:
status words and badges, attribution, the claim's sentence, agency labels."""

from django import template
from django.utils.safestring import SafeString

from claims import labels
from claims.models import MEDIA_KINDS, Agency, Claim
from newsroom import site
from reader import agency_labels, review_log

register = template.Library()


@register.filter
def status_word(status: str) -> str:
    """A status in readers' words."""
    return labels.status_word(status)


@register.filter
def status_badge(status: str) -> SafeString:
    """A status as an icon and its word."""
    return labels.status_badge(status)


@register.filter
def attribution(claim: Claim) -> str:
    """Who a claim is attributed to, as a phrase ("According to Interfax")."""
    return labels.attribution(claim)


@register.filter
def is_labelled(claim: Claim) -> bool:
    """Whether readers see the claim's status and note."""
    return labels.is_labelled(claim)


@register.filter
def under_review(claim: Claim) -> SafeString:
    """That a reviewed claim whose words changed is under review again, dated."""
    return labels.under_review_text(claim)


@register.filter
def claim_sentence(claim: Claim) -> SafeString:
    """What the source said: a direct quote in quotation marks, reported speech without."""
    return labels.claim_sentence(claim)


@register.filter
def claim_words(claim: Claim, length: int = 0) -> str:
    """The claim's words, in quotation marks only when they are the source's own."""
    return review_log.claim_words(claim.quote, claim.attribution_kind, length)


@register.filter
def agency_tag(agency: Agency) -> SafeString:
    """The editorial label set apart, else the plain facts, else nothing."""
    return agency_labels.agency_tag(agency)


@register.filter
def agency_facts(agency: Agency) -> str:
    """What kind of body the agency is and where, or nothing known."""
    return agency_labels.agency_facts(agency)


@register.filter
def editorial_label(agency: Agency) -> str:
    """The newsroom's state-affiliation label for a news outlet, or ""."""
    return agency_labels.editorial_label(agency)


@register.filter
def agency_line(agency: Agency) -> SafeString:
    """The agency's name and its label or facts."""
    return agency_labels.agency_line(agency)


@register.filter
def country_name(code: str) -> str:
    """A country's name from its ISO code."""
    return labels.country_name(code)


@register.filter
def quoted(text: str) -> str:
    """Text in double quotation marks, quotations inside it in single ones."""
    return labels.quoted(text)


@register.filter
def sentence_start(text: str) -> str:
    """Text opening a sentence: first letter capitalised."""
    return labels.capfirst(text)


@register.simple_tag
def site_name() -> str:
    """The publication's name."""
    return site.site_name()


@register.filter
def is_media(agency: Agency) -> bool:
    """Whether the agency publishes news, so its ownership and control matter to readers."""
    return agency.kind in MEDIA_KINDS
