"""What search engines are told to crawl: ``/sitemap.xml`` (Django's sitemaps)
and ``/news-sitemap.xml`` (Google News), both of public content only."""

from datetime import datetime, timedelta
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles.models import READER_KINDS, Article, revision_live_q
from claims import selectors
from claims.models import Agency, Claim
from newsroom.site import site_name

# Google News lists stories of the last two days, at most a thousand.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class StorySitemap(Sitemap[Article]):
    """Every story readers can see, last modified at its latest correction."""

    changefreq = "daily"
    priority = 1.0

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .annotate(
                last_change=Max(
                    Coalesce("revisions__publish_at", "revisions__created_at"),
                    filter=Q(revisions__change_kind__in=READER_KINDS)
                    & revision_live_q("revisions__"),
                )
            )
            .only("slug", "published_at", "publish_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article) -> datetime | None:
        last_change: datetime | None = getattr(item, "last_change", None)
        return last_change or item.published_at


class AgencySitemap(Sitemap[Agency]):
    """Every agency's page: its label and the public claims attributed to it."""

    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[Agency]:
        return selectors.sitemap_agencies()


class ClaimSitemap(Sitemap[Claim]):
    """Each public claim's permalink, last modified when it was last reviewed."""

    changefreq = "weekly"
    priority = 0.4

    def items(self) -> QuerySet[Claim]:
        return selectors.sitemap_claims()

    def lastmod(self, item: Claim) -> datetime:
        return item.updated_at


SITEMAPS: dict[str, Any] = {
    "stories": StorySitemap,
    "agencies": AgencySitemap,
    "claims": ClaimSitemap,
}


def news_sitemap(request: HttpRequest) -> HttpResponse:
    """``/news-sitemap.xml``: stories published in the last two days, in
    Google's News sitemap format."""
    since = timezone.now() - NEWS_WINDOW
    stories = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("slug", "headline", "language", "published_at")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
    response = render(
        request,
        "claims/discovery/news_sitemap.xml",
        {"stories": stories, "publication": site_name()},
        content_type="application/xml; charset=utf-8",
    )
    # Not kept on the server: the window moves with the clock.
    patch_cache_control(response, public=True, max_age=60)
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    """``/robots.txt``: crawl the readers' pages, not the desk or the API, and
    here are the sitemaps."""
    response = render(
        request,
        "claims/discovery/robots.txt",
        {
            "sitemap": request.build_absolute_uri("/sitemap.xml"),
            "news_sitemap": request.build_absolute_uri("/news-sitemap.xml"),
        },
        content_type="text/plain; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=3600)
    return response
