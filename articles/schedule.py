"""The moments at which something scheduled becomes public.

A story published under embargo and a correction's note scheduled ahead
both turn public at a ``publish_at``; nothing runs then. A change of the
text scheduled ahead is made at its ``apply_at`` by the first read after it
(``articles.scheduled_edits``), so that moment is one the caches learn too. What readers are shown follows
from comparing those times with now (``articles.models.live_q``), and the
caches learn of each moment from ``moments`` (see ``newsroom.caching``).
"""

from datetime import datetime

from django.db.models import Max, Min, Q
from django.utils import timezone

from articles.models import Article, ArticleRevision, PendingChange


def moments(now: datetime | None = None) -> tuple[float, float | None]:
    """The latest scheduled moment already past (0 if none) and the next one
    to come (None if none), as POSIX timestamps, in three small queries."""
    now = now or timezone.now()
    revisions = ArticleRevision.objects.filter(
        change_kind__in=ArticleRevision.READER_KINDS,
        publish_at__isnull=False,
    )
    found = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__isnull=False
    ).aggregate(
        passed=Max("publish_at", filter=Q(publish_at__lte=now)),
        next=Min("publish_at", filter=Q(publish_at__gt=now)),
    )
    # Two small reads folded into one round trip would need raw SQL; the
    # revisions are few and indexed on publish_at.
    found_revisions = revisions.aggregate(
        passed=Max("publish_at", filter=Q(publish_at__lte=now)),
        next=Min("publish_at", filter=Q(publish_at__gt=now)),
    )
    # A change of the text scheduled ahead: the first read after its time
    # makes it (``articles.scheduled_edits``). Its time counts as a moment
    # past once come, made or not yet (cancelled, it never comes), so every
    # answer is named anew then, as for a story going out.
    held = PendingChange.objects.filter(cancelled_at__isnull=True).aggregate(
        passed=Max("apply_at", filter=Q(apply_at__lte=now)),
        next=Min("apply_at", filter=Q(apply_at__gt=now, applied_at__isnull=True)),
    )
    passed = [
        m for m in (found["passed"], found_revisions["passed"], held["passed"]) if m
    ]
    coming = [m for m in (found["next"], found_revisions["next"], held["next"]) if m]
    return (
        max(passed).timestamp() if passed else 0.0,
        min(coming).timestamp() if coming else None,
    )
