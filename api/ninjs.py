"""A story as IPTC ninjs 2.2 (News in JSON), for partners' systems.

The document carries the standards layer with the story: the body with each
claim marked, the agencies the story cites in ``organisations`` with their
state-affiliation labels in ``descriptions``, the corrections in ``ednote``,
``trustindicators`` linking to the corrections policy and to each claim's
note, and an association to the claims' W3C Web Annotations. The schema it
meets is vendored in ``api/schemas/ninjs/`` (see its README).
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from api.annotations import exported_claims
from articles.models import Article, ArticleRevision
from articles.rendering import render_with_claims
from claims.labels import status_word
from claims.models import Agency, Claim

NINJS_VERSION = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"
ANNOTATIONS_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
CORRECTIONS_POLICY = "https://schema.org/correctionsPolicy"
CLAIM_REVIEW = "https://schema.org/ClaimReview"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _label(agency: Agency) -> str:
    label = agency.affiliation_label or agency.get_state_affiliation_display()
    text = f"{agency.name}: {label}"
    if agency.affiliation_source:
        text += f" (source: {agency.affiliation_source})"
    return text


def _ednote(corrections: list[ArticleRevision]) -> str | None:
    """The corrections readers are told of, oldest first, one line each."""
    lines = [
        f"{revision.get_change_kind_display()} "
        f"({revision.shown_at.date().isoformat()}): {revision.change_note}"
        for revision in corrections
    ]
    return "\n".join(lines) or None


def _organisations(
    agencies: list[Agency], absolute: Callable[[str], str]
) -> list[dict[str, Any]]:
    return [
        {
            "name": agency.name,
            "uri": absolute(agency.get_absolute_url()),
            "literal": agency.slug,
            "rel": "attributed-source",
        }
        for agency in agencies
    ]


def _trust(claims: list[Claim], absolute: Callable[[str], str]) -> list[dict[str, Any]]:
    policy = settings.CORRECTIONS_POLICY_URL or absolute(
        reverse("articles:corrections-feed")
    )
    indicators = [
        {"role": CORRECTIONS_POLICY, "title": "Corrections policy", "href": policy}
    ]
    indicators += [
        {
            "role": CLAIM_REVIEW,
            "title": f"{status_word(claim.status)}: note on the claim "
            f"attributed to {claim.agency.name}",
            "href": absolute(claim.get_absolute_url()),
        }
        for claim in claims
        if claim.status != Claim.Status.UNREVIEWED
    ]
    return indicators


def _annotations(article: Article, absolute: Callable[[str], str]) -> dict[str, Any]:
    url = absolute(reverse("article-annotations", kwargs={"slug": article.slug}))
    return {
        "name": "annotations",
        "uri": url,
        "type": "component",
        "representationtype": "partial",
        "headlines": [{"value": "The story's claims as W3C Web Annotations"}],
        "renditions": [
            {"name": "annotations", "href": url, "contenttype": ANNOTATIONS_TYPE}
        ],
    }


def ninjs_document(article: Article, absolute: Callable[[str], str]) -> dict[str, Any]:
    """The article as a ninjs 2.2 object; ``absolute`` makes a path a full URL."""
    claims = list(exported_claims(article))
    corrections = list(article.corrections())
    agencies = list({claim.agency_id: claim.agency for claim in claims}.values())
    page = absolute(article.get_absolute_url())
    changed = corrections[-1].shown_at if corrections else article.published_at
    document: dict[str, Any] = {
        "uri": page,
        "standard": {
            "name": "ninjs",
            "version": "2.2",
            "schema": NINJS_VERSION,
        },
        "type": "text",
        "representationtype": "full",
        "version": str(1 + len(corrections)),
        "firstcreated": _iso(article.published_at or article.created_at),
        "versioncreated": _iso(changed or article.updated_at),
        "pubstatus": "usable",
        "embargoed": _iso(article.publish_at) if article.embargoed else None,
        "language": article.language or "en",
        "headlines": [{"role": "main", "value": article.headline}],
        "descriptions": [
            {
                "role": "summary",
                "contenttype": "text/plain",
                "value": article.standfirst,
            },
            *(
                {
                    "role": "agency-label",
                    "contenttype": "text/plain",
                    "value": _label(a),
                }
                for a in agencies
            ),
        ],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "charcount": len(article.plain_text),
                "wordcount": len(article.plain_text.split()),
                "value": render_with_claims(article.body, claims),
            }
        ],
        "by": article.byline or None,
        "located": article.dateline or None,
        "ednote": _ednote(corrections),
        "organisations": _organisations(agencies, absolute),
        "trustindicators": _trust(claims, absolute),
        "associations": [_annotations(article, absolute)],
        "altids": [{"role": "slug", "value": article.slug}],
    }
    if not article.standfirst:
        document["descriptions"] = document["descriptions"][1:]
    return {key: value for key, value in document.items() if value not in (None, [])}
