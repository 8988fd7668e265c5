"""Template filters for readers' claim labels: status words, icons, attribution."""

from django import template
from django.utils.safestring import SafeString

from claims import labels
from claims.models import Claim

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
