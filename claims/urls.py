"""Readers' URLs for agencies and claims."""

from django.urls import path

from claims import views

app_name = "claims"
urlpatterns = [
    path("agencies/<slug:slug>/", views.AgencyDetailView.as_view(), name="agency"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="detail"),
]
