"""Readers' URLs for agencies and claims."""

from django.urls import path

from reader import finding, views

app_name = "claims"
urlpatterns = [
    path("agencies/", finding.AgencyIndexView.as_view(), name="agencies"),
    path("search/", finding.search_view, name="search"),
    path("agencies/<slug:slug>/", views.AgencyDetailView.as_view(), name="agency"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="detail"),
]
