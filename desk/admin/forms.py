"""Forms of the editors' admin: withdrawal notes, claim editing with a version check,
lists edited a line each, and articles with the kind and note of a change."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.change_notes import check_change, check_schedule
from articles.locking import StaleArticle, lock_article
from articles.models import Article, ArticleRevision
from articles.pending_edits import check_pending
from articles.services import EDITABLE_FIELDS
from claims.models import Agency, Claim
from claims.services import StaleReview, check_version, place_quote
from desk.scheduling import INPUT_FORMATS, LocalTimeInput

# A hidden field's error names the field; these say what the editor can do.
OUT_OF_DATE = {
    code: _("This page is out of date: reload it, then make the change again.")
    for code in ("required", "invalid", "min_value")
}


class WithdrawForm(forms.Form):
    """The intermediate form of the withdraw action: why the claim goes."""

    note = forms.CharField(
        label=_("Why it is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        error_messages={"required": _("Say why the claim is withdrawn.")},
        help_text=_(
            "Kept in the claim's history. Readers no longer see the claim; "
            "nothing is deleted."
        ),
    )


class ClaimChangeForm(forms.ModelForm[Claim]):
    """A claim's editable details; refused when the claim changed since the page was opened."""

    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, error_messages=OUT_OF_DATE
    )
    reattach_quote = forms.CharField(
        label=_("Re-attach to"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_(
            "The passage of the current text this claim refers to, copied exactly. "
            "Leave empty to keep the claim where it is."
        ),
    )
    reattach_occurrence = forms.IntegerField(
        label=_("Occurrence"),
        min_value=1,
        required=False,
        help_text=_("Which occurrence of that passage, when it occurs more than once."),
    )

    class Meta:
        model = Claim
        fields = [
            "agency",
            "speaker",
            "attribution_kind",
            "reporting_verb",
            "internal_note",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if "attribution_kind" in self.fields:
            self.fields["attribution_kind"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        expected = cleaned.get("expected_version")
        if self.instance.pk and expected is not None:
            # Locked until the admin's transaction ends, so the save below
            # cannot interleave with a review.
            try:
                check_version(self.instance.pk, expected)
            except StaleReview as error:
                raise ValidationError(str(error), code="stale") from error
        quote = cleaned.get("reattach_quote") or ""
        if self.instance.pk and quote.strip():
            try:
                place_quote(
                    self.instance.article.plain_text,
                    quote,
                    occurrence=cleaned.get("reattach_occurrence"),
                )
            except ValidationError as error:
                self.add_error("reattach_quote", error.message_dict["quote"])
        return cleaned


class ClaimAddForm(forms.ModelForm[Claim]):
    """A new claim from its quote; the admin saves it through ``create_claim``."""

    occurrence = forms.IntegerField(
        label=_("Occurrence"),
        min_value=1,
        required=False,
        help_text=_(
            "Which occurrence of the quote in the article's text (1 for the first); "
            "needed only when the quote occurs more than once."
        ),
    )

    class Meta:
        model = Claim
        fields = ["article", "agency", "speaker", "quote", "internal_note"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        article, quote = cleaned.get("article"), cleaned.get("quote")
        if article is not None and quote:
            try:
                place_quote(
                    article.plain_text, quote, occurrence=cleaned.get("occurrence")
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def _post_clean(self) -> None:
        # The selectors are computed by create_claim on save; skip model
        # validation of the half-built instance (start and end are unset).
        pass


SELECTION_FORM_ID = "claim-from-selection"


class ClaimFromSelectionForm(forms.Form):
    """A claim made by selecting a passage of an article's preview."""

    quote = forms.CharField(
        label=_("Selected text"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        error_messages={"required": _("Select a passage of the preview first.")},
    )
    occurrence = forms.IntegerField(
        label=_("Occurrence"), min_value=1, required=False, widget=forms.HiddenInput
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        error_messages={"required": _("Choose the agency the claim is attributed to.")},
    )
    speaker = forms.CharField(label=_("Speaker"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The fields sit inside the article's form on the page but belong to
        # the separate form that creates the claim.
        for field in self.fields.values():
            field.widget.attrs["form"] = SELECTION_FORM_ID


class LinesField(forms.CharField):
    """A list of strings edited one per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


CHANGE_KIND_CHOICES = [
    ("", _("— (not published)")),
    *((kind.value, kind.label) for kind in ArticleRevision.PUBLISHED_KINDS),
]


class ChangeFields(forms.Form):
    """The kind of a change to a published text, and its note for readers."""

    change_kind = forms.ChoiceField(
        label=_("Kind of change"),
        choices=CHANGE_KIND_CHOICES,
        required=False,
        help_text=_("Required to change a published article's text."),
    )
    change_note = forms.CharField(
        label=_("Note for readers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_(
            "What changed, shown at the end of the article; required unless minor."
        ),
    )


class ScheduledChangeFields(forms.Form):
    """When readers are told of a note alone: now, or at a time ahead."""

    change_at = forms.DateTimeField(
        label=_("Make the change at"),
        required=False,
        widget=LocalTimeInput(),
        input_formats=INPUT_FORMATS,
        help_text=format_lazy(
            _(
                "Leave empty to make the change at once. A time ahead, in the "
                "newsroom's time zone ({zone}), schedules a correction, update "
                "or clarification: its note, and its new text if you changed "
                "it, reach readers then; until then they see the text as it is."
            ),
            zone=settings.TIME_ZONE,
        ),
    )


class ArticleForm(forms.ModelForm[Article]):
    """An article's fields, and for a published one the kind and note of a change."""

    change_kind = ChangeFields.base_fields["change_kind"]
    change_note = ChangeFields.base_fields["change_note"]
    change_at = ScheduledChangeFields.base_fields["change_at"]
    # The version the page was opened at: a save from an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Article
        fields = [*EDITABLE_FIELDS, "slug"]
        labels = {"slug": _("Web address")}
        help_texts = {
            "slug": _("The last part of the story's address; filled from the headline.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk and cleaned.get("version"):
            # Locked until the save is over (the admin saves in one
            # transaction): nobody saves in between.
            try:
                lock_article(self.instance.pk, cleaned["version"])
            except StaleArticle as error:
                self.add_error(None, str(error))
                return cleaned
        if self.instance.pk:
            # The edit service's own rule, asked here so a refusal is shown on
            # the form with everything the editor typed still in it.
            try:
                check_pending(self.instance, self._changed_fields(cleaned))
                kind, _note = check_change(
                    self.instance,
                    self._changed_fields(cleaned),
                    cleaned.get("change_kind", ""),
                    cleaned.get("change_note", ""),
                )
                self._check_change_at(kind, cleaned)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def _check_change_at(self, kind: str, cleaned: dict[str, Any]) -> None:
        """A scheduled change is a note alone, at a time ahead: the edit
        service's rule (``check_schedule``), asked here to show it on the form."""
        check_schedule(kind, cleaned.get("change_at"), self._changed_fields(cleaned))

    def _changed_fields(self, cleaned: dict[str, Any]) -> set[str]:
        """The fields whose value differs from the article's, as the edit
        service compares them (a browser's line breaks are not a change)."""
        return {
            name
            for name in EDITABLE_FIELDS
            if name in cleaned and cleaned[name] != getattr(self.instance, name)
        }

    def clean_body(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; articles keep LF.
        return str(self.cleaned_data.get("body") or "").replace("\r\n", "\n")

    def clean_standfirst(self) -> str:
        return str(self.cleaned_data.get("standfirst") or "").replace("\r\n", "\n")
