"""Detection fixtures: the real spaCy model, loaded once."""

import pytest

from detection import load_model


@pytest.fixture(scope="session")
def spacy_model() -> None:
    """Load the model before a test that detects (``load_model`` keeps it)."""
    load_model()
