"""The desk's one review: its form, its call to ``review_claim``, its refusals.

A claim card in the review workspace and the claim list's review actions
both validate with ``ReviewForm``, review through ``review`` and report what
``attempt`` returns when the service refuses: a stale page, or the fields it
names.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from claims.services import StaleReview, review_claim
from desk.admin.forms import OUT_OF_DATE
from desk.admin.steps import REVIEW_ACTIONS

# The status each review action sets, by the name a form posts.
ACTIONS = {action.name: action.status for action in REVIEW_ACTIONS}


class ReviewForm(forms.Form):
    """One review: the action, the claim's version, the reader note, who disputes it.

    On a claim card the button chooses the action and the service says what
    a status requires. The list's note page knows the status first (and the
    versions come with the selected claims): it asks only for what that
    status needs, and requires it; verifying or reopening asks nothing.
    """

    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS])
    version = forms.IntegerField(
        min_value=1, widget=forms.HiddenInput, error_messages=OUT_OF_DATE
    )
    note = forms.CharField(
        label=_("Note for readers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        error_messages={
            "required": _(
                "Write a note for readers: it is required to mark a claim "
                "disputed or contextualized."
            )
        },
        help_text=_(
            "What was checked, or why the claim is disputed or needs context. "
            "Required to dispute or add context."
        ),
    )
    disputed_by = forms.CharField(
        label=_("Disputed by"),
        required=False,
        max_length=300,
        error_messages={"required": _("Say who disputes the claim.")},
        help_text=_("Required to dispute."),
    )

    def __init__(self, *args: Any, status: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_status = status
        if status is None:
            return
        del self.fields["action"], self.fields["version"]
        if status not in Claim.NOTE_REQUIRED:
            del self.fields["note"], self.fields["disputed_by"]
            return
        self.fields["note"].required = True
        self.fields["note"].help_text = _("Shown to readers beside the claim.")
        if status != Claim.Status.DISPUTED:
            del self.fields["disputed_by"]
        else:
            self.fields["disputed_by"].required = True
            self.fields["disputed_by"].help_text = _(
                "Who disputes the claim, e.g. “Ukraine's foreign ministry”."
            )

    @property
    def status(self) -> str:
        """The status the review sets (after is_valid)."""
        return self.fixed_status or ACTIONS[self.cleaned_data["action"]]


@dataclass(frozen=True)
class Refused:
    """Why the service refused a change to a claim: the fields it names, or
    ``stale``, the claim as it now stands when the page was out of date."""

    errors: dict[str, list[str]]
    stale: Claim | None = None

    @property
    def status_code(self) -> int:
        return 409 if self.stale is not None else 400

    def words(self) -> str:
        """Every reason, as one sentence or more."""
        return " ".join(
            message for messages in self.errors.values() for message in messages
        )

    def add_to(self, form: forms.Form) -> None:
        """Show each reason on its field, or above the form."""
        for field, errors in self.errors.items():
            form.add_error(field if field in form.fields else None, errors)


def attempt(change: Callable[[], Claim]) -> Claim | Refused:
    """The claim as ``change`` left it, or why the service refused it."""
    try:
        return change()
    except StaleReview as error:
        return Refused({NON_FIELD_ERRORS: [str(error)]}, stale=error.claim)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            return Refused(error.message_dict)
        return Refused({NON_FIELD_ERRORS: error.messages})


def review(
    claim: Claim, form: ReviewForm, *, actor: Any, version: int
) -> Claim | Refused:
    """Review one claim with what ``form`` validated, at the version the page showed."""
    data = form.cleaned_data
    return attempt(
        lambda: review_claim(
            claim.pk,
            status=form.status,
            note=data.get("note", ""),
            disputed_by=data.get("disputed_by", ""),
            actor=actor,
            expected_version=version,
        )
    )
