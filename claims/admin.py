"""Editors' admin for agencies and claims: the review queue, review actions, history."""

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article
from claims import search
from claims.forms import AgencyForm, ClaimAddForm, ClaimChangeForm, ReviewForm
from claims.models import Agency, AgencyLabelChange, Claim, ReviewEvent
from claims.services import (
    LABEL_FIELDS,
    StaleReview,
    change_agency_label,
    change_attribution,
    create_agency,
    create_claim,
    reattach_claim,
    review_claim,
)

BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]
REVIEW_ACTIONS = {
    "verify": Claim.Status.VERIFIED,
    "dispute": Claim.Status.DISPUTED,
    "contextualize": Claim.Status.CONTEXTUALIZED,
    "reopen": Claim.Status.UNREVIEWED,
}
SUBMIT_LABELS = {"dispute": _("Dispute"), "contextualize": _("Add context")}
PASSAGE_CONTEXT = 240


def posted_actions(request: HttpRequest) -> set[str]:
    """Names of the admin actions a request posts, from the change list or a change form."""
    if request.method != "POST":
        return set()
    names = request.POST.getlist("action") + request.POST.getlist(
        f"{ActionLocation.CHANGE_FORM.value}-action"
    )
    return {name for name in names if name}


def agency_label(agency: Agency) -> str:
    """An agency's name with its state-affiliation label, as readers see it."""
    if agency.affiliation_label:
        return f"{agency.name} ({agency.affiliation_label})"
    return agency.name


class QueuePaginator(Paginator):
    """Pages of the queue; an unfiltered count of a large table is PostgreSQL's estimate.

    COUNT(*) reads the whole table. The estimate (pg_class.reltuples, kept
    by autovacuum) is only used above ``estimate_above`` rows and only when
    nothing is filtered, where being a little off does not matter; any
    filter or search is counted exactly.
    """

    estimate_above = 100_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where:
            estimate = estimated_rows(queryset)
            if estimate is not None and estimate > self.estimate_above:
                return estimate
        return super().count


def estimated_rows(queryset: QuerySet[Any]) -> int | None:
    """PostgreSQL's estimate of a table's row count, or None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None and row[0] >= 0 else None


class ArticleListFilter(admin.RelatedFieldListFilter):
    """The article filter: the latest stories' headlines (and the one chosen).

    Listing every story would make the queue page grow with the archive; an
    older story is found by searching its headline.
    """

    LATEST = 30

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        articles = field.related_model._default_manager
        latest = list(
            articles.order_by("-created_at", "-pk").values_list("pk", "headline")[
                : self.LATEST
            ]
        )
        chosen = self.lookup_val[0] if self.lookup_val else None
        if chosen and chosen not in {str(pk) for pk, _ in latest}:
            latest += list(
                articles.filter(pk__in=self.lookup_val).values_list("pk", "headline")
            )
        return sorted(latest, key=lambda choice: choice[1])


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Agencies: editors keep the aliases, kind, country and state-affiliation label."""

    form = AgencyForm
    list_display = [
        "name",
        "kind",
        "country",
        "state_affiliation",
        "affiliation_label",
        "affiliation_date",
    ]
    list_filter = ["kind", "state_affiliation", "country"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "kind", "country"]}),
        (
            _("State affiliation"),
            {
                "fields": [
                    "state_affiliation",
                    "affiliation_label",
                    "affiliation_source",
                    "affiliation_date",
                ]
            },
        ),
        (None, {"fields": ["website", "description"]}),
    ]

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return [AgencyLabelChangeInline] if obj else []

    def save_model(
        self, request: HttpRequest, obj: Agency, form: Any, change: bool
    ) -> None:
        """Save through the services, so every label change keeps its history."""
        data = form.cleaned_data
        if not change:
            fields = {name: data[name] for name in form._meta.fields if name in data}
            agency = create_agency(actor=request.user, **fields)
            obj.pk, obj._state.adding = agency.pk, False
            return
        others = [
            name
            for name in form.changed_data
            if name not in LABEL_FIELDS and name in form._meta.fields
        ]
        if others:
            obj.save(update_fields=others)
        change_agency_label(
            obj.pk,
            actor=request.user,
            **{name: data[name] for name in LABEL_FIELDS},
        )


