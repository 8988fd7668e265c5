"""What each cached output depends on, declared once, and retirement derived from it.

An app declares its cached outputs as data (``declare``): an ``Output`` is
the set of answers about one object (an article's page, API detail and
annotations), named ``<name>:<key>``, with the relations it reads from that
object as ORM paths; an ``Everywhere`` output (the lists, the feeds) reads
whole models. A service that changes rows calls ``retire`` with them, in its
own transaction: the scopes of every output that reads one of them are
found by following the declared paths backwards with the ORM, and their
versions replaced (``newsroom.caching.bump``). A change that moves a row
(a new agency, a new address) takes ``affected`` before it, so the outputs
it leaves are retired too.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q

from newsroom import caching


@dataclass(frozen=True)
class Output:
    """Cached answers about one ``model`` object, named ``<name>:<its key>``.

    ``reads`` are the ORM paths from that object to every row the answers
    show, ``""`` for the object itself (``"claims__person__agency"``: the
    agencies of the people its claims quote).
    """

    name: str
    model: type[models.Model]
    key: str
    reads: tuple[str, ...]

    def scope(self, key: object) -> str:
        return f"{self.name}:{key}"


@dataclass(frozen=True)
class Everywhere:
    """Cached answers that read every row of ``reads`` (lists, feeds)."""

    name: str
    reads: tuple[type[models.Model], ...]


_declared: list[Output | Everywhere] = []


def declare(*outputs: Output | Everywhere) -> None:
    """Register outputs (from an app's ``ready``); the last declaration of a name wins."""
    names = {output.name for output in outputs}
    _declared[:] = [output for output in _declared if output.name not in names]
    _declared.extend(outputs)
    _paths_to.cache_clear()


def declared() -> list[Output | Everywhere]:
    return list(_declared)


def target(model: type[models.Model], path: str) -> type[models.Model]:
    """The model a path from ``model`` ends at."""
    for name in filter(None, path.split("__")):
        related = model._meta.get_field(name).related_model
        if related is None or isinstance(related, str):
            raise ValueError(f"{model.__name__}.{name} is no relation")
        model = related
    return model


@cache
def _paths_to(model: type[models.Model]) -> tuple[tuple[Output, tuple[str, ...]], ...]:
    """Each declared output reading ``model``, with the paths that reach it."""
    found = []
    for output in _declared:
        if isinstance(output, Output):
            paths = tuple(p for p in output.reads if target(output.model, p) is model)
            if paths:
                found.append((output, paths))
    return tuple(found)


def affected(objects: Iterable[models.Model]) -> set[str]:
    """The scopes of every declared output that shows one of ``objects`` now:
    one query per output and model, however many objects."""
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        by_model.setdefault(obj._meta.concrete_model or type(obj), []).append(obj)
    scopes: set[str] = set()
    for model, rows in by_model.items():
        for output in _declared:
            if isinstance(output, Everywhere) and model in output.reads:
                scopes.add(output.name)
        pks = [row.pk for row in rows]
        for output, paths in _paths_to(model):
            if "" in paths:
                scopes.update(output.scope(getattr(row, output.key)) for row in rows)
            reached = Q()
            for path in paths:
                if path:
                    reached |= Q(**{f"{path}__in": pks})
            if reached:
                keys = (
                    output.model._base_manager.using(DEFAULT_DB_ALIAS)
                    .filter(reached)
                    .values_list(output.key, flat=True)
                    .distinct()
                    .order_by()
                )
                scopes.update(output.scope(key) for key in keys)
    return scopes


class _Pending:
    """What the running service retires: rows and scopes, bumped as it ends."""

    def __init__(self) -> None:
        self.objects: list[models.Model] = []
        self.scopes: set[str] = set()


_pending: ContextVar[_Pending | None] = ContextVar("retiring", default=None)


@contextmanager
def retiring() -> Iterator[None]:
    """Collect what a service retires and bump it once, last, inside its
    transaction: the rows it changed are looked up together (a group review
    of a hundred members costs the queries of one), and the versions are
    replaced in one statement in a fixed order, so two services never wait
    on each other's versions. Nested calls join the outermost."""
    if _pending.get() is not None:
        yield
        return
    pending = _Pending()
    token = _pending.set(pending)
    try:
        yield
        caching.bump(affected(pending.objects) | pending.scopes)
    finally:
        _pending.reset(token)


def retire(*objects: models.Model, also: Iterable[str] = ()) -> None:
    """Retire every cached output showing one of ``objects`` as they stand
    when the change ends (and the scopes ``also`` names), in the current
    transaction. Inside a service, they are bumped as it ends."""
    pending = _pending.get()
    if pending is None:
        caching.bump(affected(objects) | set(also))
    else:
        pending.objects.extend(objects)
        pending.scopes.update(also)
