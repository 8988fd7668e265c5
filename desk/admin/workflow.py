"""The articles' workflow actions: submit, send back, publish, unpublish.

Each calls its service in ``articles.services`` and reports, article by
article, what went through and why the rest did not.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services import (
    send_back_article,
    submit_article,
    unpublish_article,
)
from desk.admin.publishing import publish_selected
from desk.admin.steps import FORM_ACTION_FIELD, posted_actions

PUBLISH_ACTIONS = {"publish", "unpublish", "send_back"}


class WorkflowActions(admin.ModelAdmin[Article]):
    """The workflow actions of the articles admin; publishing is the editors'."""

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.publish_article")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._refuse_unpermitted(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._refuse_unpermitted(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_unpermitted(self, request: HttpRequest) -> None:
        if posted_actions(
            request
        ) & PUBLISH_ACTIONS and not self.has_publish_permission(request):
            raise PermissionDenied("You do not have permission to publish.")

    @admin.action(
        permissions=["change"],
        description=_("Submit for review"),
        description_plural=_("Submit selected articles for review"),
        location=[ActionLocation.CHANGE_LIST],
    )
    def submit(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._change_status(request, queryset, submit_article, _("submitted"))

    @admin.action(
        permissions=["publish"],
        description=_("Send back to draft…"),
        description_plural=_("Send selected articles back to draft…"),
        location=[ActionLocation.CHANGE_LIST],
    )
    def send_back(
        self, request: HttpRequest, queryset: QuerySet[Article]
    ) -> TemplateResponse | None:
        comment = request.POST.get("comment", "") if "apply" in request.POST else ""
        if not comment.strip():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Send back to draft: a comment for the reporter"),
                "opts": self.opts,
                "articles": list(queryset),
                "missing": "apply" in request.POST,
                "action_field": (
                    FORM_ACTION_FIELD if FORM_ACTION_FIELD in request.POST else "action"
                ),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(
                request, "admin/articles/article/send_back.html", context
            )
        self._change_status(
            request,
            queryset,
            lambda pk, actor: send_back_article(pk, actor=actor, comment=comment),
            _("sent back to draft"),
        )
        return None

    @admin.action(
        permissions=["publish"],
        description=_("Publish…"),
        description_plural=_("Publish selected articles…"),
        location=[ActionLocation.CHANGE_LIST],
    )
    def publish(
        self, request: HttpRequest, queryset: QuerySet[Article]
    ) -> TemplateResponse | None:
        return publish_selected(self, request, queryset)

    @admin.action(
        permissions=["publish"],
        description=_("Unpublish"),
        description_plural=_("Unpublish selected articles"),
        location=[ActionLocation.CHANGE_LIST],
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._change_status(request, queryset, unpublish_article, _("unpublished"))

    def _change_status(
        self,
        request: HttpRequest,
        queryset: QuerySet[Article],
        service: Any,
        done_label: object,
    ) -> None:
        done = []
        for article in queryset:
            try:
                service(article.pk, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("“%(article)s” was not changed: %(reason)s")
                    % {"article": article, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                done.append(article)
        if done:
            self.message_user(
                request,
                _("%(status)s: %(names)s")
                % {
                    "status": str(done_label).capitalize(),
                    "names": ", ".join(f"“{article}”" for article in done),
                },
                messages.SUCCESS,
            )
