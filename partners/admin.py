"""The desk's screen for partner keys: editors make them (the key is shown
once) and revoke them."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerKey
from partners.services import issue_key, revoke_key


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin[PartnerKey]):
    list_display = [
        "organisation",
        "prefix",
        "rate",
        "created_at",
        "created_by",
        "revoked_at",
        "revoked_by",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation", "contact", "prefix"]
    actions = ["revoke"]
    fields = ["organisation", "contact", "rate"]
    readonly_fields = ["prefix", "created_at", "created_by", "revoked_at", "revoked_by"]

    def get_fields(self, request: HttpRequest, obj: PartnerKey | None = None) -> Any:
        if obj is None:
            return self.fields
        return [*self.fields, *self.readonly_fields]

    def get_readonly_fields(
        self, request: HttpRequest, obj: PartnerKey | None = None
    ) -> Any:
        # A key's terms are set when it is made; to change them, make another.
        if obj is None:
            return []
        return [*self.fields, *self.readonly_fields]

    def has_delete_permission(
        self, request: HttpRequest, obj: PartnerKey | None = None
    ) -> bool:
        # Revoked keys stay on record: who made and revoked them, and when.
        return False

    def save_model(
        self, request: HttpRequest, obj: PartnerKey, form: Any, change: bool
    ) -> None:
        if change:
            return
        key, secret = issue_key(
            organisation=obj.organisation,
            contact=obj.contact,
            rate=obj.rate,
            actor=request.user,
        )
        obj.pk = key.pk
        messages.warning(
            request,
            _(
                "The key for %(organisation)s is %(secret)s. Copy it now and send "
                "it to the partner: it is not kept and will not be shown again. "
                "They read the API with the header “Authorization: Partner <key>”."
            )
            % {"organisation": key.organisation, "secret": secret},
        )

    @admin.action(description=_("Revoke the selected keys"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[PartnerKey]) -> None:
        revoked = 0
        for key in queryset:
            try:
                revoke_key(key.pk, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, f"{key}: {' '.join(error.args[:1])}")
            else:
                revoked += 1
        if revoked:
            messages.success(
                request,
                _("%(count)d key(s) revoked: they are refused from now on.")
                % {"count": revoked},
            )
