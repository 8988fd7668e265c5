"""Admin for known people: the speakers detection ties to an agency.

Reporters and editors add and change them; Django's admin history (the
"History" page of each person) records who changed what and when.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims.models import Person
from claims.people import PERSON_FIELDS, change_person, create_person
from desk.admin.deleting import RetiresOnDelete
from desk.admin.forms import LinesField


class PersonForm(forms.ModelForm[Person]):
    """A person, with the other ways stories name them one per line."""

    aliases = LinesField(
        label=_("aliases"),
        required=False,
        help_text=_("One per line: “Peskov”, “Dmitri Peskov”."),
    )

    class Meta:
        model = Person
        fields = ["name", "slug", "aliases", "role", "agency"]


class PersonAdmin(RetiresOnDelete, admin.ModelAdmin[Person]):
    """People: name, aliases, role and the agency they speak for."""

    form = PersonForm
    list_display = ["name", "role", "agency", "alias_list"]
    list_filter = ["agency"]
    search_fields = ["name", "slug", "aliases", "role", "agency__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["agency"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return super().get_queryset(request).select_related("agency")

    @admin.display(description=_("aliases"))
    def alias_list(self, person: Person) -> str:
        return ", ".join(person.aliases or [])

    def save_model(
        self, request: HttpRequest, obj: Person, form: Any, change: bool
    ) -> None:
        """Save through the services, which retire the pages naming the person."""
        fields = {
            name: form.cleaned_data[name]
            for name in PERSON_FIELDS
            if name in form.cleaned_data
        }
        if change:
            change_person(obj.pk, actor=request.user, **fields)
        else:
            person = create_person(actor=request.user, **fields)
            obj.pk, obj._state.adding = person.pk, False
