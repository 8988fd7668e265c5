"""Documents and data as sources: "data from X showed ...", "figures
published by X show ...", "X's survey found that ...", "an exit poll by X
gave ...".

A document noun (``cues.DOCUMENT_NOUNS``) that names its source, as the
subject of one of the verbs documents speak with (``cues.DOCUMENT_VERBS``),
is a cue: its clause or object is the content, and the source it names is
the speaker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.cues import DOCUMENT_NOUNS, PUBLISHING_VERBS, SOURCE_PREPOSITIONS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def document_source(verb: Token) -> list[Token]:
    """The words naming the source of the document that is ``verb``'s
    subject ("the Czech Statistical Office" in "Data from the Czech
    Statistical Office showed"), or nothing when the subject is no document,
    names no source, or the verb is itself inside what someone else said."""
    if verb.dep_ in ("ccomp", "xcomp", "relcl", "acl"):
        return []
    for subject in verb.children:
        if subject.dep_ != "nsubj" or subject.lemma_.lower() not in DOCUMENT_NOUNS:
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
    return found


def _named_source(token: Token) -> list[Token]:
    """The source a document's dependent names: "X's" and "X" before the
    noun, "by X", "from X", "of X", "published by X", "compiled by X"."""
    if token.dep_ == "poss" or (token.dep_ == "compound" and token.pos_ == "PROPN"):
        return [t for t in token.subtree if t.dep_ != "case"]
    if token.dep_ == "acl" and token.lemma_.lower() in PUBLISHING_VERBS:
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        return _object_of(agent, always=True) if agent is not None else []
    if token.dep_ == "prep" and token.lower_ in SOURCE_PREPOSITIONS:
        # "by the statistics office" names a source; "from the referendums"
        # does not: only a name, after "from" or "of".
        return _object_of(token, always=token.lower_ == "by")
    return []


def _object_of(preposition: Token, *, always: bool) -> list[Token]:
    for child in preposition.children:
        if child.dep_ == "pobj" and (always or child.pos_ == "PROPN"):
            return list(child.subtree)
    return []
