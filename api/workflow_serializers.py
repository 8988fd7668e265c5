"""What the article workflow's endpoints take: a comment on submitting or
sending back, a time to publish at, a reason to lift an embargo."""

from typing import Any

from drf_spectacular.utils import (
    extend_schema_field,
)
from rest_framework import serializers

from api.strict import StrictTypes

# Some character other than white space, and no NUL: what a comment that
# must say something is, as the schema states it.
SAYS_SOMETHING = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


class LiftSerializer(StrictTypes, serializers.Serializer[Any]):
    """Why an embargo is lifted early: kept in the article's log."""

    reason = serializers.CharField(allow_blank=True, default="")


class CommentSerializer(StrictTypes, serializers.Serializer[Any]):
    """A comment on a workflow step, for the article's log."""

    comment = serializers.CharField(
        allow_blank=True, default="", help_text="Kept in the article's log."
    )


@extend_schema_field({"type": "string", "minLength": 1, "pattern": SAYS_SOMETHING})
class SaidText(serializers.CharField):
    """Text that must say something: white space alone is refused."""


class SendBackSerializer(StrictTypes, serializers.Serializer[Any]):
    """Why an article goes back to its reporter: required."""

    comment = SaidText(help_text="Why the article goes back; the reporter reads it.")


class PublishSerializer(StrictTypes, serializers.Serializer[Any]):
    """Publishing: now, or under embargo until ``at``; ``confirm`` to publish
    with open items."""

    at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="ISO 8601; the story stays out of public view until then.",
    )

    confirm = serializers.BooleanField(
        default=False,
        help_text="Publish even with unreviewed claims, pending suggestions or "
        "claims whose words changed (otherwise 409 lists them).",
    )
