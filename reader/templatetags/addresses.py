"""``{% address "articles:feed" %}``: the address of a page whose URL takes
no arguments, reversed once per URL configuration and script prefix.

Every page's header and footer link seven such pages (eleven links):
``{% url %}`` reverses each of them on every page built, a tenth of the
rendering of a page such as the agency index or a new search.
"""

import weakref
from typing import Any

from django import template
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

register = template.Library()

# By URL resolver (a new one after the URL configuration changes), then by
# script prefix and name.
_reversed: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], str]] = (
    weakref.WeakKeyDictionary()
)


@register.simple_tag
def address(name: str) -> str:
    """The address ``reverse(name)`` gives, escaped as ``{% url %}`` escapes it."""
    known = _reversed.setdefault(get_resolver(get_urlconf()), {})
    key = (get_script_prefix(), name)
    found = known.get(key)
    if found is None:
        found = known[key] = reverse(name)
    return found
