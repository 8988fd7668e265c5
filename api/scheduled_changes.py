"""The endpoints that make an article's scheduled change of the text now or
cancel it (the article's answer shows the change to newsroom members, as
``scheduled_change``: ``api.article_serializers``)."""

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api.article_serializers import ArticleDetailSerializer
from api.strict import StrictTypes
from articles.models import PendingChange
from articles.pending_edits import open_change
from articles.scheduled_edits import cancel_change, make_change_now


class ReasonSerializer(StrictTypes, serializers.Serializer[Any]):
    """Why a scheduled change is made early or cancelled: kept in the log."""

    reason = serializers.CharField(allow_blank=True, default="")


class ScheduledChangeActions:
    """Viewset actions on an article's scheduled change of the text."""

    def _scheduled(self) -> PendingChange:
        article = self.get_object()  # type: ignore[attr-defined]
        pending = open_change(article)
        if pending is None:
            raise serializers.ValidationError(
                {"pending_change": "No change of this article's text is scheduled."}
            )
        return pending

    def _with_reason(self, request: Request, act: Callable[..., Any]) -> Response:
        """Run ``act`` on the scheduled change with the reason sent; the
        article as it now stands."""
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        pending = self._scheduled()
        act(pending.pk, actor=request.user, reason=form.validated_data["reason"])
        return self.answer(pending.article)  # type: ignore[attr-defined,no-any-return]

    @extend_schema(request=ReasonSerializer, responses={200: ArticleDetailSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="scheduled-change/make-now",
        permission_classes=[permissions.IsAuthenticated],
    )
    def make_change_now(self, request: Request, slug: str | None = None) -> Response:
        """Make the scheduled change of the text now, saying why (editors only)."""
        return self._with_reason(request, make_change_now)

    @extend_schema(request=ReasonSerializer, responses={200: ArticleDetailSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="scheduled-change/cancel",
        permission_classes=[permissions.IsAuthenticated],
    )
    def cancel_change(self, request: Request, slug: str | None = None) -> Response:
        """Cancel the scheduled change of the text; readers never see it."""
        return self._with_reason(request, cancel_change)
