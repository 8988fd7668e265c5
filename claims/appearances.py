"""Where else a grouped claim appears: the other published stories of its group.

Read for any number of claims in one query (none when no claim is grouped),
so a page or a list costs the same at a group of one hundred as of two.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from claims.models import Claim


@dataclass(frozen=True)
class Appearance:
    """A published story carrying a claim of the group: the member, the story."""

    claim_id: int
    article_id: int
    slug: str
    headline: str

    @property
    def url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})


def by_group(group_ids: Iterable[Any]) -> dict[int, list[Appearance]]:
    """Each group's members in published stories, newest story first."""
    ids = sorted({pk for pk in group_ids if pk is not None})
    if not ids:
        return {}
    rows = (
        Claim.objects.public()
        .filter(group_id__in=ids)
        .order_by("group_id", "-article__published_at", "pk")
        .values_list(
            "group_id", "pk", "article_id", "article__slug", "article__headline"
        )
    )
    found: dict[int, list[Appearance]] = {}
    for group_id, pk, article_id, slug, headline in rows:
        found.setdefault(group_id, []).append(
            Appearance(pk, article_id, slug, headline)
        )
    return found


def elsewhere(
    claim_id: Any, article_id: Any, group_id: Any, groups: dict[int, list[Appearance]]
) -> tuple[Appearance, ...]:
    """The other stories a claim appears in (one per story), from ``by_group``."""
    seen = {article_id}
    found = []
    for item in groups.get(group_id, ()) if group_id is not None else ():
        if item.article_id not in seen:
            seen.add(item.article_id)
            found.append(item)
    return tuple(found)


def attach(claims: Iterable[Claim]) -> list[Claim]:
    """Set ``appearances`` on each claim (read for all of them at once)."""
    claims = list(claims)
    groups = by_group(claim.group_id for claim in claims)
    for claim in claims:
        claim.appearances = elsewhere(  # type: ignore[attr-defined]
            claim.pk, claim.article_id, claim.group_id, groups
        )
    return claims


def of(claim: Claim) -> tuple[Appearance, ...]:
    """A claim's other appearances, read now unless ``attach`` set them."""
    found = getattr(claim, "appearances", None)
    if found is None:
        (claim,) = attach([claim])
        found = claim.appearances  # type: ignore[attr-defined]
    return tuple(found)
