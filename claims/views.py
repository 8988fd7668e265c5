"""Readers' pages for agencies and claims."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from claims.models import Agency, Claim


class AgencyDetailView(DetailView):
    template_name = "claims/agency_detail.html"
    context_object_name = "agency"

    def get_object(self, queryset=None):  # type: ignore[no-untyped-def]
        return get_object_or_404(Agency, slug=self.kwargs["slug"])


class ClaimDetailView(DetailView):
    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def get_object(self, queryset=None):  # type: ignore[no-untyped-def]
        return get_object_or_404(
            Claim.objects.public().select_related("agency", "article"),
            pk=self.kwargs["pk"],
        )
