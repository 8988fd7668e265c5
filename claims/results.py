"""Pages of search results, counted only when they are full, and a select box
drawn without a template per option."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.forms.utils import flatatt
from django.http import Http404
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

# Results of each kind on the page that shows all three kinds.
PREVIEW = 5
# Results on a page of one kind.
PAGE_SIZE = 20


def counted(
    rows: Callable[[int, int], list[Any]],
    count: Callable[[], int],
    start: int,
    stop: int,
) -> tuple[list[Any], int]:
    """The rows ``start:stop`` of some results and how many there are.

    A page with room to spare says how many there are: then one query. Only
    a full page, or one past the last, asks for the count. (A count carried
    in the same query, as a subquery or a window, cost as much to build as
    a query of its own, on every page.) Annotations that only the rows shown
    need (highlights) are computed for those rows: the database evaluates
    them after the sort and the limit.
    """
    found = rows(start, stop)
    if (found and len(found) < stop - start) or not (found or start):
        return found, start + len(found)
    return found, count()


class _Counted(Paginator[Any]):
    """A paginator told its count rather than asking for it."""

    def __init__(self, total: int) -> None:
        super().__init__([], PAGE_SIZE)
        self.__dict__["count"] = total


def page_of(
    rows: Callable[[int, int], list[Any]], count: Callable[[], int], number: str | None
) -> Page[Any]:
    """Page ``number`` (from 1) of the results (``rows`` and ``count`` as for
    ``counted``), 404 for a page that is not there."""
    try:
        wanted = int(number or 1)
    except ValueError:
        raise Http404("That page number is not an integer") from None
    if wanted < 1:
        raise Http404("That page number is less than 1")
    start = (wanted - 1) * PAGE_SIZE
    found, total = counted(rows, count, start, start + PAGE_SIZE)
    if not found and wanted > 1:
        raise Http404("That page contains no results")
    return Page(found, wanted, _Counted(total))


class QuickSelect(forms.Select):
    """A ``<select>`` rendered in Python: the form's template renderer costs a
    template per option, which was most of a search page's rendering."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        chosen = "" if value is None else str(value)
        # Each key and label escaped once, as format_html escapes them: the options
        # are most of a search page's form.
        options = "".join(
            f'<option value="{conditional_escape(key)}"'
            f"{' selected' if str(key) == chosen else ''}>{conditional_escape(str(label))}</option>"
            for key, label in self.choices
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return SafeString(f"<select{flatatt(final)}>{options}</select>")
