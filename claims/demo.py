"""The demo story: agencies, the published article and its reviewed claims."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_datetime

from articles.models import Article
from claims.models import Agency, Claim
from claims.services import create_claim, review_claim

SEED = Path(__file__).resolve().parent / "fixtures" / "seed-article.json"

COUNTRY_ADJECTIVES = {"RU": "Russian", "UA": "Ukrainian", "US": "US", "CN": "Chinese"}
MEDIA_KINDS = {Agency.Kind.NEWS_AGENCY, Agency.Kind.BROADCASTER}


def affiliation_label(kind: str, country: str, affiliation: str) -> str:
    """The readers' label for media owned or funded by a state; blank otherwise."""
    if kind not in MEDIA_KINDS:
        return ""
    adjective = COUNTRY_ADJECTIVES.get(country, country)
    if affiliation == Agency.Affiliation.STATE_CONTROLLED:
        return f"{adjective} state-controlled media".strip()
    if affiliation == Agency.Affiliation.STATE_FUNDED:
        return f"{adjective} state-funded media".strip()
    return ""


def load_seed(path: Path = SEED) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def load_demo(seed: dict[str, Any] | None = None) -> dict[str, int]:
    """Create whatever of the demo story is missing; a second run changes nothing.

    Statuses and notes go through the review service, so each reviewed claim
    has its history. Returns how many objects of each kind were created.
    """
    seed = seed or load_seed()
    created = {"agencies": 0, "articles": 0, "claims": 0, "reviews": 0}
    agencies = {}
    for entry in seed["agencies"]:
        agency, made = Agency.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "aliases": entry.get("aliases", []),
                "kind": entry["kind"],
                "country": entry.get("country", ""),
                "state_affiliation": entry["state_affiliation"],
                "affiliation_label": affiliation_label(
                    entry["kind"], entry.get("country", ""), entry["state_affiliation"]
                ),
                "description": entry.get("description", ""),
            },
        )
        agencies[agency.slug] = agency
        created["agencies"] += made
    data = seed["article"]
    article, made = Article.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "headline": data["headline"],
            "standfirst": data.get("standfirst", ""),
            "body": data["body"],
            "byline": data.get("byline", ""),
            "dateline": data.get("dateline", ""),
            "language": data.get("language", "en"),
            "status": Article.Status.PUBLISHED,
            "published_at": parse_datetime(data["published_at"]),
        },
    )
    created["articles"] += made
    if not made:
        return created
    for entry in seed["claims"]:
        claim = create_claim(
            article,
            quote=entry["quote"],
            agency=agencies[entry["agency"]],
            speaker=entry.get("speaker", ""),
        )
        created["claims"] += 1
        if entry["status"] != Claim.Status.UNREVIEWED:
            review_claim(
                claim.pk,
                status=entry["status"],
                note=entry.get("note", ""),
                disputed_by=entry.get("disputed_by", ""),
                actor=None,
                expected_version=claim.version,
            )
            created["reviews"] += 1
    return created
