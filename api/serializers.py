"""Agencies and claims as the REST API shows them, and the review request."""

from typing import Any

from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import PageUrl, slug_of
from api.strict import StrictTypes
from articles.models import Article
from claims import appearances
from claims.models import UNDER_REVIEW, Agency, Claim, ReviewEvent

# Shown only to newsroom members: anonymous clients never see them.
PRIVATE_CLAIM_FIELDS = ("internal_note", "reviewed_by")
# Who made each change in a claim's history: newsroom members only.
PRIVATE_EVENT_FIELDS = ("actor",)


def is_member(user: Any) -> bool:
    """Whether a user belongs to the newsroom: sees drafts and internal notes."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_perm("claims.view_claim")
    )


class ClaimList(serializers.ListSerializer[Any]):
    """Claims as a list: where else each appears is read for all at once."""

    def to_representation(self, data: Any) -> list[Any]:
        items = data.all() if hasattr(data, "all") else data
        return super().to_representation(appearances.attach(items))


class ClaimSerializer(StrictTypes, serializers.ModelSerializer[Claim]):
    """A claim as clients read it; reporters create claims with it.

    ``status`` and the review fields change only through the review endpoint.
    """

    url = serializers.HyperlinkedIdentityField(view_name="claim-detail")
    page_url = serializers.SerializerMethodField(
        help_text="The claim's public page (readers see it once the article is published)."
    )
    article = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Article.objects.all(),
        help_text="The article's slug.",
    )
    agency = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Agency.objects.all(),
        help_text="The slug of the agency the claim is attributed to.",
    )
    start = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=(
            "Where the quote starts in the article's plain text. Needed when the "
            "quote occurs more than once (or give `occurrence`)."
        ),
    )
    occurrence = serializers.IntegerField(
        required=False,
        write_only=True,
        min_value=1,
        help_text="Which occurrence of an ambiguous quote, counting from 1.",
    )
    reviewed_by = slug_of("username", help_text="Newsroom members only.")
    group = serializers.IntegerField(
        source="group_id",
        read_only=True,
        allow_null=True,
        help_text="The group of claims in other stories confirmed to be this one, if any.",
    )
    appears_in = serializers.SerializerMethodField(
        help_text="The other published stories carrying this claim (their pages)."
    )
    reader_status = serializers.ChoiceField(
        choices=[*Claim.Status.values, UNDER_REVIEW],
        read_only=True,
        help_text=(
            "The status readers see: `under_review` while a reviewed claim's "
            "words changed and wait for a new review, else `status`."
        ),
    )
    under_review_again = serializers.SerializerMethodField(
        help_text=(
            "Whether the claim's words changed after its review: readers see it "
            "under review again, not the old verdict, until an editor reviews it."
        )
    )

    class Meta:
        model = Claim
        list_serializer_class = ClaimList
        fields = [
            "id",
            "url",
            "page_url",
            "article",
            "quote",
            "start",
            "end",
            "prefix",
            "suffix",
            "occurrence",
            "agency",
            "speaker",
            "attribution_kind",
            "reporting_verb",
            "status",
            "note",
            "disputed_by",
            "version",
            "anchor_state",
            "reviewed_at",
            "created_at",
            "updated_at",
            "group",
            "appears_in",
            "reader_status",
            "under_review_again",
            "words_changed_at",
            "internal_note",
            "reviewed_by",
        ]
        read_only_fields = [
            "end",
            "prefix",
            "suffix",
            "status",
            "note",
            "disputed_by",
            "version",
            "anchor_state",
            "reviewed_at",
            "created_at",
            "updated_at",
            "words_changed_at",
        ]
        extra_kwargs = {
            "internal_note": {"help_text": "Newsroom members only."},
            "words_changed_at": {
                "help_text": "When the reviewed words changed; null otherwise."
            },
        }

    @extend_schema_field(serializers.URLField)
    def get_page_url(self, claim: Claim) -> str:
        return self._absolute(claim.get_absolute_url())

    def get_under_review_again(self, claim: Claim) -> bool:
        return claim.words_changed_at is not None

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_appears_in(self, claim: Claim) -> list[str]:
        return [self._absolute(item.url) for item in appearances.of(claim)]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        request = self.context.get("request")
        # Dropped before reading, not after: an anonymous answer must not
        # load each reviewer's user row only to leave it out. The schema,
        # made without a request, keeps them (documented as members only).
        if request is not None and not is_member(request.user):
            for name in PRIVATE_CLAIM_FIELDS:
                fields.pop(name, None)
        return fields

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        data = super().to_representation(instance)
        if self.context.get("request") is None:
            for name in PRIVATE_CLAIM_FIELDS:
                data.pop(name, None)
        return data


class ClaimUpdateSerializer(ClaimSerializer):
    """What may change on a claim without a review: attribution and internal note.

    The passage itself moves only by re-anchoring; the status only by a review.
    A change of agency or speaker carries the ``version`` read; a newer one
    answers 409.
    """

    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The claim's version you read; required to change agency or speaker.",
    )

    article = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The article's slug."
    )
    start = serializers.IntegerField(
        read_only=True,
        help_text="Where the quote starts in the article's plain text.",
    )

    class Meta(ClaimSerializer.Meta):
        fields = [f for f in ClaimSerializer.Meta.fields if f != "occurrence"]
        read_only_fields = [
            *(f for f in ClaimSerializer.Meta.read_only_fields if f != "version"),
            "quote",
        ]


class ReviewSerializer(StrictTypes, serializers.Serializer[Any]):
    """A review: the new status, the note for readers, and the version read."""

    status = serializers.ChoiceField(choices=Claim.Status.choices)
    note = serializers.CharField(
        allow_blank=True,
        default="",
        help_text="For readers; required for disputed and contextualized.",
    )
    disputed_by = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=300,
        help_text="Who disputes the claim; required for disputed.",
    )
    internal_note = serializers.CharField(
        allow_blank=True,
        required=False,
        help_text="Editors only; left unchanged when absent.",
    )
    version = serializers.IntegerField(
        min_value=1,
        help_text="The claim's version you reviewed; a newer one answers 409.",
    )


class WithdrawSerializer(StrictTypes, serializers.Serializer[Any]):
    """A withdrawal: why, and the version read."""

    note = serializers.CharField(
        help_text="Why the claim is withdrawn (kept in its history)."
    )
    version = serializers.IntegerField(
        min_value=1, help_text="The claim's version you read; a newer one answers 409."
    )


class ClaimEventSerializer(serializers.ModelSerializer[ReviewEvent]):
    """One entry of a claim's history; the actor is shown to newsroom members only."""

    actor = slug_of("username", help_text="Newsroom members only.")
    old_values = serializers.SerializerMethodField()
    new_values = serializers.SerializerMethodField()

    class Meta:
        model = ReviewEvent
        fields = [
            "kind",
            "version",
            "created_at",
            "old_values",
            "new_values",
            "note",
            "disputed_by",
            "actor",
        ]

    def _values(self, event: ReviewEvent, side: str) -> dict[str, Any]:
        values = dict(getattr(event, f"{side}_values") or {})
        status = getattr(event, f"{side}_status")
        anchor = getattr(event, f"{side}_anchor_state")
        quote = getattr(event, f"{side}_quote")
        if event.old_status != event.new_status or event.kind == event.Kind.REVIEW:
            values["status"] = status
        if anchor and event.old_anchor_state != event.new_anchor_state:
            values["anchor_state"] = anchor
        if quote and event.old_quote != event.new_quote:
            values["quote"] = quote
        return values

    @extend_schema_field(serializers.DictField())
    def get_old_values(self, event: ReviewEvent) -> dict[str, Any]:
        return self._values(event, "old")

    @extend_schema_field(serializers.DictField())
    def get_new_values(self, event: ReviewEvent) -> dict[str, Any]:
        return self._values(event, "new")

    def to_representation(self, instance: ReviewEvent) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not is_member(request.user if request else None):
            for name in PRIVATE_EVENT_FIELDS:
                data.pop(name, None)
        return data


