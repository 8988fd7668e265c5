"""The browser the tests share is started again if it exits mid-run."""

import pytest

from tests.browser.conftest import Chromium

pytestmark = [pytest.mark.browser]


def test_a_browser_that_has_exited_is_started_again(chromium: Chromium) -> None:
    chromium.running().close()

    with pytest.warns(UserWarning, match="started it again"):
        browser = chromium.running()

    page = browser.new_page()
    page.set_content("<p>ready</p>")
    assert page.text_content("p") == "ready"
    page.close()