class AgencyLabelChangeInline(admin.TabularInline):
    """An agency's labels over time, newest first; nobody can change them."""

    model = AgencyLabelChange
    fields = [
        "created_at",
        "state_affiliation",
        "affiliation_label",
        "affiliation_source",
        "affiliation_date",
        "actor",
    ]
    readonly_fields = list(fields)  # type: ignore[arg-type]
    extra = 0
    can_delete = False
    verbose_name_plural = _("Label history")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Whoever may see the agency sees its label history.
        return request.user.has_perm("claims.view_agency")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReviewEventInline(admin.TabularInline):
    """A claim's history, newest first; nobody can change it."""

    model = ReviewEvent
    fields = ["created_at", "kind", "change", "note", "disputed_by", "quote", "by"]
    readonly_fields = [
        "created_at",
        "kind",
        "change",
        "note",
        "disputed_by",
        "quote",
        "by",
    ]
    extra = 0
    can_delete = False
    verbose_name = _("history entry")
    verbose_name_plural = _("history")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewEvent]:
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("status"))
    def change(self, event: ReviewEvent) -> str:
        if event.old_status == event.new_status:
            return event.get_new_status_display()
        return str(event)

    @admin.display(description=_("by"))
    def by(self, event: ReviewEvent) -> str:
        # A name, not a link: most staff may not open user accounts.
        return event.actor.get_username() if event.actor else ""

    @admin.display(description=_("quote"))
    def quote(self, event: ReviewEvent) -> str:
        if event.old_quote == event.new_quote:
            return ""
        return f"\u201c{event.old_quote}\u201d \u2192 \u201c{event.new_quote}\u201d"


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """The review queue: what needs work first, reviewed through ``review_claim``."""

    list_display = [
        "short_quote",
        "article_headline",
        "agency_with_label",
        "speaker",
        "status_and_version",
        "anchor_state",
        "created_at",
    ]
    list_display_links = ["short_quote"]
    list_filter = [
        "status",
        "anchor_state",
        "agency",
        "agency__kind",
        ("article", ArticleListFilter),
    ]
    search_fields = ["quote", "speaker", "agency__name", "article__headline"]
    list_select_related = ["article", "agency"]
    # Headlines matched by a queue search, at most (the newest stories first).
    HEADLINE_MATCHES = 1000
    # The unfiltered total would be a second full COUNT(*) on every page.
    show_full_result_count = False
    paginator = QueuePaginator
    list_per_page = 50
    actions = ["verify", "dispute", "contextualize", "reopen"]
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
                    "internal_note",
                    "expected_version",
                ]
            },
        ),
        (
            _("Review"),
            {
                "description": _(
                    "The status changes only through the review actions above: "
                    "verify, dispute, contextualize or reopen."
                ),
                "fields": [
                    "status",
                    "note",
                    "disputed_by",
                    "reviewer",
                    "reviewed_at",
                    "anchor_state",
                    "version",
                ],
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
        "version",
    ]

    class Media:
        css = {"all": ["claims/admin/admin.css"]}

    # Queue order and columns

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        # A row needs its article's headline, not its body.
        return (
            Claim.objects.needing_review()
            .select_related("article", "agency")
            .defer("article__body", "article__plain_text", "article__standfirst")
        )

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        return ["queue_rank", "created_at", "pk"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Claim], search_term: str
    ) -> tuple[QuerySet[Claim], bool]:
        """On PostgreSQL, words of the quote or speaker through the full-text index,
        or an agency or headline holding the text.

        A substring match across four columns of three tables reads every row
        of a large queue; agencies and headlines are few, so they are found
        first and the claims matched by their ids, which the planner combines
        with the full-text index.
        """
        term = search_term.strip()
        if not term or not search.is_full_text(queryset):
            return super().get_search_results(request, queryset, search_term)
        agencies = list(
            Agency.objects.filter(name__icontains=term).values_list("pk", flat=True)
        )
        articles = list(
            Article.objects.filter(headline__icontains=term).values_list(
                "pk", flat=True
            )[: self.HEADLINE_MATCHES]
        )
        matched = Q(document=search.claim_query(term))
        if agencies:
            matched |= Q(agency_id__in=agencies)
        if articles:
            matched |= Q(article_id__in=articles)
        return queryset.alias(document=search.claim_vector()).filter(matched), False

    @admin.display(description=_("quote"), ordering="quote")
    def short_quote(self, claim: Claim) -> str:
        return Truncator(claim.quote).chars(80)

    @admin.display(description=_("article"), ordering="article__headline")
    def article_headline(self, claim: Claim) -> str:
        return Truncator(claim.article.headline).chars(50)

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_with_label(self, claim: Claim) -> str:
        return agency_label(claim.agency)

    @admin.display(description=_("status"), ordering="queue_rank")
    def status_and_version(self, claim: Claim) -> SafeString:
        # The version travels with the action, so a stale queue page is refused.
        return format_html(
            '{}<input type="hidden" name="version_{}" value="{}">',
            claim.get_status_display(),
            claim.pk,
            claim.version,
        )

    @admin.display(description=_("reviewed by"))
    def reviewer(self, claim: Claim) -> str:
        return claim.reviewed_by.get_username() if claim.reviewed_by else ""

    @admin.display(description=_("passage"))
    def passage(self, claim: Claim) -> SafeString:
        text = claim.article.plain_text
        if text[claim.start : claim.end] != claim.quote:
            return format_html(
                '<p class="claim-orphaned">{}</p><blockquote>{}</blockquote>',
                _("The quoted text is no longer in the article:"),
                claim.quote,
            )
        low = max(0, claim.start - PASSAGE_CONTEXT)
        high = claim.end + PASSAGE_CONTEXT
        return format_html(
            '<blockquote class="claim-passage">{}{}<mark data-claim="{}" '
            'data-status="{}">{}</mark>{}{}</blockquote>',
            "\u2026" if low else "",
            text[low : claim.start],
            claim.pk,
            claim.status,
            claim.quote,
            text[claim.end : high],
            "\u2026" if high < len(text) else "",
        )

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
    ) -> type[ModelForm]:
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

    # Review actions

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.review_claim")

    def _refuse_unpermitted(self, request: HttpRequest) -> None:
        if posted_actions(
            request
        ) & REVIEW_ACTIONS.keys() and not self.has_review_permission(request):
            raise PermissionDenied("You do not have permission to review claims.")

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

    @admin.action(
        permissions=["review"],
        description=_("Verify"),
        description_plural=_("Verify selected claims"),
        location=BOTH,
    )
    def verify(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        return self._review(request, queryset, "verify")

    @admin.action(
        permissions=["review"],
        description=_("Dispute…"),
        description_plural=_("Dispute selected claims…"),
        location=BOTH,
    )
    def dispute(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        return self._review(request, queryset, "dispute")

    @admin.action(
        permissions=["review"],
        description=_("Contextualize…"),
        description_plural=_("Contextualize selected claims…"),
        location=BOTH,
    )
    def contextualize(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        return self._review(request, queryset, "contextualize")

    @admin.action(
        permissions=["review"],
        description=_("Reopen"),
        description_plural=_("Reopen selected claims"),
        location=BOTH,
    )
    def reopen(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        return self._review(request, queryset, "reopen")

    def _review(
        self, request: HttpRequest, queryset: QuerySet[Claim], action: str
    ) -> TemplateResponse | None:
        status = REVIEW_ACTIONS[action]
        claims = list(queryset.select_related("agency", "article"))
        versions = self._posted_versions(request, claims)
        for claim in claims:
            if claim.pk not in versions:
                self.message_user(
                    request,
                    _(
                        "%(claim)s was not changed: the page did not say which "
                        "version you reviewed. Reload it and try again."
                    )
                    % {"claim": claim},
                    messages.ERROR,
                )
        claims = [claim for claim in claims if claim.pk in versions]
        if not claims:
            return None
        note = disputed_by = ""
        if status in Claim.NOTE_REQUIRED:
            form = ReviewForm(
                request.POST if "apply" in request.POST else None, status=status
            )
            if not form.is_valid():
                return self._review_form(
                    request, action, status, claims, versions, form
                )
            note = form.cleaned_data["note"]
            disputed_by = form.cleaned_data.get("disputed_by", "")
        self._apply(request, claims, versions, status, note, disputed_by)
        return None

    def _posted_versions(
        self, request: HttpRequest, claims: Iterable[Claim]
    ) -> dict[int, int]:
        """The version each claim had on the page the action came from.

        The change list posts ``version_<pk>``, a claim's change form its
        ``expected_version``. A claim without a valid one (selected across
        pages, or a tampered value) is left out, never taken at the version
        read now: the check fails closed, and ``_review`` says so.
        """
        claims = list(claims)
        versions = {}
        for claim in claims:
            raw = request.POST.get(f"version_{claim.pk}")
            if raw is None and len(claims) == 1:
                raw = request.POST.get("expected_version")
            if raw is not None and raw.isascii() and raw.isdigit() and int(raw) >= 1:
                versions[claim.pk] = int(raw)
        return versions

    def _review_form(
        self,
        request: HttpRequest,
        action: str,
        status: str,
        claims: list[Claim],
        versions: dict[int, int],
        form: ReviewForm,
    ) -> TemplateResponse:
        from_change_form = f"{ActionLocation.CHANGE_FORM.value}-action" in request.POST
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(action)s: a note for readers")
            % {"action": Claim.Status(status).label},
            "opts": self.opts,
            "form": form,
            "status": status,
            "status_label": Claim.Status(status).label,
            "submit_label": SUBMIT_LABELS[action],
            "action_name": action,
            "action_field": (
                f"{ActionLocation.CHANGE_FORM.value}-action"
                if from_change_form
                else "action"
            ),
            "claims": [(claim, versions[claim.pk]) for claim in claims],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/claims/claim/review_form.html", context)

    def _apply(
        self,
        request: HttpRequest,
        claims: list[Claim],
        versions: dict[int, int],
        status: str,
        note: str,
        disputed_by: str,
    ) -> None:
        """Review each claim; report each refusal by name, and how many went through."""
        done: list[Claim] = []
        for claim in claims:
            try:
                review_claim(
                    claim.pk,
                    status=status,
                    note=note,
                    disputed_by=disputed_by,
                    actor=request.user,
                    expected_version=versions[claim.pk],
                )
            except StaleReview as error:
                self.message_user(
                    request,
                    _("%(claim)s was not changed: %(reason)s")
                    % {"claim": claim, "reason": error},
                    messages.ERROR,
                )
            except ValidationError as error:
                self.message_user(
                    request,
                    _("%(claim)s was not changed: %(reason)s")
                    % {"claim": claim, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                done.append(claim)
        if done:
            label = Claim.Status(status).label.lower()
            self.message_user(
                request,
                ngettext(
                    "%(count)d claim is now %(status)s: %(names)s",
                    "%(count)d claims are now %(status)s: %(names)s",
                    len(done),
                )
                % {
                    "count": len(done),
                    "status": label,
                    "names": ", ".join(str(claim) for claim in done),
                },
                messages.SUCCESS,
            )


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """Every claim's history in one read-only list."""

    list_display = ["created_at", "claim", "kind", "old_status", "new_status", "actor"]
    list_filter = ["kind", "new_status"]
    list_select_related = ["claim__agency", "actor"]
    show_full_result_count = False
    # All read-only: no form field, so no choice list of every claim either.
    readonly_fields = [
        "claim",
        "kind",
        "old_status",
        "new_status",
        "old_anchor_state",
        "new_anchor_state",
        "note",
        "disputed_by",
        "old_quote",
        "new_quote",
        "actor",
        "version",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
