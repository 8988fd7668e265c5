"""The articles list's publish page: it asks when to publish and, like the
hand-over's publish step, names each story's open items (unreviewed claims,
pending suggestions, changed words) before publishing anyway."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services import unresolved_before_publishing
from desk.scheduling import PublishTimeForm


def publish_page(
    articles: list[Article],
    form: PublishTimeForm,
    open_items: dict[int, list[str]] | None = None,
) -> dict[str, Any]:
    """What the page shows: each story with its open items (read now unless
    the service just named them), and the form asking when."""
    if open_items is None:
        open_items = {
            article.pk: unresolved_before_publishing(article)
            for article in articles
            if article.status != Article.Status.PUBLISHED
        }
    return {
        "title": _("Publish: when, and open items"),
        "rows": [(article, open_items.get(article.pk, [])) for article in articles],
        "any_open": any(open_items.values()),
        "publish_form": form,
    }
