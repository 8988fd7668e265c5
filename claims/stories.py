"""Importing stories: an article with its agencies and attributed claims, from JSON.

The format is that of ``claims/fixtures/seed-article.json``: ``article``
(slug, headline, body, optional standfirst, byline, dateline, language,
published_at), ``agencies`` (slug, name, kind, country, state_affiliation,
aliases, description) and ``claims`` (quote, agency slug, speaker, and
optionally status, note, disputed_by, attribution, verb, created_at,
reviewed_at; a claim whose agency is null is
skipped, since every claim links to an agency). Everything goes through the
services (``create_article``, ``publish_article``, ``edit_article``,
``create_agency``, ``create_claim``, ``review_claim``), so an updated body
re-anchors existing claims and every import has its history. An optional
``people`` list (name, slug, aliases, role, agency slug) adds known speakers.
A new article is queued for detection once the import commits (an updated
one is, by ``edit_article``, when its text changed).
"""

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from articles.editing import edit_article
from articles.models import Article
from articles.services import create_article, publish_article
from claims.models import MEDIA_KINDS, Agency, Claim, Person
from claims.people import PERSON_FIELDS, create_person
from claims.services import (
    create_agency,
    create_claim,
    person_for,
    review_claim,
    schedule_detection,
)

COUNTRY_ADJECTIVES = {"RU": "Russian", "UA": "Ukrainian", "US": "US", "CN": "Chinese"}
ARTICLE_FIELDS = (
    "headline",
    "standfirst",
    "body",
    "byline",
    "dateline",
    "language",
    "section",
)


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


def _moment(value: str | None) -> datetime | None:
    # Events of an imported story keep the story's own dates.
    return parse_datetime(value) if value else None


def read_story(path: Path) -> dict[str, Any]:
    """Read a story file, refusing one that is not JSON with the expected keys."""
    try:
        story = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValidationError(f"{path}: cannot read a JSON story: {error}") from error
    if not isinstance(story, dict):
        raise ValidationError(f"{path}: a story is a JSON object.")
    missing = [key for key in ("article", "agencies", "claims") if key not in story]
    if missing:
        raise ValidationError(f"{path}: the story has no {', '.join(missing)}.")
    return story


def _same_institution(entry: dict[str, Any]) -> Agency | None:
    """The agency the newsroom already files under the story's name for it
    (case aside) and the same country, or none given on either side: a
    story that chose another slug for it would otherwise file it twice, and
    split its claims and its label between the two."""
    name = " ".join(str(entry.get("name", "")).split())
    if not name:
        return None
    found = Agency.objects.filter(name__iexact=name)
    if country := entry.get("country", ""):
        found = found.filter(Q(country=country) | Q(country=""))
    return found.order_by("pk").first()


def _agencies(entries: list[dict[str, Any]]) -> tuple[dict[str, Agency], int]:
    """The story's agencies by the slugs it gives them, created where the
    newsroom has none by that slug or by that name and country."""
    agencies, created = {}, 0
    for entry in entries:
        agency = Agency.objects.filter(
            slug=entry.get("slug", "")
        ).first() or _same_institution(entry)
        if agency is None:
            kind = entry.get("kind", Agency.Kind.OTHER)
            country = entry.get("country", "")
            affiliation = entry.get("state_affiliation", Agency.Affiliation.UNKNOWN)
            try:
                agency = create_agency(
                    actor=None,
                    slug=entry.get("slug", ""),
                    name=entry.get("name", ""),
                    aliases=entry.get("aliases", []),
                    kind=kind,
                    country=country,
                    state_affiliation=affiliation,
                    affiliation_label=affiliation_label(kind, country, affiliation),
                    affiliation_source=entry.get("affiliation_source", ""),
                    affiliation_date=parse_date(entry.get("affiliation_date") or "")
                    if entry.get("affiliation_date")
                    else None,
                    description=entry.get("description", ""),
                    name_in_text=entry.get("name_in_text", ""),
                )
            except ValidationError as error:
                raise ValidationError(
                    f"Agency “{entry.get('slug', '?')}”: {'; '.join(error.messages)}"
                ) from error
            created += 1
        agencies[entry.get("slug", agency.slug)] = agency
    return agencies, created


