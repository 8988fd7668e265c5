"""Readers' URLs for articles and the Atom feeds."""

from django.urls import path

from articles import feeds, views
from newsroom.caching import LISTS, public_page

lists = public_page(lambda: [LISTS])

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="index"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("feeds/articles/", lists(feeds.ArticlesFeed()), name="feed"),
    path("feeds/reviews/", lists(feeds.ClaimReviewsFeed()), name="reviews-feed"),
    path("feeds/corrections/", lists(feeds.CorrectionsFeed()), name="corrections-feed"),
]
