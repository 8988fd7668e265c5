"""The articles list's workflow actions: one per hand-over step.

Each step (its words, who may take it, what it asks, its service) is defined
once in ``desk.handover``; here each becomes a bulk action that asks what
the step asks (a comment for the reporter, or when to publish with open
items confirmed) and reports, article by article, what went through and why
the rest did not.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services import UnconfirmedPublish
from desk.admin.publishing import publish_page
from desk.admin.steps import FORM_ACTION_FIELD, GuardedActions
from desk.handover import STEPS, Step, Taking, take
from desk.scheduling import PublishTimeForm, when_text


def _list_action(step: Step) -> Callable[..., Any]:
    def run(
        modeladmin: "WorkflowActions",
        request: HttpRequest,
        queryset: QuerySet[Article],
    ) -> TemplateResponse | None:
        return modeladmin.take_step(request, queryset, step)

    run.__name__ = step.name
    decorated: Callable[..., Any] = admin.action(
        permissions=[step.admin_permission],
        description=step.listed.action,
        description_plural=step.listed.action_plural,
        location=[ActionLocation.CHANGE_LIST],
    )(run)
    return decorated


def workflow_actions() -> list[Callable[..., Any]]:
    """The admin actions: one per hand-over step."""
    return [_list_action(step) for step in STEPS]


class WorkflowActions(GuardedActions[Article]):
    """The workflow actions of the articles admin; publishing is the editors'."""

    guarded_actions: ClassVar[set[str]] = {
        step.name for step in STEPS if step.admin_permission == "publish"
    }
    guard_permission = "articles.publish_article"
    guard_words = "You do not have permission to publish."

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(self.guard_permission)

    def take_step(
        self, request: HttpRequest, queryset: QuerySet[Article], step: Step
    ) -> TemplateResponse | None:
        """Ask what the step asks, then take it on each selected article."""
        applied = "apply" in request.POST
        if step.asks == "time":
            return self._publish(request, queryset, step)
        comment = request.POST.get("comment", "") if applied else ""
        if step.needs_comment and not comment.strip():
            return self._page(
                request,
                "admin/articles/article/send_back.html",
                {
                    "title": _("Send back to draft: a comment for the reporter"),
                    "articles": list(queryset),
                    "missing": applied,
                },
            )
        self._take_each(
            request, step, list(queryset), Taking(actor=request.user, comment=comment)
        )
        return None

    def _publish(
        self, request: HttpRequest, queryset: QuerySet[Article], step: Step
    ) -> TemplateResponse | None:
        """Ask when, and confirm open items; then publish each.

        The page posts ``confirm`` only when it showed open items, so an
        item that appears after the page was read is asked about again.
        """
        articles = list(queryset.order_by("headline", "pk"))
        applied = "apply" in request.POST
        form = PublishTimeForm(request.POST if applied else None)
        open_items = None
        if applied and form.is_valid():
            taking = Taking(
                actor=request.user,
                schedule=form.schedule,
                confirmed=request.POST.get("confirm") == "1",
            )
            open_items = self._take_each(request, step, articles, taking)
            if not open_items:
                return None
            articles = [article for article in articles if article.pk in open_items]
        context = publish_page(articles, form, open_items)
        status = 400 if applied and form.errors else 200
        return self._page(
            request, "admin/articles/article/publish.html", context, status
        )

    def _page(
        self,
        request: HttpRequest,
        template: str,
        context: dict[str, Any],
        status: int = 200,
    ) -> TemplateResponse:
        """A page a step asks its questions on, posting back to the same action."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "action_field": (
                FORM_ACTION_FIELD if FORM_ACTION_FIELD in request.POST else "action"
            ),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, context, status=status)

    def _take_each(
        self,
        request: HttpRequest,
        step: Step,
        articles: list[Article],
        taking: Taking,
    ) -> dict[int, list[str]]:
        """Take the step on each article; report what went through and why the
        rest did not. Returns the open items of those refused for want of
        confirmation."""
        done, unconfirmed = [], {}
        for article in articles:
            try:
                done.append(take(step, article, taking))
            except UnconfirmedPublish as error:
                unconfirmed[article.pk] = error.unresolved
            except ValidationError as error:
                self.message_user(
                    request,
                    _("“%(article)s” %(not_done)s: %(reason)s")
                    % {
                        "article": article,
                        "not_done": step.listed.not_done,
                        "reason": " ".join(error.messages),
                    },
                    messages.ERROR,
                )
        if done:
            words = (
                _("Scheduled, going out at %(when)s")
                % {"when": when_text(taking.schedule)}
                if taking.schedule
                else str(step.listed.done).capitalize()
            )
            self.message_user(
                request,
                _("%(status)s: %(names)s")
                % {
                    "status": words,
                    "names": ", ".join(f"“{article}”" for article in done),
                },
                messages.SUCCESS,
            )
        return unconfirmed
