"""Template filters for what readers' pages say about claims and agencies:
status words and badges, attribution, the claim's sentence, agency labels.

Each filter is the function that says it, registered under a name the
templates use; the functions are documented where they are written.
"""

from django import template

from claims import labels
from claims.models import MEDIA_KINDS, Agency, Claim
from newsroom import site
from reader import agency_labels, review_log

register = template.Library()

# A status in readers' words; as an icon and its word.
register.filter("status_word", labels.status_word)
register.filter("status_badge", labels.status_badge)
# Who a claim is attributed to ("According to Interfax"); whether readers see
# its status and note; that its words changed after its review, dated; what
# the source said (a direct quote in quotation marks, reported speech without).
register.filter("attribution", labels.attribution)
register.filter("is_labelled", labels.is_labelled)
register.filter("under_review", labels.under_review_text)
register.filter("claim_sentence", labels.claim_sentence)
# An agency's editorial label set apart, else its plain facts; the facts; the
# label; its name with either.
register.filter("agency_tag", agency_labels.agency_tag)
register.filter("agency_facts", agency_labels.agency_facts)
register.filter("editorial_label", agency_labels.editorial_label)
register.filter("agency_line", agency_labels.agency_line)
# A country's name from its ISO code; text in quotation marks (quotations in
# it in single ones); text opening a sentence.
register.filter("country_name", labels.country_name)
register.filter("quoted", labels.quoted)
register.filter("sentence_start", labels.capfirst)
register.simple_tag(site.site_name, name="site_name")


@register.filter
def claim_words(claim: Claim, length: int = 0) -> str:
    """The claim's words, in quotation marks only when they are the source's own."""
    return review_log.claim_words(claim.quote, claim.attribution_kind, length)


@register.filter
def is_media(agency: Agency) -> bool:
    """Whether the agency publishes news, so its ownership and control matter to readers."""
    return agency.kind in MEDIA_KINDS
