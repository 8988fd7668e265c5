"""Readers' URLs for articles and the Atom feeds."""

from django.urls import path

from articles import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="index"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("feeds/articles/", feeds.ArticlesFeed(), name="feed"),
    path("feeds/reviews/", feeds.ClaimReviewsFeed(), name="reviews-feed"),
    path("feeds/corrections/", feeds.CorrectionsFeed(), name="corrections-feed"),
]
