"""Forms of the review workspace: a re-attachment, and a suggestion accepted
from its card (a claim card's review is ``desk.admin.reviewing.ReviewForm``)."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.admin.forms import OUT_OF_DATE


class ReattachForm(forms.Form):
    """The passage an orphaned or moved claim now points at, selected in the body."""

    version = forms.IntegerField(
        min_value=1, widget=forms.HiddenInput, error_messages=OUT_OF_DATE
    )
    quote = forms.CharField(
        max_length=5000,
        widget=forms.HiddenInput,
        error_messages={"required": _("Select the claim's new text in the article.")},
    )
    occurrence = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SuggestionAcceptForm(forms.Form):
    """A suggestion accepted from its card, with its agency and speaker as
    detection read them unless the reporter changes them."""

    agency = forms.TypedChoiceField(
        label=_("Attributed to"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Needed when the source is not an agency the newsroom knows."),
    )
    new_agency_name = forms.CharField(
        label=_("or a new agency"),
        max_length=200,
        required=False,
        help_text=_("Added unlabelled, until an editor labels it."),
    )
    speaker = forms.CharField(label=_("Speaker"), max_length=300, required=False)

    def __init__(
        self, *args: Any, agencies: Sequence[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.TypedChoiceField", self.fields["agency"])
        field.choices = [("", _("— choose an agency")), *agencies]
