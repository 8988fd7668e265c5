"""Template filters for the sentences readers' pages generate about claims and agencies."""

from django import template
from django.utils.safestring import SafeString

from claims import labels
from claims.models import MEDIA_KINDS, Agency, Claim
from newsroom import site

register = template.Library()


@register.filter
def claim_sentence(claim: Claim) -> SafeString:
    """What the source said: a direct quote in quotation marks, reported speech without."""
    return labels.claim_sentence(claim)


@register.filter
def agency_label(agency: Agency) -> str:
    """What kind of body the agency is ("Government body of Russia")."""
    return labels.agency_label(agency)


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


# Readers' words for the fields an attribution change lists.
ATTRIBUTION_FIELDS = {
    "agency": "agency",
    "speaker": "speaker",
    "attribution_kind": "quotation",
    "reporting_verb": "reporting verb",
}


@register.filter
def attribution_field(field: str) -> str:
    """A field of an attribution change in readers' words."""
    return ATTRIBUTION_FIELDS.get(field, field.replace("_", " "))


@register.simple_tag
def site_name() -> str:
    """The publication's name."""
    return site.site_name()


@register.filter
def is_media(agency: Agency) -> bool:
    """Whether the agency publishes news, so its ownership and control matter to readers."""
    return agency.kind in MEDIA_KINDS
