"""Attribution frames: a cue with its parties, and which text it governs.

A frame is a reporting verb with its speaker and circumstances ("X said",
"according to X", "X quoted Y as saying", "the figures were put out by X").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detection.cues import (
    CHANNEL_VERBS,
    DATA_NOUNS,
    MODALS,
    OBJECT_CONTENT_VERBS,
    RELEASE_VERBS,
    SAY_VERBS,
    STANCE_VERBS,
    WEAK_CUE_EXEMPT,
)
from detection.records import AgencyRef

if TYPE_CHECKING:
    from spacy.tokens import Token

# --- attribution frames ---------------------------------------------------


@dataclass
class Party:
    """Someone in an attribution: the speaker, or an outlet that carried it."""

    tokens: list[Token]
    cue: str
    agency: AgencyRef | None = None
    name: str = ""
    how: str = ""  # "alias", "person", "role", "coref", "pronoun", "unknown", ""
    role: str = "speaker"  # or "channel" (carried it), "source" (cited)


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


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb``, or that of the verb it is conjoined to or
    modifies as a participle ("..., saying"); and whether it is its own."""
    # The parser sometimes gives a trailing "X said" a second subject, the
    # start of the sentence it attributes: the nearest one is the speaker.
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i)), True
    head = verb
    while head.dep_ in ("conj", "advcl", "xcomp") and head.head.i != head.i:
        head = head.head
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child, False
    return None, False


def _is_negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in ("decline", "refuse", "fail")


