"""The review queue: claims that need work first, their passage, their forms."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from claims import search, selectors
from claims.models import Claim
from claims.services import change_attribution, create_claim, reattach_claim
from desk.admin import badges, grouping, site_links
from desk.admin import repeats as repeat_list
from desk.admin.actions import ReviewActions, review_actions
from desk.admin.agencies import agency_label
from desk.admin.deleting import RetiresOnDelete
from desk.admin.filters import (
    AgencyKindListFilter,
    ArticleListFilter,
    WithdrawnListFilter,
)
from desk.admin.forms import ClaimAddForm, ClaimChangeForm
from desk.admin.history import ReviewEventInline
from desk.admin.paging import QueuePaginator

# Query parameters that page or sort the queue without narrowing it.
PAGING = frozenset({PAGE_VAR, ORDER_VAR})

PASSAGE_CONTEXT = 240


class ClaimAdmin(RetiresOnDelete, ReviewActions):
    """The review queue: what needs work first, reviewed through ``review_claim``."""

    # Status and anchor first, as badges: at 1280 px nothing scrolls sideways.
    list_display = [
        "short_quote",
        "status_and_version",
        "article_headline",
        "agency_with_label",
        "speaker",
    ]
    list_display_links = ["short_quote"]
    list_filter = [
        grouping.GroupRepeatsFilter,
        "status",
        "anchor_state",
        "agency",
        ("agency__kind", AgencyKindListFilter),
        ("article", ArticleListFilter),
        WithdrawnListFilter,
    ]
    search_fields = ["quote", "speaker", "agency__name", "article__headline"]
    list_select_related = ["article", "agency"]
    # The unfiltered total would be a second full COUNT(*) on every page.
    # Headlines matched by a queue search, at most (the newest stories first).
    HEADLINE_MATCHES = 1000
    show_full_result_count = False
    paginator = QueuePaginator
    # A review queue is worked from the top; each row costs the admin's
    # rendering, so a short page keeps it fast at any size.
    list_per_page = 25
    actions = review_actions()
    inlines = [ReviewEventInline]
    change_fieldsets = [
        (
            None,
            {
                "fields": [
                    "article",
                    "quote",
                    "passage",
                    "agency",
                    "speaker",
                    "attribution_kind",
                    "reporting_verb",
                    "internal_note",
                    "expected_version",
                ]
            },
        ),
        (
            _("Review"),
            {
                "description": _(
                    "Set by an editor's review. Readers see the status and the note."
                ),
                "fields": [
                    "status",
                    "note",
                    "disputed_by",
                    "reviewer",
                    "reviewed_at",
                    "anchor_state",
                ],
            },
        ),
        (
            _("The same claim in other stories"),
            {
                "description": _(
                    "Possible repeats and the claim's group: decide in the "
                    "review workspace (s: the same claim, x: not the same)."
                ),
                "fields": ["repeats"],
            },
        ),
    ]
    reattach_fieldset = (
        _("Re-attach"),
        {
            "description": _(
                "The article was edited and this claim's text moved or left it. "
                "Point the claim at the passage it now refers to."
            ),
            "fields": ["reattach_quote", "reattach_occurrence"],
        },
    )
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "article",
                    "quote",
                    "occurrence",
                    "agency",
                    "speaker",
                    "internal_note",
                ]
            },
        )
    ]
    change_readonly_fields = [
        "article",
        "quote",
        "passage",
        "status",
        "note",
        "disputed_by",
        "reviewer",
        "reviewed_at",
        "anchor_state",
        "repeats",
    ]

    class Media:
        css = {"all": ["claims/admin/admin.css", "desk/desk.css"]}
        js = ["desk/stacked.js"]

    # Queue order and columns

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        # A row needs its article's headline, not its body.
        return selectors.review_queue()

    def get_paginator(
        self,
        request: HttpRequest,
        queryset: QuerySet[Claim],
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
    ) -> QueuePaginator:
        """The queue's pages, told whether the editor narrowed the rows."""
        chosen = {
            key for key, value in request.GET.items() if value and key not in PAGING
        }
        return QueuePaginator(
            queryset,
            per_page,
            orphans,
            allow_empty_first_page,
            whole_table=not chosen,
        )

    def get_list_display(self, request: HttpRequest) -> Any:
        """With repeats grouped, a row's stories: its own, and its group's."""
        if not grouping.grouped(request):
            return self.list_display
        return [
            "group_stories" if name == "article_headline" else name
            for name in self.list_display
        ]

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        return ["queue_rank", "created_at", "pk"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Claim], search_term: str
    ) -> tuple[QuerySet[Claim], bool]:
        """Claims whose quote or speaker matches, as the readers' search matches
        them (``claims.search``), or whose agency or article headline does.

        Agencies and headlines are few, so they are found first and the claims
        matched by their ids, which the planner combines with the claims'
        full-text index. The queue keeps its own order.
        """
        found = search.queue_matches(
            queryset, search_term, headlines=self.HEADLINE_MATCHES
        )
        return (queryset if found is None else found), False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Worked from the top, not picked from: not "Select claim to change".
        context = {"title": _("Review queue"), **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_view_on_site_url(self, obj: Claim | None = None) -> str | None:
        return None if obj is None or obj.pk is None else site_links.claim_url(obj)

    def action_checkbox(self, claim: Claim) -> SafeString:
        # The same markup as the admin's, written once per row rather than
        # through the form widget's template renderer.
        return badges.select_checkbox(claim)

    @admin.display(description=_("quote"), ordering="quote")
    def short_quote(self, claim: Claim) -> str:
        return badges.short_quote(claim.quote)

    @admin.display(description=_("article"), ordering="article__headline")
    def article_headline(self, claim: Claim) -> SafeString:
        return badges.article_link(claim)

    @admin.display(description=_("stories"))
    def group_stories(self, claim: Claim) -> SafeString:
        return grouping.stories(claim)

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_with_label(self, claim: Claim) -> str:
        return agency_label(claim.agency)

    @admin.display(description=_("status"), ordering="queue_rank")
    def status_and_version(self, claim: Claim) -> SafeString:
        # The version travels with the action, so a stale queue page is refused.
        return format_html(
            '{}<input type="hidden" name="version_{}" value="{}">',
            badges.queue_status(claim),
            claim.pk,
            claim.version,
        )

    @admin.display(description=_("reviewed by"))
    def reviewer(self, claim: Claim) -> str:
        return claim.reviewed_by.get_username() if claim.reviewed_by else ""

    @admin.display(description=_("passage"))
    def passage(self, claim: Claim) -> SafeString:
        return badges.passage(claim, context=PASSAGE_CONTEXT)

    @admin.display(description=_("possible repeats"))
    def repeats(self, claim: Claim) -> SafeString:
        return repeat_list.repeats(claim)

    # Forms

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return self.add_fieldsets
        if obj.anchor_state == Claim.AnchorState.ANCHORED:
            return self.change_fieldsets
        return [*self.change_fieldsets, self.reattach_fieldset]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.change_readonly_fields if obj else []

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Claim]]:
        kwargs["form"] = ClaimChangeForm if obj else ClaimAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> Any:
        return super().get_inline_instances(request, obj) if obj else []

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        if change:
            return super().save_form(request, form, change)
        data = form.cleaned_data
        return create_claim(
            data["article"],
            quote=data["quote"],
            agency=data["agency"],
            speaker=data["speaker"],
            occurrence=data.get("occurrence"),
            internal_note=data["internal_note"],
            actor=request.user,
        )

    def save_model(
        self, request: HttpRequest, obj: Claim, form: Any, change: bool
    ) -> None:
        if not change:
            return  # save_form created it through create_claim.
        data = form.cleaned_data
        claim = change_attribution(
            obj.pk,
            agency=data["agency"],
            speaker=data["speaker"],
            # Left out of the form's data, these stay as they are.
            attribution_kind=data.get("attribution_kind") or None,
            reporting_verb=data.get("reporting_verb")
            if "reporting_verb" in form.data
            else None,
            internal_note=data["internal_note"],
            expected_version=data["expected_version"],
            actor=request.user,
        )
        quote = data.get("reattach_quote") or ""
        if quote.strip():
            reattach_claim(
                obj.pk,
                quote=quote,
                occurrence=data.get("reattach_occurrence"),
                actor=request.user,
                expected_version=claim.version,
            )

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        # A new claim has no relations to save: create_claim saved all of it.
        if change:
            super().save_related(request, form, formsets, change)
