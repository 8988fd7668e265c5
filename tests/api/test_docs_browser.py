"""The interactive API docs work in a browser under the site's CSP, offline."""

from typing import Any

import pytest


@pytest.mark.browser
def test_docs_list_every_endpoint(live_server: Any, page: Any) -> None:
    """Swagger UI renders the operations with no script or style refused and no outside request."""
    refused: list[str] = []
    outside: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_server.url)
            and not request.url.startswith("data:")
            else None
        ),
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/claims/{id}/review/" in path for path in paths)
    assert any("/api/articles/{slug}/annotations/" in path for path in paths)
    assert refused == []
    assert outside == []