def _has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _in_quote(token: Token, regions: Sequence[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in regions)


# One rule after another, in the order that decides between them (a verb the
# first rules refuse never reaches the later ones); split into functions, that
# order would no longer read top to bottom, and the corpus tuning relies on it.
def frame_for(verb: Token, regions: Sequence[tuple[int, int]]) -> Frame | None:  # noqa: PLR0911, PLR0912, PLR0915
    lemma = verb.lemma_.lower()
    sent = verb.sent
    if _in_quote(verb, regions):
        return None
    if verb.lower_ == "according":
        return _according_frame(verb)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ in ("acl", "relcl", "amod", "pcomp") and lemma not in ("call",):
        return None
    if _is_negated(verb) or _has_modal(verb):
        return None
    if lemma == "make":
        clear = next((c for c in verb.children if c.lower_ == "clear"), None)
        if clear is None:
            return None
    elif lemma in ("call", "describe"):
        pass
    elif lemma == "quote":
        # "X quoted Y as saying" / "Y was quoted by X as saying"
        if not any(c.lower_ == "as" for c in verb.children):
            return None
    elif lemma in RELEASE_VERBS:
        return _release_frame(verb)
    elif lemma not in SAY_VERBS and lemma not in STANCE_VERBS:
        return None
    if verb.tag_ == "VBG" and verb.dep_ not in {"advcl", "ROOT"}:
        return None
    subject, own = _subject(verb)
    if (
        subject is not None
        and subject.dep_ == "nsubjpass"
        and lemma != "quote"
        and not any(c.dep_ == "agent" for c in verb.children)
    ):
        return None
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "needless to say", "is expected to announce"
    if subject is None or (
        subject.lower_ in ("what", "which", "that", "who") and lemma != "call"
    ):
        return None
    # A cue for something reported of the verb's object ("told reporters")
    # keeps the object in the frame; other objects are content.
    clausal = {"ccomp", "xcomp", "conj", "cc", "parataxis", "oprd", "acomp"}
    has_clause = any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)
    tokens: list[Token] = [verb]
    speaker_tokens: list[Token] = []
    channels: list[Party] = []
    sources: list[Party] = []
    whole = False
    for child in verb.children:
        dep = child.dep_
        # "TASS reported, citing a source", "speaking on condition of
        # anonymity": the parser varies in how it hangs the participle, which
        # belongs to the frame whatever its label.
        if child.lemma_.lower() in ("cite", "speak", "quote") and (
            child.tag_ == "VBG" or dep == "advcl"
        ):
            if child.lemma_.lower() == "cite":
                objects = [
                    t for c in child.children if c.dep_ == "dobj" for t in _subtree(c)
                ]
                sources.append(Party(objects, "citing", role="source"))
            tokens += _subtree(child)
            continue
        if dep in clausal and not (lemma == "make" and child.lower_ == "clear"):
            continue
        if dep == "punct" or child.lower_ == "according":
            continue
        if dep in ("nsubj", "nsubjpass") and (
            _in_quote(child, regions)
            or (own and subject is not None and child.i != subject.i)
        ):
            continue
        if dep in ("nsubj", "nsubjpass"):
            if lemma == "quote" and dep == "nsubj":
                channels.append(Party(_subtree(child), "quoted", role="channel"))
            else:
                speaker_tokens = _subtree(child)
            tokens += _subtree(child)
            continue
        if dep == "dobj":
            if lemma == "quote":
                speaker_tokens = _subtree(child)
                tokens += _subtree(child)
                continue
            if lemma in ("call", "describe"):
                if child.lower_ in ("what", "which"):
                    tokens.append(child)
                    continue
                tokens += _subtree(child)
                continue
            if lemma in STANCE_VERBS and not has_clause:
                whole = True
                continue
            if lemma in OBJECT_CONTENT_VERBS and not has_clause:
                continue
            if lemma == "tell":
                channels.append(Party(_subtree(child), "told", role="channel"))
            tokens += _subtree(child)
            continue
        if dep == "dative" and lemma == "tell":
            channels.append(Party(_subtree(child), "told", role="channel"))
            tokens += _subtree(child)
            continue
        if dep == "agent":
            objects = [
                t for c in child.children if c.dep_ == "pobj" for t in _subtree(c)
            ]
            channels.append(Party(objects, f"{verb.text} by", role="channel"))
            tokens += _subtree(child)
            continue
        if dep == "advcl":
            continue
        if dep == "prep" and child.lower_ == "as" and lemma == "quote":
            tokens += _subtree(child)
            continue
        tokens += _subtree(child)
    if lemma in STANCE_VERBS and not has_clause and not whole:
        return None
    # Never part of a frame: quoted words, and what follows its "that".
    tokens = [t for t in tokens if not _in_quote(t, regions) and t.text != '"']
    for token in tokens:
        if token.i > verb.i and token.lower_ == "that" and token.dep_ == "mark":
            tokens = [t for t in tokens if t.i < token.i]
            has_clause = True
            break
    frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.whole = whole
    speaker = Party(speaker_tokens, verb.text)
    if not own and subject is not None:
        speaker = Party(_subtree(subject), verb.text)
    frame.parties = [*sources, speaker, *channels]
    # Chains inside the speaker's phrase: "a source, quoted by TASS, said".
    for token in speaker.tokens:
        if token.dep_ == "acl" and token.lemma_.lower() in CHANNEL_VERBS:
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None:
                objects = [
                    t for c in agent.children if c.dep_ == "pobj" for t in _subtree(c)
                ]
                frame.parties.append(Party(objects, f"{token.text} by", role="channel"))
                inner = {t.i for t in _subtree(token)}
                speaker.tokens = [t for t in speaker.tokens if t.i not in inner]
                speaker.cue = verb.text
    # Which side of the frame does it govern?
    after = verb.doc[frame.end + 1] if frame.end + 1 < sent.end else None
    before = verb.doc[frame.start - 1] if frame.start > sent.start else None
    finite = verb.tag_ != "VBG"
    if lemma in ("call", "describe") or (after is not None and after.text == ":"):
        frame.right = True
    elif (
        finite
        and own
        and before is not None
        and before.text in (",", '"', ":", "\u2014")
        and (after is None or after.is_punct)
    ):
        frame.left = True
        # Only a quotation resumes after a trailing cue ("A," she said, "B.").
        frame.right = (
            after is not None
            and after.text == ","
            and after.i + 1 < sent.end
            and verb.doc[after.i + 1].text == '"'
        )
    elif (
        lemma == "quote"
        and before is not None
        and before.text in (",", '"')
        and (after is None or after.is_punct)
    ):
        frame.left = True
    else:
        frame.right = after is not None and not (
            after.is_sent_end or after.text in (".", "!", "?")
        )
    # Verbs that are also ordinary verbs ("admitted 120 people") report only
    # with a clause, or at the end of the sentence they attribute.
    if (
        lemma not in WEAK_CUE_EXEMPT
        and lemma not in STANCE_VERBS
        and not has_clause
        and not frame.left
    ):
        return None
    return frame


def _according_frame(verb: Token) -> Frame | None:
    """ "according to X": governs the text on either side."""
    sent = verb.sent
    to = next((c for c in verb.children if c.lower_ == "to"), None)
    if to is None and verb.i + 1 < sent.end and verb.doc[verb.i + 1].lower_ == "to":
        to = verb.doc[verb.i + 1]
    if to is None:
        return None
    tokens = [verb, *_subtree(to)]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    party_tokens = [t for o in objects for t in _subtree(o)] or tokens[2:]
    tokens += party_tokens
    frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.parties.append(Party(party_tokens, "according to"))
    frame.left = True
    frame.right = True
    return frame


def _release_frame(verb: Token) -> Frame | None:
    """ "The figures were put out by X": the sentence before is X's."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if subject is None or agent is None:
        return None
    if subject.lemma_.lower() not in DATA_NOUNS:
        return None
    if not any(c.lower_ in ("the", "these", "those") for c in subject.children):
        return None
    objects = [t for c in agent.children if c.dep_ == "pobj" for t in _subtree(c)]
    tokens = [*_subtree(subject), verb, *_subtree(agent)]
    frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.parties = [Party(objects, f"{verb.text} by")]
    frame.back = True
    return frame
