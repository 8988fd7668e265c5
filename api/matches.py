"""The API's possible repeats of a claim: list them, confirm one, take one out.

``GET /api/claims/<id>/matches/`` lists a claim's candidates and group
members (newsroom members only: candidates include drafts);
``POST`` with ``{"claim": <other id>}`` confirms one (editors);
``DELETE /api/claims/<id>/matches/<other id>/`` takes the other claim out of
the group, or rejects it while it is only proposed. Decisions go through
``claims.groups``; their errors become 400 and 403 answers.
"""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.permissions import ReadsAndDecides
from api.strict import StrictTypes
from claims.group_models import MatchKind, MatchState
from claims.groups import confirm_match, leave_group, reject_match
from claims.matching import matches_for
from claims.models import Claim


class DecidesRepeats(ReadsAndDecides):
    """Newsroom members see possible repeats; editors decide on them."""

    message = "Only editors decide which claims are the same claim."
    reads = "claims.view_claim"
    decides = "claims.review_claim"


class MatchSerializer(serializers.Serializer[Any]):
    """A possible repeat: the other claim, its story, score, kind and status."""

    claim = serializers.IntegerField(source="claim.pk", help_text="The other claim.")
    article = serializers.CharField(
        source="claim.article.slug", help_text="The other claim's story (slug)."
    )
    headline = serializers.CharField(source="claim.article.headline")
    article_status = serializers.CharField(source="claim.article.status")
    quote = serializers.CharField(source="claim.quote")
    agency = serializers.CharField(source="claim.agency.slug")
    score = serializers.FloatField(
        allow_null=True,
        help_text="How alike the words are (0 to 1); none for a member joined "
        "through another.",
    )
    kind = serializers.ChoiceField(
        choices=MatchKind.choices,
        help_text="`same`: above the high threshold with nothing differing; "
        "`similar`: between the thresholds, or differing.",
    )
    status = serializers.ChoiceField(choices=MatchState.choices)
    differs = serializers.ListField(
        child=serializers.CharField(),
        help_text="What keeps the two from being one claim: source, figures, negation.",
    )


class ConfirmSerializer(StrictTypes, serializers.Serializer[Any]):
    """A confirmation: the other claim is the same claim."""

    claim = serializers.IntegerField(
        min_value=1, help_text="The id of the claim that is the same claim."
    )


class ClaimMatchesView(generics.GenericAPIView[Claim]):
    """A claim's possible repeats in other stories, and its group."""

    permission_classes = [DecidesRepeats]
    serializer_class = ConfirmSerializer
    queryset = Claim.objects.all()
    # The answer is the whole list, a handful of candidates: not paginated
    # (the schema said it was, with a page parameter the view never read).
    pagination_class = None

    def answer(self, claim: Claim) -> Response:
        claim.refresh_from_db(fields=["group"])
        return Response(MatchSerializer(matches_for(claim), many=True).data)

    @extend_schema(responses={200: MatchSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        """The claim's candidates (undecided first) and its group's members."""
        return self.answer(get_object_or_404(Claim, pk=pk))

    @extend_schema(
        request=ConfirmSerializer,
        responses={
            200: MatchSerializer(many=True),
            400: OpenApiResponse(
                description="Not the same claim: another story is needed, and the "
                "same source, figures and negation, and one review."
            ),
            403: OpenApiResponse(description="Only editors confirm repeats."),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        """Confirm that another claim is this claim: both join one group."""
        claim = get_object_or_404(Claim, pk=pk)
        form = ConfirmSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        confirm_match(claim.pk, form.validated_data["claim"], actor=request.user)
        return self.answer(claim)


class ClaimMatchView(generics.GenericAPIView[Claim]):
    """One possible repeat of a claim."""

    permission_classes = [DecidesRepeats]
    queryset = Claim.objects.all()
    serializer_class = ConfirmSerializer

    @extend_schema(
        request=None,
        responses={
            204: None,
            400: OpenApiResponse(description="The other claim is not a repeat of it."),
        },
    )
    def delete(self, request: Request, pk: int, other: int) -> Response:
        """Take the other claim out of this claim's group, or reject it as a repeat."""
        claim = get_object_or_404(Claim, pk=pk)
        other_claim = get_object_or_404(Claim, pk=other)
        if claim.group_id is not None and other_claim.group_id == claim.group_id:
            leave_group(other_claim.pk, actor=request.user)
        else:
            reject_match(claim.pk, other_claim.pk, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
