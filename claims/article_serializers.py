"""Articles as the REST API shows them, with their claims' anchor states."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, ArticleRevision
from claims.serializers import ClaimSerializer, StrictTypes

# Left out of lists: a page of twenty long stories would weigh megabytes.
TEXT_FIELDS = ("body", "plain_text")


class ArticleSerializer(StrictTypes, serializers.ModelSerializer[Article]):
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
            "status",
            "published_at",
            "created_at",
            "updated_at",
            "claim_count",
            "change_kind",
            "change_note",
        ]
        read_only_fields = [
            "plain_text",
            "status",
            "published_at",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.URLField)
    def get_page_url(self, article: Article) -> str:
        request = self.context.get("request")
        path = article.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ArticleSummarySerializer(ArticleSerializer):
    """An article in a list: everything but its text, which the detail carries."""

    class Meta(ArticleSerializer.Meta):
        fields = [
            name for name in ArticleSerializer.Meta.fields if name not in TEXT_FIELDS
        ]


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its claims, each showing where it is anchored."""

    body_html = serializers.CharField(
        read_only=True, help_text="The body rendered from Markdown and sanitized."
    )
    claims = ClaimSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body_html", "claims"]


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