def _people(entries: list[dict[str, Any]], agencies: dict[str, Agency]) -> int:
    created = 0
    for entry in entries:
        slug = entry.get("slug") or slugify(entry.get("name", ""))
        if Person.objects.filter(slug=slug).exists():
            continue
        agency = agencies.get(entry.get("agency") or "")
        if agency is None:
            raise ValidationError(
                f"Person “{entry.get('name', '?')}” speaks for agency "
                f"“{entry.get('agency')}”, which the story does not list."
            )
        person = Person(
            name=entry.get("name", ""),
            slug=slug,
            aliases=entry.get("aliases", []),
            role=entry.get("role", ""),
            agency=agency,
        )
        try:
            person.full_clean()
        except ValidationError as error:
            raise ValidationError(
                f"Person “{entry.get('name', '?')}”: {'; '.join(error.messages)}"
            ) from error
        create_person(
            actor=None, **{name: getattr(person, name) for name in PERSON_FIELDS}
        )
        created += 1
    return created


def _article(
    data: dict[str, Any], *, update: bool, change_kind: str, change_note: str
) -> tuple[Article, bool, bool]:
    """The story's article, made if missing or brought up to date with
    ``update``: (the article, whether it was made, whether its text changed)."""
    published_at = (
        parse_datetime(data["published_at"]) if data.get("published_at") else None
    )
    article = Article.objects.filter(slug=data["slug"]).first()
    if article is None:
        article = create_article(
            slug=data["slug"],
            actor=None,
            published_at=published_at,
            at=_moment(data.get("created_at")) or published_at,
            **{field: data[field] for field in ARTICLE_FIELDS if field in data},
        )
        if published_at:
            article = publish_article(article.pk, actor=None, at=published_at)
        schedule_detection(article.pk)
        return article, True, False
    if not update:
        return article, False, False
    result = edit_article(
        article.pk,
        actor=None,
        change_kind=change_kind,
        change_note=change_note,
        **{f: data[f] for f in ARTICLE_FIELDS if f in data},
    )
    return result.article, False, bool(result.changed)


def _claim(
    article: Article,
    entry: dict[str, Any],
    agency: Agency,
    people: list[Person],
) -> bool:
    """Make one claim of the story, with its review; True if it was reviewed."""
    speaker = entry.get("speaker", "")
    claim = create_claim(
        article,
        quote=entry["quote"],
        agency=agency,
        speaker=speaker,
        person=person_for(speaker, agency, people) if speaker else None,
        attribution_kind=entry.get("attribution"),
        reporting_verb=entry.get("verb"),
        at=_moment(entry.get("created_at")),
    )
    status = entry.get("status", Claim.Status.UNREVIEWED)
    if status == Claim.Status.UNREVIEWED:
        return False
    review_claim(
        claim.pk,
        status=status,
        note=entry.get("note", ""),
        disputed_by=entry.get("disputed_by", ""),
        actor=None,
        expected_version=claim.version,
        at=_moment(entry.get("reviewed_at")),
    )
    return True


@transaction.atomic
def load_story(
    story: dict[str, Any],
    *,
    update: bool = False,
    change_kind: str = "",
    change_note: str = "",
) -> dict[str, int]:
    """Create what of a story is missing; with ``update``, also bring the
    article's text up to date (re-anchoring its claims; a published article
    needs ``change_kind`` and, unless minor, ``change_note``). Nothing is
    written if any part is refused. Returns how many objects of each kind
    changed."""
    counts = dict.fromkeys(
        [
            "agencies",
            "articles",
            "updated",
            "claims",
            "reviews",
            "skipped (no agency)",
            "skipped (not in the text)",
            "people",
        ],
        0,
    )
    agencies, counts["agencies"] = _agencies(story["agencies"])
    counts["people"] = _people(story.get("people", []), agencies)
    article, made, updated = _article(
        story["article"],
        update=update,
        change_kind=change_kind,
        change_note=change_note,
    )
    counts["articles"] += made
    counts["updated"] += updated
    known = set(article.claims.values_list("quote", flat=True))
    people = list(Person.objects.select_related("agency"))
    for entry in story["claims"]:
        if entry["quote"] in known:
            continue
        if entry.get("agency") is None:
            # Attributed to no nameable agency: nothing to link it to.
            counts["skipped (no agency)"] += 1
            continue
        if entry["agency"] not in agencies:
            raise ValidationError(
                f"Claim “{entry['quote'][:40]}…” names agency “{entry['agency']}”, "
                "which the story does not list."
            )
        if not made and entry["quote"] not in article.plain_text:
            # The article was edited since; its claims were re-anchored, and a
            # quote the text no longer has cannot make a new one.
            counts["skipped (not in the text)"] += 1
            continue
        counts["claims"] += 1
        counts["reviews"] += _claim(article, entry, agencies[entry["agency"]], people)
    return counts
