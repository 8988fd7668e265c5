"""Documents and data as sources: "data from X showed ...", "figures
published by X show ...", "X's survey found that ...", "an exit poll by X
gave ...".

A document noun (``cues.DOCUMENT_NOUNS``) that names its source, as the
subject of one of the verbs documents speak with (``cues.DOCUMENT_VERBS``),
is a cue: its clause or object is the content, and the source it names is
the speaker.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from detection.cues import (
    ANALYSING_VERBS,
    DOCUMENT_NOUNS,
    ORGANISATION_NOUNS,
    OUTLET_NOUNS,
    POLLING_VERBS,
    PUBLISHING_VERBS,
    SOURCE_PREPOSITIONS,
    TALLY_NOUNS,
    TALLY_VERBS,
)
from detection.parties import Frame, Party
from detection.phrases import seen_before
from detection.repairs import found_after_published, split_name

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Span, Token
    from spacy.vocab import Vocab


def document_source(verb: Token) -> list[Token]:
    """The words naming the source of the document that is ``verb``'s
    subject ("the Czech Statistical Office" in "Data from the Czech
    Statistical Office showed"), or nothing when the subject is no document,
    names no source, or the verb is itself inside what someone else said."""
    if verb.dep_ in ("ccomp", "xcomp", "relcl", "acl"):
        return []
    pollster = _pollster(verb)
    if pollster:
        return pollster
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    repaired = found_after_published(verb)
    if repaired is not None:
        subjects.append(repaired)
    for subject in subjects:
        if subject.lemma_.lower() not in DOCUMENT_NOUNS:
            continue
        # "The report, by the consultancy X, says": the parser may hang the
        # "by" on the verb, between the document and it.
        aside = (
            c
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "by" and subject.i < c.i < verb.i
        )
        for child in (*subject.children, *aside):
            source = _named_source(child)
            if source:
                return source
    return []


def tally_source(verb: Token) -> list[Token]:
    """The source of a tally that is ``verb``'s subject, where the verb only
    gives its number ("The latest figure from the Home Ministry is 62 dead",
    "The toll from X stands at 41"), or nothing."""
    if verb.lemma_.lower() not in TALLY_VERBS or verb.dep_ not in ("ROOT", "conj"):
        return []
    given = [
        c
        for c in verb.children
        if c.dep_ == "attr" or (c.dep_ == "prep" and c.lower_ == "at")
    ]
    if not any(t.like_num for c in given for t in c.subtree):
        return []
    for subject in verb.children:
        if subject.dep_ != "nsubj" or subject.lemma_.lower() not in TALLY_NOUNS:
            continue
        for child in subject.children:
            source = _named_source(child)
            if source:
                return source
    return []


def _pollster(verb: Token) -> list[Token]:
    """A pollster as the subject, known by what it does: "Gallup, polling
    for bTV, gives ...": its name, without the polling (which the parser
    hangs on the name or reads as a second subject)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    polling = [
        c
        for subject in subjects
        for c in (subject, *subject.children)
        if c.dep_ in ("acl", "appos", "relcl", "conj", "nsubj")
        and (c.lemma_.lower() in POLLING_VERBS or c.lower_ in POLLING_VERBS)
    ]
    name = next((s for s in subjects if s not in polling), None)
    if not polling or name is None or name.i > polling[0].i:
        return []
    aside = {t.i for c in polling for t in c.subtree}
    return [
        t
        for t in name.subtree
        if t.i not in aside and not (t.is_punct and t.i > name.i)
    ]


def documents_in(sent: Span) -> list[tuple[Token, list[Token]]]:
    """The documents a sentence names with their sources ("a 94-page report,
    published on Monday by the X Team"; "Kpler's data"), for "the report"
    and "it" later to refer to."""
    found = []
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in DOCUMENT_NOUNS:
            continue
        for child in noun.children:
            source = _named_source(child)
            if source:
                found.append((noun, source))
                break
        else:
            source = _said_in(noun)
            if source:
                found.append((noun, source))
    return found


