"""Articles as the REST API shows them, with their claims' anchor states."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import Hyperlink

from api.fields import PageUrl
from api.serializers import ClaimSerializer, is_member
from api.strict import StrictTypes
from articles.models import Article, ArticleRevision, PendingChange
from articles.pending_edits import open_change
from claims import appearances
from claims.models import Claim
from newsroom.parts import kept

# What a claim's answer is made of: every stored value but the search document.
_SHOWN = tuple(
    field.attname
    for field in Claim._meta.concrete_fields
    if field.attname != "search_document"
)

# Left out of lists: a page of twenty long stories would weigh megabytes.
TEXT_FIELDS = ("body", "plain_text")


class ArticleSerializer(PageUrl, StrictTypes, serializers.ModelSerializer[Article]):
    """An article; reporters and editors write it, editors publish it elsewhere.

    ``plain_text`` is the text that claims' ``start`` and ``end`` count in.
    """

    url = serializers.HyperlinkedIdentityField(
        view_name="article-detail", lookup_field="slug"
    )
    page_url = serializers.SerializerMethodField(
        help_text="The article's public page (once published)."
    )
    annotations_url = serializers.HyperlinkedIdentityField(
        view_name="article-annotations", lookup_field="slug"
    )
    claim_count = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The article's version you read; a write from an older one is "
        "refused (409). Or send its ETag in If-Match (412 when stale).",
    )
    change_kind = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="For a published article's new text: correction, update, "
        "clarification or minor.",
    )
    change_note = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="What changed, for readers; required unless the change is minor.",
    )
    change_at = serializers.DateTimeField(
        write_only=True,
        required=False,
        allow_null=True,
        help_text="Schedule this correction, update or clarification (ISO "
        "8601, ahead of now): a note alone is shown to readers from then; a "
        "changed text is held until then, readers seeing the text as it is "
        "(the answer's ``scheduled_change`` shows it to the newsroom). While "
        "one waits, another change of the text is refused (400).",
    )
    embargoed = serializers.BooleanField(
        read_only=True,
        help_text="Published, but out of public view until ``publish_at``.",
    )

    class Meta:
        model = Article
        fields = [
            "url",
            "page_url",
            "annotations_url",
            "slug",
            "headline",
            "standfirst",
            "body",
            "plain_text",
            "byline",
            "dateline",
            "language",
            "section",
            "status",
            "published_at",
            "publish_at",
            "embargoed",
            "created_at",
            "updated_at",
            "claim_count",
            "version",
            "change_kind",
            "change_note",
            "change_at",
        ]
        read_only_fields = [
            "plain_text",
            "status",
            "published_at",
            "publish_at",
            "created_at",
            "updated_at",
        ]


class ArticleSummarySerializer(ArticleSerializer):
    """An article in a list: everything but its text, which the detail carries."""

    class Meta(ArticleSerializer.Meta):
        fields = [
            name for name in ArticleSerializer.Meta.fields if name not in TEXT_FIELDS
        ]


def _plain(answer: dict[str, Any]) -> dict[str, Any]:
    # A link is a str that holds its object (the claim, and through it the
    # article and its other claims): kept, it would take them all along.
    return {
        name: str(value) if isinstance(value, Hyperlink) else value
        for name, value in answer.items()
    }


class KeptClaims(serializers.ListSerializer[Any]):
    """An article's claims, each answer kept by what it is made of.

    The key of a claim's answer holds its stored values, its agency's and
    article's slugs, its reviewer's name for members, whether the reader is
    a member, and the address the links start with: a review changes the
    key of its claim alone, and the detail rebuilt after it serializes one
    claim, not a thousand.
    """

    def to_representation(self, data: models.Manager[Any] | Iterable[Any]) -> list[Any]:
        claims = appearances.attach(
            data.all() if isinstance(data, models.Manager) else data
        )
        request = self.context.get("request")
        member = request is not None and is_member(request.user)
        base = request.build_absolute_uri("/") if request is not None else ""
        materials = {
            claim.pk: (
                base,
                member,
                tuple(getattr(claim, name) for name in _SHOWN),
                claim.agency.slug,
                claim.article.slug,
                claim.reviewed_by.username
                if member and claim.reviewed_by is not None
                else None,
                appearances.of(claim),
            )
            for claim in claims
        }
        by_pk = {claim.pk: claim for claim in claims}

        child = self.child
        if not isinstance(child, ClaimSerializer):
            raise TypeError("KeptClaims lists ClaimSerializer answers.")

        def produce(pks: list[Any]) -> dict[Any, Any]:
            return {pk: _plain(child.to_representation(by_pk[pk])) for pk in pks}

        made = kept("api-claim", materials, produce)
        return [made[claim.pk] for claim in claims]


class ScheduledChangeSerializer(serializers.ModelSerializer[PendingChange]):
    """A change of the text waiting for its time: the new values, kind, note, when."""

    scheduled_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="created_by", slug_field="username", read_only=True, allow_null=True
    )
    fields_changed = serializers.ListField(
        source="fields", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = PendingChange
        fields = [
            "change_kind",
            "change_note",
            "apply_at",
            "fields_changed",
            "values",
            "base_version",
            "scheduled_by",
            "created_at",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its claims, each showing where it is anchored, and for
    newsroom members the change of its text scheduled ahead, if any."""

    body_html = serializers.CharField(
        read_only=True, help_text="The body rendered from Markdown and sanitized."
    )
    claims = KeptClaims(child=ClaimSerializer(), read_only=True)
    scheduled_change = serializers.SerializerMethodField(
        help_text="A change of the text scheduled ahead (sent as an edit with "
        "``change_at``), made at its ``apply_at``: shown to newsroom members "
        "only, null for everyone else, who see the text readers see."
    )

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            "body_html",
            "claims",
            "scheduled_change",
        ]

    @extend_schema_field(ScheduledChangeSerializer(allow_null=True))
    def get_scheduled_change(self, article: Article) -> Any:
        request = self.context.get("request")
        if request is None or not is_member(request.user):
            return None
        pending = open_change(article)
        return None if pending is None else ScheduledChangeSerializer(pending).data


class ArticleRevisionSerializer(serializers.ModelSerializer[ArticleRevision]):
    """One revision of an article's text: who, when, the text, the kind of change."""

    actor: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = ArticleRevision
        fields = [
            "number",
            "created_at",
            "actor",
            "change_kind",
            "change_note",
            "headline",
            "standfirst",
            "body",
        ]
