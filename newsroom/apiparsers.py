"""The API's request parser: JSON, parsed safely.

Its own module: DRF imports the parser classes from settings while its
views load, so this must not import DRF's views.
"""

from collections.abc import Mapping
from typing import Any

from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing a body nested too deep to parse as a 400."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(
                "JSON parse error - the body is nested too deeply."
            ) from error
