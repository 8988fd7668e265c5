"""Sources named beside what they give rather than as a speaker: "according
to X", "by the estimate of X" (``cues.ESTIMATE_NOUNS``), "X put the toll at
Y" and "The figures were put out by X" (``cues.DATA_NOUNS``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.cues import (
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    ESTIMATE_NOUNS,
    NORM_NOUNS,
    POSSESSIVES,
    SAY_VERBS,
)
from detection.parties import Frame, Party

if TYPE_CHECKING:
    from spacy.tokens import Token


def according_frame(verb: Token) -> Frame | None:
    """ "according to X": governs the text on either side."""
    sent = verb.sent
    to = next((c for c in verb.children if c.lower_ == "to"), None)
    if to is None and verb.i + 1 < sent.end and verb.doc[verb.i + 1].lower_ == "to":
        to = verb.doc[verb.i + 1]
    if to is None:
        return None
    # "according to X, which says Y": Y is X's too, a passage of its own
    # (``relatives``), no part of the name.
    said = {
        t.i
        for o in to.children
        for c in o.children
        if c.dep_ == "relcl" and c.lemma_.lower() in SAY_VERBS
        for t in c.subtree
    }
    tokens = [verb, *(t for t in to.subtree if t.i not in said)]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    # "handled according to the law": a norm followed, no source.
    if any(o.lemma_.lower() in NORM_NOUNS for o in objects):
        return None
    named = [t for o in objects for t in o.subtree if t.i not in said]
    if verb.dep_ == "ROOT":
        # "According to figures from Deutsche Bahn, more than 300 trains are
        # backed up": the parser, taking "according" for the sentence's
        # verb, hung the sentence on the name; it ends at the comma.
        comma = next((t.i for t in named if t.text == ","), None)
        if comma is not None and any(
            t.pos_ in ("VERB", "AUX") for t in named if t.i > comma
        ):
            named = [t for t in named if t.i < comma]
            tokens = [t for t in tokens if t.i < comma]
    party_tokens = named or tokens[2:]
    tokens += party_tokens
    presented = _presented_by(verb, objects)
    if presented is not None:
        # "according to figures the health ministry presented to a
        # committee": the ministry's, the clause no passage of its own.
        subject, clause = presented
        party_tokens = list(subject.subtree)
        tokens += clause
    frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.parties.append(Party(party_tokens, "according to"))
    # "X has mapped the fire, and according to its assessment, Y": Y only.
    joined = frame.start > sent.start and verb.doc[frame.start - 1].lower_ in (
        "and",
        "but",
    )
    frame.left = not joined
    # "Prices rose 14%, according to X, down from 50% in 2022": what
    # follows with no verb of its own qualifies what came before it.
    frame.right = not (frame.left and _words_before(frame) and _fragment_after(frame))
    return frame


def _presented_by(
    verb: Token, objects: list[Token]
) -> tuple[Token, list[Token]] | None:
    """A document "according to" names with a clause after it that the
    parser made the sentence's ("according to figures the health ministry
    presented to a committee": "presented" its root): the clause's subject,
    and the clause's words, or None."""
    head = verb.head
    if not objects or head.pos_ != "VERB" or head.i < verb.i:
        return None
    document = objects[-1]
    if document.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    after = document.right_edge.i + 1
    subject = next(
        (
            c
            for c in head.children
            if c.dep_ == "nsubj" and c.left_edge.i == after and c.i < head.i
        ),
        None,
    )
    if subject is None:
        return None
    return subject, list(verb.doc[after : head.right_edge.i + 1])


# Tags of a verb that makes a clause of its own (not "transferred between
# ships", a participle).
_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))


def _words_before(frame: Frame) -> bool:
    sent = frame.verb.sent
    return sum(not t.is_punct for t in frame.verb.doc[sent.start : frame.start]) > 1


def _fragment_after(frame: Frame) -> bool:
    sent = frame.verb.sent
    after = frame.verb.doc[frame.end + 1 : sent.end]
    return not any(t.tag_ in _FINITE for t in after)


def estimate_frame(noun: Token) -> Frame | None:
    """ "By the estimate of X", "in X's estimate", "by X's count": like
    "according to X", the source of the text on either side."""
    if noun.lemma_.lower() not in ESTIMATE_NOUNS or noun.dep_ != "pobj":
        return None
    preposition = noun.head
    if preposition.lower_ not in ("by", "in"):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ in POSSESSIVES:
        owner = None  # "by its estimate": whose is for resolution to say
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if owner is not None:
        party = [t for t in owner.subtree if t.dep_ != "case"]
    elif of is not None:
        party = [t for c in of.children if c.dep_ == "pobj" for t in c.subtree]
    else:
        return None
    if not party:
        return None
    tokens = list(preposition.subtree)
    frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), noun)
    frame.parties.append(Party(party, f"{preposition.text} the {noun.text} of"))
    frame.left = True
    frame.right = True
    return frame


def put_at_frame(verb: Token) -> Frame | None:
    """ "The commission put turnout at 38.9%", "X puts the cost at $5
    million": an estimate, what is estimated and at what the subject's."""
    lemma = verb.lemma_.lower()
    if lemma not in ("put", "have"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma == "have":
        # "X has it slightly lower, at 6.1": only "it", the figure the story
        # just gave, read as the subject of what X makes of it.
        thing = next(
            (
                g
                for c in verb.children
                if c.dep_ in ("dobj", "ccomp")
                for g in (c, *c.children)
                if g.lower_ == "it" and g.dep_ in ("dobj", "nsubj")
            ),
            None,
        )
    at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"), None)
    if subject is None or thing is None or at is None or not thing.i < at.i:
        return None
    # "put it at Y": Y is the estimate; "put the toll at Y", "put the toll
    # much lower, at Y": what is estimated goes with it.
    tokens = [*subject.subtree, verb]
    if thing.pos_ == "PRON":
        tokens += (
            [*thing.head.subtree, at] if thing.dep_ == "nsubj" else [*thing.subtree, at]
        )
    frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.parties.append(Party(list(subject.subtree), f"{verb.text} ... at"))
    frame.right = True
    return frame


def release_frame(verb: Token) -> Frame | None:
    """ "The figures were put out by X": the sentence before is X's; else
    "X put the toll at Y"."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return put_at_frame(verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if subject is None or agent is None:
        return None
    if subject.lemma_.lower() not in DATA_NOUNS:
        return None
    if not any(c.lower_ in ("the", "these", "those") for c in subject.children):
        return None
    objects = [t for c in agent.children if c.dep_ == "pobj" for t in c.subtree]
    tokens = [*subject.subtree, verb, *agent.subtree]
    frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.parties = [Party(objects, f"{verb.text} by")]
    frame.back = True
    return frame
