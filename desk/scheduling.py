"""When the desk publishes: now, or at a time ahead in the newsroom's time
zone. The hand-over panel and the articles list's publish action both ask
with ``PublishTimeForm`` and pass its time to ``publish_article``, as the API
passes its ``at``."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The browser's date-time picker sends and shows this form.
LOCAL_INPUT = "%Y-%m-%dT%H:%M"
INPUT_FORMATS = [LOCAL_INPUT, f"{LOCAL_INPUT}:%S", "%Y-%m-%d %H:%M"]


def zone_name() -> str:
    """The newsroom's time zone, as the desk names it beside a time."""
    return timezone.get_current_timezone_name()


def when_text(moment: datetime) -> str:
    """A time as the desk writes it, with its zone: 7 Dec 2026, 09:00 (UTC)."""
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone_name()})"


class LocalTimeInput(forms.DateTimeInput):
    """The browser's date-time picker, in the newsroom's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=LOCAL_INPUT)


def future_time(moment: datetime | None, field: str, what: "StrOrPromise") -> None:
    """Refuse a time that has passed, naming it and the field."""
    if moment is not None and moment <= timezone.now():
        raise ValidationError(
            {
                field: _("%(when)s has passed: %(what)s must be a time ahead, or now.")
                % {"when": when_text(moment), "what": what}
            }
        )


class PublishTimeForm(forms.Form):
    """Publish now, or hold the story under embargo until a time ahead."""

    when = forms.ChoiceField(
        label=_("Publish"),
        choices=[("now", _("Now")), ("at", _("At a time"))],
        initial="now",
        required=False,
        widget=forms.RadioSelect,
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=LocalTimeInput(),
        input_formats=INPUT_FORMATS,
        error_messages={
            "invalid": _("Give the date and time to publish at as day and time.")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].help_text = _(
            "In the newsroom's time zone, %(zone)s. Until then nothing of the "
            "story is public; at that time it appears by itself."
        ) % {"zone": zone_name()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("when") != "at":
            cleaned["publish_at"] = None
            return cleaned
        if cleaned.get("publish_at") is None:
            if "publish_at" not in self.errors:
                self.add_error(
                    "publish_at",
                    _("Give the date and time to publish at, or choose Now."),
                )
            return cleaned
        try:
            future_time(cleaned["publish_at"], "publish_at", _("a publication time"))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    @property
    def zone(self) -> str:
        """The newsroom's time zone, named beside the time."""
        return zone_name()

    @property
    def schedule(self) -> datetime | None:
        """The time chosen ahead, or None to publish now (after is_valid)."""
        return self.cleaned_data.get("publish_at")


def posted_schedule(data: QueryDict) -> datetime | None:
    """The time a hand-over's publish step asks for; ValidationError naming
    the problem when it cannot be used."""
    form = PublishTimeForm(data)
    if not form.is_valid():
        raise ValidationError(
            [message for errors in form.errors.values() for message in errors]
        )
    return form.schedule
