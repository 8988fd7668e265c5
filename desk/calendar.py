"""The desk's calendar: what goes out when (stories under embargo, scheduled
notes and changes of a text), the lifting of an embargo early, and the log
of what was made public early."""

import dataclasses
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.models import Article, ArticleEvent, ArticleRevision, PendingChange
from articles.services import lift_embargo

PUBLISH_PERMISSION = "articles.publish_article"
# How far back the calendar shows what went out, and how many lifts it logs.
RECENT = timedelta(days=2)
LIFT_LOG_LENGTH = 20


@dataclasses.dataclass(frozen=True)
class Entry:
    """One thing going out: a story under embargo or a scheduled correction."""

    at: datetime
    kind: str
    article: Article
    note: str = ""
    embargoed: bool = False
    # A change of the text held until ``at`` (made, if ``at`` has passed).
    pending: PendingChange | None = None

    @property
    def waiting(self) -> bool:
        """A change of the text not made yet."""
        return self.pending is not None and self.pending.applied_at is None

    @property
    def day(self) -> date:
        return timezone.localdate(self.at)


class LiftForm(forms.Form):
    reason = forms.CharField(
        label="Why lift it now",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        max_length=1000,
        help_text="Kept in the story's log with your name.",
    )


def entries(now: datetime) -> list[Entry]:
    """What goes out from now on, and what went out in the last two days."""
    since = now - RECENT
    stories = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=since
    ).only("headline", "slug", "publish_at", "status")
    corrections = (
        ArticleRevision.objects.filter(
            change_kind__in=ArticleRevision.READER_KINDS, publish_at__gt=since
        )
        .select_related("article")
        .only("publish_at", "change_kind", "change_note", "article__headline")
    )
    found = [
        Entry(story.publish_at, "Story", story, embargoed=story.publish_at > now)
        for story in stories
        if story.publish_at is not None
    ]
    found += [
        Entry(
            revision.publish_at,
            revision.get_change_kind_display(),
            revision.article,
            note=revision.change_note,
        )
        for revision in corrections
        if revision.publish_at is not None
    ]
    found += [
        Entry(
            change.applied_at or change.apply_at,
            f"{change.get_change_kind_display()} of the text",
            change.article,
            note=change.change_note,
            pending=change,
        )
        for change in held_changes(since)
    ]
    return sorted(found, key=lambda entry: (entry.at, entry.article.pk))


def held_changes(since: datetime) -> Any:
    """Changes of a text waiting for their time (or past it), and those made
    since ``since``; not those cancelled."""
    return (
        PendingChange.objects.filter(cancelled_at__isnull=True)
        .filter(Q(applied_at__gt=since) | Q(applied_at__isnull=True))
        .select_related("article", "created_by")
        .only(
            "apply_at",
            "applied_at",
            "cancelled_at",
            "change_kind",
            "change_note",
            "values",
            "created_by__username",
            "article__headline",
        )
    )


def lifts() -> Any:
    """The latest embargoes lifted and changes of a text made early: who,
    when and why."""
    return (
        ArticleEvent.objects.filter(
            kind__in=[
                ArticleEvent.Kind.EMBARGO_LIFTED,
                ArticleEvent.Kind.CHANGE_APPLIED_EARLY,
            ]
        )
        .select_related("article", "actor")
        .order_by("-created_at", "-pk")[:LIFT_LOG_LENGTH]
    )


def calendar_view(request: HttpRequest) -> TemplateResponse:
    """``/admin/desk/calendar/``: the days ahead, each with what goes out when."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    now = timezone.now()
    found = entries(now)
    context = {
        **admin.site.each_context(request),
        "title": "Publishing calendar",
        "subtitle": None,
        "now": now,
        "past": [entry for entry in found if entry.at <= now and not entry.waiting],
        # Made by the first read after their time: one still waiting could
        # not be made (the server's log says why).
        "overdue": [entry for entry in found if entry.at <= now and entry.waiting],
        "days": [
            (day, list(items))
            for day, items in groupby(
                (entry for entry in found if entry.at > now), key=lambda e: e.day
            )
        ],
        "can_lift": request.user.has_perm(PUBLISH_PERMISSION),
        "can_cancel": request.user.has_perm("articles.change_article"),
        "lift_forms": {},
        "lifts": lifts(),
    }
    request.current_app = admin.site.name
    return TemplateResponse(request, "desk/calendar.html", context)


@require_POST
def lift_view(request: HttpRequest, article_id: int) -> HttpResponse:
    """Lift a story's embargo now, saying why; the reason is logged with the editor."""
    article = get_object_or_404(Article, pk=article_id)
    if not request.user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Only editors lift embargoes.")
    form = LiftForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["reason"]))
        lift_embargo(article.pk, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(
            request,
            f"“{article.headline}” is still embargoed: {' '.join(error.messages)}",
        )
    else:
        messages.success(request, f"“{article.headline}” is public now.")
    return HttpResponseRedirect(reverse("desk:calendar"))
