"""Readers' URLs for machines: the sitemaps, ``robots.txt`` and the
ClaimReview data feed."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from newsroom.caching import LISTS, public_page
from reader.claimreview_feed import claimreview_feed
from reader.sitemaps import SITEMAPS, news_sitemap, robots_txt

urlpatterns = [
    path(
        "sitemap.xml",
        public_page(lambda **_: [LISTS])(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path(
        "feeds/claimreview.json",
        public_page(lambda: [LISTS])(claimreview_feed),
        name="claimreview-feed",
    ),
]
