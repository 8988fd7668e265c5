"""The queue's "Group repeats" view: one row per claim group, with its stories.

The members of a group carry one review, so the queue can show the group
once: the member that needs the most work stands for it, and its row counts
the members and links their stories. The members are read in one query for
the whole page, whatever the groups' size.
"""

from typing import Any

from django.contrib import admin
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from desk.admin import badges

PARAMETER = "repeats"
GROUPED = "grouped"
# Stories named in a group's row; the rest are counted.
NAMED_STORIES = 3


def grouped(request: HttpRequest) -> bool:
    """Whether the editor asked for one row per group."""
    return request.GET.get(PARAMETER) == GROUPED


class GroupRepeatsFilter(admin.SimpleListFilter):
    """One row per claim, or one per group of repeats."""

    title = _("repeats in other stories")
    parameter_name = PARAMETER

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [(GROUPED, _("Group repeats: one row per group"))]

    def choices(self, changelist: Any) -> Any:
        for choice in super().choices(changelist):
            if choice["display"] == _("All"):
                choice["display"] = _("One row per claim")
            yield choice

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        return one_row_per_group(queryset) if self.value() == GROUPED else queryset


def one_row_per_group(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims in no group, and for each group the member that needs the most
    work (in the queue's order), with every shown member and its story."""
    first = (
        Claim.objects.filter(group_id=OuterRef("group_id"), withdrawn_at__isnull=True)
        .order_by("queue_rank", "created_at", "pk")
        .values("pk")[:1]
    )
    members = (
        Claim.objects.filter(withdrawn_at__isnull=True)
        .select_related("article")
        .only("pk", "group_id", "article__headline", "article__slug")
        .order_by("pk")
    )
    return (
        queryset.filter(Q(group__isnull=True) | Q(pk=Subquery(first)))
        .select_related("group")
        .prefetch_related(Prefetch("group__claims", members, to_attr="shown"))
    )


def stories(claim: Claim) -> SafeString:
    """A group's row: how many stories carry the claim, and which (this row's
    first); a claim in no group: its story."""
    members = getattr(claim.group, "shown", None) if claim.group_id else None
    if not members:
        return badges.article_link(claim)
    others = [member for member in members if member.pk != claim.pk]
    named = others[: NAMED_STORIES - 1]
    links = format_html_join(
        "",
        '<li><a href="{}?claim={}#note-{}">{}</a></li>',
        (
            (
                reverse("desk:workspace", args=[member.article_id]),
                member.pk,
                member.pk,
                Truncator(member.article.headline).words(8, truncate="\u2026"),
            )
            for member in named
        ),
    )
    more = len(others) - len(named)
    return format_html(
        '<span class="queue-group">{} stories</span>'
        '<ul class="queue-stories"><li>{}</li>{}{}</ul>',
        len(others) + 1,
        badges.article_link(claim),
        links,
        format_html("<li>and {} more</li>", more) if more else "",
    )
