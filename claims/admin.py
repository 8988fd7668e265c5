"""Editors' admin for agencies and claims."""

from django.contrib import admin

from claims.models import Agency, Claim, ReviewEvent

admin.site.register(Agency)
admin.site.register(Claim)
admin.site.register(ReviewEvent)