class StaleReviewSerializer(serializers.Serializer[Any]):
    """The answer to a stale review: what happened, and the claim as it is now."""

    detail = serializers.CharField()
    claim = ClaimSerializer()


class ClaimCountsSerializer(serializers.Serializer[Any]):
    """How many claims attributed to an agency stand at each review status."""

    unreviewed = serializers.IntegerField(source="count_unreviewed")
    verified = serializers.IntegerField(source="count_verified")
    disputed = serializers.IntegerField(source="count_disputed")
    contextualized = serializers.IntegerField(source="count_contextualized")
    total = serializers.IntegerField(source="count_total")


# The web addresses Django's URLValidator takes, as the schema states them:
# http(s), a host of labels and a TLD of two letters or more, an optional port
# and path. Empty (allowed besides) means none.
WEBSITE_PATTERN = (
    r"^https?://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,3}"
    r"[A-Za-z]{2,24}(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~-]*)*$"
)


@extend_schema_field(
    {
        "type": "string",
        "pattern": WEBSITE_PATTERN,
        "maxLength": 200,
        "description": "The agency's website (http or https), or empty.",
    }
)
class WebsiteField(serializers.CharField):
    """A website address, checked against the same pattern the schema gives."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_blank=True, required=False, max_length=200, **kwargs)
        self.validators.append(
            RegexValidator(WEBSITE_PATTERN, "Give an http or https address.")
        )


class AgencySerializer(PageUrl, StrictTypes, serializers.ModelSerializer[Agency]):
    """An agency, its state-affiliation label and its claims counted by status."""

    url = serializers.HyperlinkedIdentityField(
        view_name="agency-detail", lookup_field="slug"
    )
    page_url = serializers.SerializerMethodField()
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="Names that identify the agency in text.",
    )
    claim_counts = ClaimCountsSerializer(source="*", read_only=True)
    website = WebsiteField()

    class Meta:
        model = Agency
        fields = [
            "url",
            "page_url",
            "slug",
            "name",
            "name_in_text",
            "aliases",
            "kind",
            "country",
            "state_affiliation",
            "affiliation_label",
            "affiliation_source",
            "affiliation_date",
            "website",
            "description",
            "claim_counts",
        ]
