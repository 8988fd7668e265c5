"""Forms of the review workspace: a claim card's review, and a re-attachment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.workspace import ACTIONS


class CardReviewForm(forms.Form):
    """One review from a claim card: the action, the reader note, who disputes it."""

    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS])
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note for readers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What was checked, or why the claim is disputed or needs context. "
            "Required to dispute or add context."
        ),
    )
    disputed_by = forms.CharField(
        label=_("Disputed by"),
        required=False,
        max_length=300,
        help_text=_("Required to dispute."),
    )


class ReattachForm(forms.Form):
    """The passage an orphaned or moved claim now points at, selected in the body."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quote = forms.CharField(
        max_length=5000,
        widget=forms.HiddenInput,
        error_messages={"required": _("Select the claim's new text in the article.")},
    )
    occurrence = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
