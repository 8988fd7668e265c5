"""The parts of an attribution: a frame (a cue with its parties and the
side it governs) and each party in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detection.records import AgencyRef

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class Party:
    """Someone in an attribution: the speaker, or an outlet that carried it."""

    tokens: list[Token]
    cue: str
    agency: AgencyRef | None = None
    name: str = ""
    how: str = ""  # "alias", "person", "role", "coref", "pronoun", "unknown", ""
    role: str = "speaker"  # or "channel" (carried it), "source" (cited)
    # whose document or data it is ("a poll by Maskína"): an organisation
    publisher: bool = False


@dataclass
class Frame:
    start: int  # token indices, inclusive, within the doc
    end: int
    verb: Token
    parties: list[Party] = field(default_factory=list)  # innermost first
    left: bool = False  # governs the text before it (", X said.")
    right: bool = False  # governs the text after it ("X said that ...")
    whole: bool = False  # the whole sentence is the claim
    back: bool = False  # the previous sentence is the claim
