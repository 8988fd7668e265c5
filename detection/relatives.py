"""Relative cues: "..., the main opposition party, which said its own
analysis had found ...", "the minister, who told reporters that ...". A
speech verb in a relative clause whose subject is "which" or "who" and that
governs a clause of its own is a cue; its speaker is the antecedent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detection.cues import SAY_VERBS
from detection.gates import has_modal, is_negated
from detection.parties import Frame, Party

if TYPE_CHECKING:
    from spacy.tokens import Token

RELATIVE_PRONOUNS = frozenset(("which", "who"))


def relative_frame(verb: Token, regions: Sequence[tuple[int, int]]) -> Frame | None:  # noqa: PLR0911 - one refusal a line
    """The frame of a speech verb in a relative clause, if it is one."""
    if (
        verb.dep_ != "relcl"
        or verb.lemma_.lower() not in SAY_VERBS
        or is_negated(verb)
        or has_modal(verb)
        or any(a <= verb.idx < b for a, b in regions)
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    clauses = [
        c.left_edge.i for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
    ]
    if subject is not None and _set_after_a_comma(verb, subject):
        return _said_of_the_aside(verb, subject)
    if subject is None or not clauses:
        return None
    if subject.lower_ not in RELATIVE_PRONOUNS:
        # "the islands, where the rescue service X says ...": a subject of
        # its own after "where" or "when".
        if not any(c.lower_ in ("where", "when") for c in verb.children):
            return None
        frame = Frame(subject.left_edge.i, min(clauses) - 1, verb, right=True)
        frame.parties = [Party(list(subject.subtree), verb.text)]
        return frame
    pronoun = subject
    # "the Alliance, the main opposition party, which said": the name.
    head = verb.head
    antecedent = head.head if head.dep_ == "appos" else head
    inside = {t.i for t in verb.subtree}
    speaker = [t for t in antecedent.subtree if t.i not in inside and not t.is_punct]
    if not speaker:
        return None
    frame = Frame(pronoun.i, min(clauses) - 1, verb, right=True)
    frame.parties = [Party(speaker, verb.text)]
    return frame


def _set_after_a_comma(verb: Token, subject: Token) -> bool:
    """ "..., a move he said would save 90 million euros", "..., a step it
    said went beyond the law": a cue with a subject of its own in a clause
    with no relative pronoun, on a noun set after a comma."""
    head = verb.head
    start = head.left_edge.i
    return (
        subject.pos_ in ("PRON", "PROPN")
        and subject.lower_ not in RELATIVE_PRONOUNS | {"that"}
        and head.pos_ == "NOUN"
        and head.i < subject.i
        and start > verb.sent.start
        and verb.doc[start - 1].text == ","
        and not any(c.dep_ == "dobj" for c in verb.children)
        and verb.i + 2 < verb.sent.end
        # what is said of it follows: a clause of the cue's ("would save"),
        # or the verb the noun is the subject of ("went beyond"); not "the
        # number it promised last year", whose noun is what was said
        and (
            any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
            or (head.dep_ == "nsubj" and head.head.i > verb.i)
        )
    )


def _said_of_the_aside(verb: Token, subject: Token) -> Frame:
    """The frame of such a cue: the noun and the cue; what follows is what
    the speaker said of it."""
    frame = Frame(verb.head.left_edge.i, verb.i, verb, right=True)
    frame.parties = [Party(list(subject.subtree), verb.text)]
    return frame
