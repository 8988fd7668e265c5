"""The review actions of the claims queue, generated from one table.

Verify, dispute, contextualize and reopen differ only in the status they
set, their labels, and whether they ask for a note first; each goes
through ``claims.services.review_claim`` with the version the page showed.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims.models import Claim
from claims.services import withdraw_claim
from desk.admin.forms import WithdrawForm
from desk.admin.reviewing import Refused, ReviewForm, attempt, review
from desk.admin.steps import (
    BOTH,
    FORM_ACTION_FIELD,
    REVIEW_ACTION_NAMES,
    REVIEW_ACTIONS,
    GuardedActions,
    NotePage,
    ReviewAction,
    posted_versions,
)


def _admin_action(spec: ReviewAction) -> Callable[..., Any]:
    def run(
        modeladmin: "ReviewActions", request: HttpRequest, queryset: QuerySet[Claim]
    ) -> TemplateResponse | None:
        return modeladmin.review(request, queryset, spec)

    run.__name__ = spec.name
    decorated: Callable[..., Any] = admin.action(
        permissions=["review"],
        description=spec.description,
        description_plural=spec.description_plural,
        location=BOTH,
    )(run)
    return decorated


@admin.action(
    permissions=["review"],
    description=_("Withdraw…"),
    description_plural=_("Withdraw selected claims…"),
    location=BOTH,
)
def withdraw(
    modeladmin: "ReviewActions", request: HttpRequest, queryset: QuerySet[Claim]
) -> TemplateResponse | None:
    """Withdraw the selected claims, asking why first; their history stays."""
    return modeladmin.withdraw(request, queryset)


def review_actions() -> list[Callable[..., Any]]:
    """The admin actions: one per row of ``REVIEW_ACTIONS``, then withdraw."""
    return [*(_admin_action(spec) for spec in REVIEW_ACTIONS), withdraw]


class ReviewActions(GuardedActions[Claim]):
    """The review actions' behaviour: version check, note form, one service call each."""

    guarded_actions = REVIEW_ACTION_NAMES
    guard_permission = "claims.review_claim"
    guard_words = "You do not have permission to review claims."

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(self.guard_permission)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A claim with history is withdrawn, never deleted."""
        if obj is not None and obj.events.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(
        self,
        request: HttpRequest,
        action_location: ActionLocation = ActionLocation.CHANGE_LIST,
    ) -> dict[str, Any]:
        # Deleting is for a claim without history, one at a time from its
        # page; a selection may hold claims with history.
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def review(
        self, request: HttpRequest, queryset: QuerySet[Claim], spec: ReviewAction
    ) -> TemplateResponse | None:
        """Apply one review action to the selected claims, asking for a note first."""
        claims, versions = self._versioned(request, queryset)
        if not claims:
            return None
        asks = spec.status in Claim.NOTE_REQUIRED
        form = ReviewForm(
            request.POST if "apply" in request.POST or not asks else None,
            status=spec.status,
        )
        if not form.is_valid():
            page = NotePage(
                title=_("%(action)s: a note for readers")
                % {"action": spec.status.label},
                step=spec.status.label,
                submit_label=spec.submit_label,
                action_name=spec.name,
            )
            return self._note_form(request, page, (claims, versions), form)
        done = self._each(
            request,
            claims,
            lambda claim: review(
                claim, form, actor=request.user, version=versions[claim.pk]
            ),
        )
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d claim is now %(status)s: %(names)s",
                    "%(count)d claims are now %(status)s: %(names)s",
                    len(done),
                )
                % {
                    "count": len(done),
                    "status": spec.status.label.lower(),
                    "names": ", ".join(str(claim) for claim in done),
                },
                messages.SUCCESS,
            )
        return None

    def _versioned(
        self, request: HttpRequest, queryset: QuerySet[Claim]
    ) -> tuple[list[Claim], dict[int, int]]:
        """The selected claims the page said the version of, and those versions;
        each left out is reported by name."""
        claims = list(queryset.select_related("agency", "article"))
        versions = posted_versions(request, claims)
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
        return [claim for claim in claims if claim.pk in versions], versions

    def _note_form(
        self,
        request: HttpRequest,
        page: "NotePage",
        selected: tuple[list[Claim], dict[int, int]],
        form: forms.Form,
    ) -> TemplateResponse:
        claims, versions = selected
        context = {
            **self.admin_site.each_context(request),
            "title": page.title,
            "opts": self.opts,
            "form": form,
            "status_label": page.step,
            "submit_label": page.submit_label,
            "action_name": page.action_name,
            "action_field": (
                FORM_ACTION_FIELD if FORM_ACTION_FIELD in request.POST else "action"
            ),
            "claims": [(claim, versions[claim.pk]) for claim in claims],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/claims/claim/review_form.html", context)

    def withdraw(
        self, request: HttpRequest, queryset: QuerySet[Claim]
    ) -> TemplateResponse | None:
        """Withdraw each selected claim with the reason given, reporting refusals."""
        claims, versions = self._versioned(request, queryset)
        if not claims:
            return None
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            page = NotePage(
                title=_("Withdraw: why the claim goes"),
                step=_("Withdraw"),
                submit_label=_("Withdraw"),
                action_name="withdraw",
            )
            return self._note_form(request, page, (claims, versions), form)
        done = self._each(
            request,
            claims,
            lambda claim: attempt(
                lambda: withdraw_claim(
                    claim.pk,
                    note=form.cleaned_data["note"],
                    expected_version=versions[claim.pk],
                    actor=request.user,
                )
            ),
        )
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d claim withdrawn: %(names)s. Readers no longer see "
                    "it; its history is kept.",
                    "%(count)d claims withdrawn: %(names)s. Readers no longer see "
                    "them; their history is kept.",
                    len(done),
                )
                % {"count": len(done), "names": ", ".join(map(str, done))},
                messages.SUCCESS,
            )
        return None

    def _each(
        self,
        request: HttpRequest,
        claims: list[Claim],
        change: Callable[[Claim], Claim | Refused],
    ) -> list[Claim]:
        """The claims ``change`` went through for; each refusal reported by name."""
        done: list[Claim] = []
        for claim in claims:
            outcome = change(claim)
            if isinstance(outcome, Refused):
                self.message_user(
                    request,
                    _("%(claim)s was not changed: %(reason)s")
                    % {"claim": claim, "reason": outcome.words()},
                    messages.ERROR,
                )
            else:
                done.append(claim)
        return done
