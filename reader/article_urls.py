"""Readers' URLs for articles and the Atom feeds (namespace ``articles``).

The pages show each article with its claims, so they live with the claims;
the namespace stays the articles' one that templates and links use.
"""

from django.urls import path

from newsroom.caching import LISTS, public_page
from reader import article_views as views
from reader import feeds

lists = public_page(lambda: [LISTS])

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="index"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("feeds/articles/", lists(feeds.ArticlesFeed()), name="feed"),
    path("feeds/reviews/", lists(feeds.ClaimReviewsFeed()), name="reviews-feed"),
    path("feeds/corrections/", lists(feeds.CorrectionsFeed()), name="corrections-feed"),
]
