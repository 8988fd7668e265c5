"""What readers see beside an agency's name: our editorial label, or plain facts.

An editorial label ("Russian state-controlled media") is the newsroom's
judgement, with a source and a date; the kind of body and its country are
facts. They must not look alike: the label is set apart (an outlined tag
opening with "Editorial label:"), the facts are plain text, and an agency
with neither (one a reporter added, kind and country unknown) shows nothing
rather than a bare "Other".
"""

from functools import cache

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from claims.labels import country_name
from claims.models import MEDIA_KINDS, Agency


def editorial_label(agency: Agency) -> str:
    """The newsroom's state-affiliation label for a news outlet, or ""."""
    return agency.affiliation_label if agency.kind in MEDIA_KINDS else ""


def agency_facts(agency: Agency) -> str:
    """What kind of body the agency is and where ("News agency, United
    Kingdom", "Government body of Russia"), or "" when nothing is known."""
    return _facts(agency.kind, agency.country, get_language())


# The names of a kind and a country are looked up through the translations:
# worked out once per kind, country and language.
@cache
def _facts(kind: str, code: str, language: str | None) -> str:
    country = country_name(code)
    if kind == Agency.Kind.OTHER:
        return country
    name = str(_KINDS.get(kind, kind))
    if kind == Agency.Kind.GOVERNMENT and country:
        return f"{name} of {country}"
    if kind == Agency.Kind.INTERNATIONAL_ORG or not country:
        return name
    return f"{name}, {country}"


_KINDS = dict(Agency.Kind.choices)


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
