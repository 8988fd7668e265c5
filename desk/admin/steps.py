"""The review actions' table and what admin actions' requests post.

Each row names a review action, the status it sets and the words editors
read; ``posted_actions`` and ``posted_versions`` read which actions a request
asks for and at which version of each claim the page showed, and
``GuardedActions`` refuses a posted action the user may not take.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.contrib import admin
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, ClaimStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str

BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]
FORM_ACTION_FIELD = f"{ActionLocation.CHANGE_FORM.value}-action"


@dataclass(frozen=True)
class ReviewAction:
    """One review action: its name, the status it sets, and what editors read."""

    name: str
    status: ClaimStatus
    description: StrOrPromise
    description_plural: StrOrPromise
    submit_label: StrOrPromise = ""


@dataclass(frozen=True)
class NotePage:
    """The words of a page that asks for a note before an action: its title,
    its breadcrumb, its button, and the action it posts."""

    title: StrOrPromise
    step: StrOrPromise
    submit_label: StrOrPromise
    action_name: str


REVIEW_ACTIONS = (
    ReviewAction(
        "verify", Claim.Status.VERIFIED, _("Verify"), _("Verify selected claims")
    ),
    ReviewAction(
        "dispute",
        Claim.Status.DISPUTED,
        _("Dispute…"),
        _("Dispute selected claims…"),
        submit_label=_("Dispute"),
    ),
    ReviewAction(
        "contextualize",
        Claim.Status.CONTEXTUALIZED,
        _("Contextualize…"),
        _("Contextualize selected claims…"),
        submit_label=_("Add context"),
    ),
    ReviewAction(
        "reopen", Claim.Status.UNREVIEWED, _("Reopen"), _("Reopen selected claims")
    ),
)
REVIEW_ACTION_NAMES = {action.name for action in REVIEW_ACTIONS} | {"withdraw"}


def posted_actions(request: HttpRequest) -> set[str]:
    """Names of the admin actions a request posts, from the change list or a change form."""
    if request.method != "POST":
        return set()
    names = request.POST.getlist("action") + request.POST.getlist(FORM_ACTION_FIELD)
    return {name for name in names if name}


def posted_versions(request: HttpRequest, claims: Iterable[Claim]) -> dict[int, int]:
    """The version each claim had on the page the action came from.

    The change list posts ``version_<pk>``, a claim's change form its
    ``expected_version``. A claim without a valid one (selected across
    pages, or a tampered value) is left out, never taken at the version
    read now: the check fails closed, and ``review`` says so.
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


_M = TypeVar("_M", bound=Model)


class GuardedActions(admin.ModelAdmin[_M]):
    """Refuses up front, from the list or a change form, a posted action of
    ``guarded_actions`` when the user lacks ``guard_permission``."""

    guarded_actions: ClassVar[set[str]] = set()
    guard_permission: ClassVar[str] = ""
    guard_words: ClassVar[str] = ""

    def refuse_unpermitted(self, request: HttpRequest) -> None:
        if posted_actions(request) & self.guarded_actions and not (
            request.user.has_perm(self.guard_permission)
        ):
            raise PermissionDenied(self.guard_words)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self.refuse_unpermitted(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self.refuse_unpermitted(request)
        return super().changeform_view(request, object_id, form_url, extra_context)
