"""The desk's pieces on the admin's own pages: the hand-over panel."""

from typing import Any

from django import template

from articles.models import Article
from desk.handover import available_steps, workflow_log

register = template.Library()


@register.inclusion_tag("desk/handover.html", takes_context=True)
def desk_handover(context: dict[str, Any], article: Article) -> dict[str, Any]:
    """The steps the signed-in user may take on the article, and its workflow log."""
    request = context["request"]
    return {
        "article": article,
        "steps": available_steps(request.user, article),
        # The article page lists the whole log below; the panel says the latest step.
        "workflow": workflow_log(article)[:1],
        "latest_only": True,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
