"""The admin site the desk runs in: Django's, refusing malformed object ids."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver

View = Callable[..., HttpResponse]

# Apps registered by libraries the desk runs on, left out of its lists.
MACHINERY_APPS = frozenset({"authtoken", "axes", "django_tasks_database"})


def _key_field(model: type[models.Model]) -> Any:
    """The field an admin address's id is read as."""
    # DRF's token admin addresses a token by its user's id, not by the key.
    if model._meta.label == "authtoken.TokenProxy":
        return get_user_model()._meta.pk
    return model._meta.pk


def _checked(view: View, model: type[models.Model]) -> View:
    """``view`` behind a check that its ``object_id`` can be the model's key."""
    key = _key_field(model)

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        object_id = kwargs.get("object_id")
        if object_id is not None:
            try:
                key.to_python(unquote(object_id))
            except ValidationError:
                raise Http404("No such object.") from None
        return view(request, *args, **kwargs)

    return checked


def _guard(
    patterns: Iterable[URLPattern | URLResolver], model: type[models.Model]
) -> None:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _guard(entry.url_patterns, model)
        elif "object_id" in str(entry.pattern):
            entry.callback = _checked(entry.callback, model)


class DeskAdminSite(admin.AdminSite):
    """Django's admin site, where a malformed id in an address is a 404.

    Django looks such an id up, and its own views redirect to the index while
    the desk's added views failed on it; an id that cannot be a key is no
    object at all.
    """

    def get_app_list(
        self, request: HttpRequest, app_label: str | None = None
    ) -> list[dict[str, Any]]:
        """The apps the desk's index and sidebar list: not the machinery's.

        Tokens, login attempts and the task queue's rows are kept by their
        libraries; their screens stay at their addresses for a superuser who
        needs one (and their app's own index), but are no part of a shift's work.
        """
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        return [app for app in apps if app["app_label"] not in MACHINERY_APPS]

    def get_urls(self) -> list[URLResolver | URLPattern]:
        """The site's addresses, every object address guarded."""
        urls = super().get_urls()
        prefixes = {
            f"{model._meta.app_label}/{model._meta.model_name}/": model
            for model in self._registry
        }
        for entry in urls:
            model = prefixes.get(str(entry.pattern))
            if model is not None and isinstance(entry, URLResolver):
                _guard(entry.url_patterns, model)
        return urls
