"""Addresses of readers' pages by slug or number, reversed once a drawing.

``reverse`` costs tens of microseconds a call, and a list of results or of
agency cards links every item it shows: ``Addresses`` reverses a page's
address once, with a stand-in where the item's slug or number goes, and
puts each item's in its place. A value the URL's converter would refuse
goes through ``reverse`` itself, which refuses it as before. ``addresses``
keeps them, per script prefix and URLconf, for every drawing after.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Digits: what both the slug and the int path converters take.
_STAND_IN = "7340000000"


class Addresses:
    """The addresses of the page ``name`` for values of its one argument
    ``kwarg``, which its converter takes when they match ``takes``."""

    def __init__(self, name: str, kwarg: str, takes: str) -> None:
        self.name, self.kwarg = name, kwarg
        self.takes = re.compile(takes)
        address = reverse(name, kwargs={kwarg: _STAND_IN})
        self.before, _, self.after = address.partition(_STAND_IN)

    def __call__(self, value: object) -> str:
        text = str(value)
        if self.takes.fullmatch(text):
            return f"{self.before}{text}{self.after}"
        return reverse(self.name, kwargs={self.kwarg: value})


# What the ``slug`` and ``int`` path converters take.
SLUG = r"[-a-zA-Z0-9_]+"
NUMBER = r"[0-9]+"


@functools.lru_cache(maxsize=64)
def _kept(
    name: str, kwarg: str, takes: str, _prefix: str, _urlconf: object, _root: str
) -> Addresses:
    return Addresses(name, kwarg, takes)


def addresses(name: str, kwarg: str, takes: str) -> Addresses:
    """``Addresses(name, kwarg, takes)``, reversed once for the script
    prefix and URLconf of the moment."""
    return _kept(
        name, kwarg, takes, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF
    )
