"""The guard that keeps protected fields in the hands of the services.

A service runs inside ``service_write()``; a model ``save()`` or queryset
``update()`` that changes a protected field anywhere else raises
``ProtectedWrite``, so no code path can change a status, a text or an
attribution without the history the service writes beside it.

Written here rather than taken from a library: django-fsm and
django-lifecycle guard transitions of one field, not "only inside this
call"; a context variable costs one lookup per save.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, wraps
from typing import Any, ClassVar, TypeVar

from django.db import models, transaction

_inside = ContextVar("service_write", default=False)

F = TypeVar("F", bound=Callable[..., Any])


@cache
def _attnames(model: type[models.Model]) -> dict[str, str]:
    """Field name to column attribute ("agency" to "agency_id"), once per model."""
    return {
        name: model._meta.get_field(name).attname  # type: ignore[union-attr]
        for name in getattr(model, "PROTECTED_FIELDS", ())
    }


class ProtectedWrite(Exception):
    """A protected field was about to change outside a service."""


class StaleVersion(Exception):
    """The object changed since the caller read it; nothing was written.

    ``current`` is the object as it stands now, so a client can be shown it.
    """

    def __init__(self, current: models.Model, message: str) -> None:
        self.current = current
        super().__init__(message)


@contextmanager
def service_write() -> Iterator[None]:
    """Let the code inside change protected fields (services only)."""
    token = _inside.set(True)
    try:
        yield
    finally:
        _inside.reset(token)


def service[F: Callable[..., Any]](function: F) -> F:
    """A service: one transaction, allowed to write protected fields, which
    retires the cached answers it changes (``newsroom.dependencies.retire``)."""

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        # What the service retires is bumped in its transaction, as it ends.
        from newsroom.dependencies import retiring  # noqa: PLC0415 - loads models

        with service_write(), transaction.atomic(), retiring():
            return function(*args, **kwargs)

    return run  # type: ignore[return-value]


def _refuse(model: type[models.Model], fields: Iterable[str]) -> None:
    names = ", ".join(sorted(fields))
    raise ProtectedWrite(
        f"{model.__name__}.{names} change only through their service "
        f"(see claims.services and articles.services)."
    )


class ProtectedQuerySet[M: models.Model](models.QuerySet[M]):
    """A queryset whose ``update()`` refuses protected fields outside a service."""

    def update(self, **kwargs: Any) -> int:
        protected = set(getattr(self.model, "PROTECTED_FIELDS", ()))
        protected |= {f"{name}_id" for name in protected}
        touched = set(kwargs) & protected
        if touched and not _inside.get():
            _refuse(self.model, touched)
        return super().update(**kwargs)


class ProtectedFields(models.Model):
    """Mixin: remember protected values as loaded; refuse a save that changes them
    outside a service. Creating a row is not a change."""

    PROTECTED_FIELDS: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_protected(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        self._remember_protected()

    @classmethod
    def _protected_attnames(cls) -> dict[str, str]:
        return _attnames(cls)

    def _remember_protected(self) -> None:
        self._protected_loaded = {
            attname: getattr(self, attname)
            for attname in self._protected_attnames().values()
            if attname in self.__dict__
        }

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> Any:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._remember_protected()
        return instance

    def check_protected(self, update_fields: Iterable[str] | None) -> None:
        """Raise ProtectedWrite if this save would change a protected field."""
        if self._state.adding or _inside.get():
            return
        loaded: dict[str, Any] = getattr(self, "_protected_loaded", {})
        attnames = self._protected_attnames()
        names = set(attnames)
        if update_fields is not None:
            sent = set(update_fields)
            names = {n for n in names if n in sent or attnames[n] in sent}
        changed = {
            name
            for name in names
            if attnames[name] in loaded
            and loaded[attnames[name]] != getattr(self, attnames[name])
        }
        if update_fields is not None:
            # Writing a field that was never loaded overwrites it blind.
            changed |= {n for n in names if attnames[n] not in loaded}
        if changed:
            _refuse(type(self), changed)
