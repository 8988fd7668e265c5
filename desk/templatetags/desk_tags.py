"""The desk's pieces on the admin's own pages: the hand-over panel and its
choice of when to publish."""

from typing import Any

from django import template

from articles.models import Article
from desk.handover import available_steps, workflow_log
from desk.scheduling import PublishTimeForm

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
        "request": request,
    }


@register.simple_tag(takes_context=True)
def publish_time_form(context: dict[str, Any]) -> PublishTimeForm:
    """The hand-over's choice of when to publish, as last posted (with its
    errors) when the page answers a publish step."""
    given = context.get("publish_form")
    if isinstance(given, PublishTimeForm):
        return given
    request = context.get("request")
    if request is None or request.POST.get("step") != "publish":
        return PublishTimeForm()
    form = PublishTimeForm(request.POST)
    form.is_valid()
    return form
