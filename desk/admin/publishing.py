"""The articles list's publish action: a page that asks when to publish and,
like the hand-over's publish step, names each story's open items (unreviewed
claims, pending suggestions, changed words) before publishing anyway."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services import (
    UnconfirmedPublish,
    publish_article,
    unresolved_before_publishing,
)
from desk.admin.steps import FORM_ACTION_FIELD
from desk.scheduling import PublishTimeForm, when_text


def publish_selected(
    model_admin: admin.ModelAdmin[Article],
    request: HttpRequest,
    queryset: QuerySet[Article],
) -> TemplateResponse | None:
    """Ask when, and confirm open items; then publish each through the service.

    The page posts ``confirm`` only when it showed open items, so an item
    that appears after the page was read is asked about again.
    """
    articles = list(queryset.order_by("headline", "pk"))
    applied = "apply" in request.POST
    form = PublishTimeForm(request.POST if applied else None)
    if applied and form.is_valid():
        refused = _publish_each(
            model_admin,
            request,
            articles,
            schedule=form.schedule,
            confirmed=request.POST.get("confirm") == "1",
        )
        if not refused:
            return None
        open_items = refused
        articles = [article for article in articles if article.pk in refused]
    else:
        open_items = {
            article.pk: unresolved_before_publishing(article)
            for article in articles
            if article.status != Article.Status.PUBLISHED
        }
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Publish: when, and open items"),
        "opts": model_admin.opts,
        "rows": [(article, open_items.get(article.pk, [])) for article in articles],
        "any_open": any(open_items.values()),
        "publish_form": form,
        "action_field": (
            FORM_ACTION_FIELD if FORM_ACTION_FIELD in request.POST else "action"
        ),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    request.current_app = model_admin.admin_site.name
    status = 400 if applied and form.errors else 200
    return TemplateResponse(
        request, "admin/articles/article/publish.html", context, status=status
    )


def _publish_each(
    model_admin: admin.ModelAdmin[Article],
    request: HttpRequest,
    articles: list[Article],
    **publishing: Any,
) -> dict[int, list[str]]:
    """Publish each article; report what went out and why the rest did not.
    Returns the open items of those refused for want of confirmation."""
    done, refused = [], {}
    for article in articles:
        try:
            published = publish_article(article.pk, actor=request.user, **publishing)
        except UnconfirmedPublish as error:
            refused[article.pk] = error.unresolved
        except ValidationError as error:
            model_admin.message_user(
                request,
                _("“%(article)s” was not published: %(reason)s")
                % {"article": article, "reason": " ".join(error.messages)},
                messages.ERROR,
            )
        else:
            done.append(published)
    if done:
        schedule = publishing.get("schedule")
        model_admin.message_user(
            request,
            (
                _("Scheduled, going out at %(when)s: %(names)s")
                if schedule
                else _("Published: %(names)s")
            )
            % {
                "when": when_text(schedule) if schedule else "",
                "names": ", ".join(f"“{article}”" for article in done),
            },
            messages.SUCCESS,
        )
    return refused