def _said_in(noun: Token) -> list[Token]:
    """The speaker of "X said in a note to clients that ...": X, the
    document's source."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ != "in":
        return []
    verb = preposition.head
    if verb.pos_ != "VERB" or preposition.dep_ != "prep":
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    aside = {t.i for c in subject.children if c.dep_ == "relcl" for t in c.subtree}
    return [t for t in subject.subtree if t.i not in aside and not t.is_punct]


def _named_source(token: Token) -> list[Token]:
    """The source a document's dependent names: "X's" and "X" before the
    noun, "by X", "from X", "of X", "published by X", "compiled by X"."""
    if token.dep_ == "poss" or (token.dep_ == "compound" and _a_name(token)):
        return [t for t in token.subtree if t.dep_ != "case"]
    # "exchange data showed", "finance ministry figures show": a body the
    # story named, by its kind.
    if token.dep_ == "compound" and token.lemma_.lower() in ORGANISATION_NOUNS:
        return list(token.subtree)
    if token.dep_ == "acl" and token.lemma_.lower() in PUBLISHING_VERBS:
        return _agent_of(token)
    if token.dep_ == "prep" and token.lower_ in SOURCE_PREPOSITIONS:
        # "by the statistics office" names a source; "from the referendums"
        # does not: only a name, after "from" or "of".
        return _object_of(token, always=token.lower_ == "by")
    return []


def _a_name(token: Token) -> bool:
    """Whether a word is a name: a proper noun, or a word the parser took for
    a common one that opens the sentence capitalised and is written so inside
    one too, on its own ("Cochilco data showed", after "the Chilean Copper
    Commission (Cochilco)"; not "Trade data showed", nor "Customs data" after
    "the Korea Customs Service")."""
    if token.pos_ == "PROPN":
        return True
    return (
        token.i == token.sent.start
        and token.text[:1].isupper()
        and any(
            t.text == token.text and t.i != t.sent.start and not _in_longer_name(t)
            for t in token.doc
            if t.i != token.i
        )
    )


def _in_longer_name(token: Token) -> bool:
    """Whether a capitalised word is one of a longer name's ("Customs" of
    "the Korea Customs Service")."""
    doc = token.doc
    return any(
        0 <= i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha
        for i in (token.i - 1, token.i + 1)
    )


def _agent_of(verb: Token) -> list[Token]:
    """ "published by X", "compiled by X": X; what it was published on; or
    nothing for a document the story met before that an outlet saw ("the
    report, seen by Reuters")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return _published_on(verb)
    if seen_before(verb):
        return []
    return _object_of(agent, always=True) + split_name(verb, verb.head.head)


def _published_on(verb: Token) -> list[Token]:
    """ "published on the website of X": X."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            if place.lemma_.lower() not in OUTLET_NOUNS:
                continue
            owner = next((c for c in place.children if c.dep_ == "poss"), None)
            if owner is not None:
                return [t for t in owner.subtree if t.dep_ != "case"]
            of = next((c for c in place.children if c.lower_ == "of"), None)
            if of is not None:
                return _object_of(of, always=True)
    return []


def _object_of(preposition: Token, *, always: bool) -> list[Token]:
    for child in preposition.children:
        if child.dep_ != "pobj":
            continue
        if always or child.pos_ == "PROPN":
            return list(child.subtree)
        # "from the ship-tracking service MarineTraffic": the name beside it.
        for name in child.children:
            if name.dep_ == "appos" and name.pos_ == "PROPN":
                return list(name.subtree)
        # "figures from the company's annual report": the report's source.
        if child.lemma_.lower() in DOCUMENT_NOUNS:
            for dependent in child.children:
                source = _named_source(dependent)
                if source:
                    return source
        measured = _maker_of(child)
        if measured:
            return measured
    return []


def _maker_of(measured: Token) -> list[Token]:
    """Who made data of what was measured ("the European Space Agency's
    satellites, analysed by the glaciology institute"): the analysts, else
    whose instruments measured it."""
    for dependent in measured.children:
        if dependent.dep_ == "acl" and dependent.lemma_.lower() in (
            PUBLISHING_VERBS | ANALYSING_VERBS
        ):
            source = _agent_of(dependent)
            if source:
                return source
    for dependent in measured.children:
        if dependent.dep_ == "poss" and dependent.pos_ == "PROPN":
            return [t for t in dependent.subtree if t.dep_ != "case"]
    return []


# --- the same, by the words, where the parser missed the verb --------------

# "Figures published by the energy ministry show ...": the parser at times
# reads "show" as a noun ("ministry show") and loses the cue. These patterns
# find the document and its source by the words; the verb is then looked for
# after the source, in the same sentence.
_SHOW_FORMS = (
    "show",
    "shows",
    "showed",
    "give",
    "gives",
    "gave",
    "suggest",
    "suggests",
    "suggested",
    "indicate",
    "indicates",
    "indicated",
)
_PUBLISHED_FORMS = (
    "published",
    "compiled",
    "released",
    "issued",
    "produced",
    "gathered",
    "collected",
    "prepared",
    "conducted",
)
DOCUMENT_PATTERNS: list[list[dict[str, Any]]] = [
    [
        {"LEMMA": {"IN": sorted(DOCUMENT_NOUNS)}, "POS": "NOUN"},
        {"LOWER": {"IN": list(_PUBLISHED_FORMS)}, "OP": "?"},
        {"LOWER": {"IN": ["by", "from"]}},
    ]
]
# "Servel's first bulletin, with 28 per cent counted, gives ...": the source
# before the document, the verb after it.
OWNED_PATTERNS: list[list[dict[str, Any]]] = [
    [
        {"POS": "PROPN", "OP": "+"},
        {"LOWER": "'s"},
        {"POS": "ADJ", "OP": "*"},
        {"LEMMA": {"IN": sorted(DOCUMENT_NOUNS)}, "POS": "NOUN"},
    ]
]
# The most words a source's phrase runs to before the verb.
_MAX_SOURCE_WORDS = 10


@functools.lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Matcher:
    # spaCy is imported with the model, on first use (detection.pipeline).
    from spacy.matcher import Matcher  # noqa: PLC0415

    matcher = Matcher(vocab)
    matcher.add("document", DOCUMENT_PATTERNS)
    matcher.add("owned", OWNED_PATTERNS, greedy="LONGEST")
    return matcher


def document_frames(sent: Span, taken: Iterable[int]) -> list[Frame]:
    """Frames for documents the words show where no parsed frame has the
    verb (``taken``: the verbs' token indices)."""
    taken = set(taken)
    frames = []
    matcher = _matcher(sent.doc.vocab)
    for match, first, last in matcher(sent):
        start, end = sent.start + first, sent.start + last
        words = sent.doc[end : min(end + _MAX_SOURCE_WORDS + 1, sent.end)]
        verb = next((t for t in words if t.lower_ in _SHOW_FORMS), None)
        if verb is None or verb.i in taken or verb.i + 2 >= sent.end:
            continue
        if sent.doc.vocab.strings[match] == "owned":
            owner = [t for t in sent.doc[start:end] if t.pos_ == "PROPN"]
            frame = Frame(start, verb.i, verb, right=True)
            frame.parties = [Party(owner, verb.text, publisher=True)]
            frames.append(frame)
            continue
        source = list(sent.doc[end : verb.i])
        if not source or any(t.is_punct and t.text not in "()&" for t in source):
            continue
        # As for a parsed document: "from" the referendums names no source.
        if sent.doc[end - 1].lower_ != "by" and not any(
            t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in source
        ):
            continue
        frame = Frame(start, verb.i, verb, right=True)
        frame.parties = [Party(source, verb.text, publisher=True)]
        frames.append(frame)
    return frames
