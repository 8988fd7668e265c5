"""What readers see beside an agency's name: our editorial label, or plain facts.

An editorial label ("Russian state-controlled media") is the newsroom's
judgement, with a source and a date; the kind of body and its country are
facts. They must not look alike: the label is set apart (an outlined tag
opening with "Editorial label:"), the facts are plain text, and an agency
with neither (one a reporter added, kind and country unknown) shows nothing
rather than a bare "Other".
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.labels import country_name
from claims.models import MEDIA_KINDS, Agency


def editorial_label(agency: Agency) -> str:
    """The newsroom's state-affiliation label for a news outlet, or ""."""
    return agency.affiliation_label if agency.kind in MEDIA_KINDS else ""


def agency_facts(agency: Agency) -> str:
    """What kind of body the agency is and where ("News agency, United
    Kingdom", "Government body of Russia"), or "" when nothing is known."""
    country = country_name(agency.country)
    if agency.kind == Agency.Kind.OTHER:
        return country
    kind = str(agency.get_kind_display())
    if agency.kind == Agency.Kind.GOVERNMENT and country:
        return f"{kind} of {country}"
    if agency.kind == Agency.Kind.INTERNATIONAL_ORG or not country:
        return kind
    return f"{kind}, {country}"


def agency_tag(agency: Agency) -> SafeString:
    """The editorial label, set apart and announced as ours, else the facts
    as plain text, else nothing."""
    label = editorial_label(agency)
    if label:
        return format_html(
            '<span class="editorial-label">'
            '<span class="editorial-label-prefix">Editorial label:</span> {}</span>',
            label,
        )
    facts = agency_facts(agency)
    if not facts:
        return SafeString("")
    return format_html('<span class="agency-facts">{}</span>', facts)


def agency_line(agency: Agency) -> SafeString:
    """The agency's name and what readers see beside it ("TASS: Editorial
    label: Russian state-controlled media"), or the name alone."""
    tag = agency_tag(agency)
    if not tag:
        return format_html("{}", agency.name)
    return format_html("{}: {}", agency.name, tag)
