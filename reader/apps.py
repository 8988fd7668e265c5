"""Readers' pages: articles, agencies, claims, search, feeds and structured data."""

from django.apps import AppConfig


class ReaderConfig(AppConfig):
    """The public site: what readers see of the published stories."""

    name = "reader"
    verbose_name = "Reader pages"
