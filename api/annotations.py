"""Claims as W3C Web Annotations (JSON-LD), and an article's claims as a page."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings

from articles.models import Article, search_columns
from claims.labels import attribution
from claims.models import Claim
from newsroom.site import site_name

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
TEXT_FORMAT = "text/plain"


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _text(value: str, purpose: str, language: str = "en") -> dict[str, Any]:
    return {
        "type": "TextualBody",
        "purpose": purpose,
        "value": value,
        "format": TEXT_FORMAT,
        "language": language,
    }


def _bodies(claim: Claim) -> list[dict[str, Any]]:
    """The review status (a tag), the attribution and, where there is one,
    the note for readers."""
    label = claim.agency.affiliation_label
    bodies = [
        _text(claim.get_status_display(), "tagging"),
        _text(attribution(claim) + (f"; {label}" if label else ""), "identifying"),
    ]
    if claim.note:
        disputed = f" Disputed by: {claim.disputed_by}." if claim.disputed_by else ""
        purpose = "commenting" if claim.status == Claim.Status.VERIFIED else "assessing"
        bodies.append(
            _text(claim.note + disputed, purpose, claim.article.language or "en")
        )
    return bodies


def claim_annotation(claim: Claim, *, base_url: str | None = None) -> dict[str, Any]:
    """One claim as a W3C Annotation targeting the article's plain text.

    The target carries both selectors; the bodies are the review status (a
    tag), the attribution and, where there is one, the note for readers.
    Reviewers' identities are not part of it: the creator is the publisher.
    """
    base = (base_url or settings.SITE_URL).rstrip("/")
    return {
        "@context": CONTEXT,
        "id": f"{base}{claim.get_absolute_url()}#annotation",
        "type": "Annotation",
        "motivation": "highlighting"
        if claim.status == Claim.Status.UNREVIEWED
        else "assessing",
        "created": _iso(claim.created_at),
        "modified": _iso(claim.updated_at),
        "creator": {"type": "Organization", "name": f"{site_name()} standards desk"},
        "generator": {"id": f"{base}/", "type": "Software", "name": "Newsroom"},
        "body": _bodies(claim),
        "target": {
            "type": "SpecificResource",
            "source": f"{base}{claim.article.get_absolute_url()}",
            "selector": [
                {
                    "type": "TextPositionSelector",
                    "start": claim.start,
                    "end": claim.end,
                },
                {
                    "type": "TextQuoteSelector",
                    "exact": claim.quote,
                    "prefix": claim.prefix,
                    "suffix": claim.suffix,
                },
            ],
        },
    }


def exported_claims(article: Article) -> Iterable[Claim]:
    """The claims an export shows: those that still point at the text and are
    not withdrawn, in order."""
    return (
        article.claims.exclude(anchor_state=Claim.AnchorState.ORPHANED)
        .filter(withdrawn_at__isnull=True)
        .select_related("agency", "article")
        .defer(*search_columns("article__"))
        .order_by("start", "pk")
    )


def article_annotation_page(
    article: Article,
    claims: Iterable[Claim] | None = None,
    *,
    base_url: str | None = None,
    page_url: str | None = None,
) -> dict[str, Any]:
    """An article's claims as one W3C AnnotationPage.

    Orphaned claims are left out: their selectors no longer describe the text.
    """
    base = (base_url or settings.SITE_URL).rstrip("/")
    items = [
        {
            key: value
            for key, value in claim_annotation(claim, base_url=base).items()
            if key != "@context"
        }
        for claim in (exported_claims(article) if claims is None else claims)
    ]
    return {
        "@context": CONTEXT,
        "id": page_url or f"{base}/api/articles/{article.slug}/annotations/",
        "type": "AnnotationPage",
        "startIndex": 0,
        "items": items,
    }
