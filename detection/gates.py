"""Gates on a cue: whether a reporting verb reports at all (not negated,
not modal) and whether it is a cue of its own rather than part of what
someone else said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.cues import (
    APPEAL_VERBS,
    CHARACTERISING_VERBS,
    COUNTING_VERBS,
    FINDING_VERBS,
    MODALS,
    NAMING_VERBS,
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    SAY_VERBS,
    STANCE_VERBS,
    TIME_WORDS,
    TRAILING_MARKS,
)
from detection.repairs import that_clause_of_a_document

if TYPE_CHECKING:
    from spacy.tokens import Token

# The most words of a thing already told that a cue only names.
_KNOWN_THING_WORDS = 3


def is_negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in ("decline", "refuse", "fail")


def has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def reported(verb: Token) -> bool:
    """Whether ``verb`` is inside what a speaker said ("Pell said the audit
    confirmed that ...", "he said the state would not step into what he
    called a dispute"): the speaker's clause, not a cue of its own."""
    if verb.dep_ == "ccomp" and _in_clause_of(verb, verb.head):
        return True
    if verb.dep_ == "ccomp" and verb.lemma_.lower() not in NAMING_VERBS:
        return False
    if verb.lemma_.lower() not in NAMING_VERBS:
        return False
    clause = next((t for t in verb.ancestors if t.dep_ == "ccomp"), None)
    return clause is not None and _in_clause_of(verb, clause.head)


def _in_clause_of(verb: Token, head: Token) -> bool:
    """Whether ``verb``, in a clause of ``head``, is what ``head`` reports."""
    between = verb.doc[head.i + 1 : verb.i]
    # A cue after a mark is a trailing cue the parser hung on the first
    # ("X said A, TASS reported"): a cue of its own.
    edge = verb.left_edge
    trailing = edge.text in TRAILING_MARKS or (
        edge.i > 0 and verb.doc[edge.i - 1].text in TRAILING_MARKS
    )
    # A stance inside the clause of a trailing cue ("A court has rejected
    # the request, the union said") is the union's too.
    inside = verb.lemma_.lower() in STANCE_VERBS or (
        head.i < verb.i
        and not trailing
        and not any(t.text in (":", ";") for t in between)
    )
    # The cue's subject, or that of the cue it is joined to ("accused X of Y
    # and said the ministry was working to curb what she called ...").
    speaker = head.head if head.dep_ == "conj" else head
    return (
        inside
        and head.lemma_.lower()
        in SAY_VERBS | STANCE_VERBS | APPEAL_VERBS | FINDING_VERBS
        and head.pos_ == "VERB"
        and any(c.dep_ == "nsubj" for c in (*head.children, *speaker.children))
        and not any(
            c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in head.children
        )
    )


def called_in_quotes(verb: Token) -> bool:
    """Whether ``verb``'s object is set beside words in quotation marks, as
    the parser may hang what it was called ("declared the strike "a total
    success"", "called the result "a clear message to Tokyo"")."""
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return thing is not None and any(
        a.dep_ == "appos"
        and a.left_edge.i > 0
        and verb.doc[a.left_edge.i - 1].text in _QUOTE_MARKS
        for a in thing.children
    )


_QUOTE_MARKS = frozenset(('"', "\u201c"))


def names_a_known_thing(verb: Token) -> bool:
    """Whether all ``verb`` reports is a thing already told ("confirmed the
    accident", "announced the deal"): no claim of its own."""
    if any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children):
        return False
    if called_in_quotes(verb):
        return False
    # "told the committee in a written submission that ...": the clause the
    # parser hung on the document
    if any(
        c.dep_ == "prep" and that_clause_of_a_document(c) is not None
        for c in verb.children
    ):
        return False
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None:
        return False
    # "the exercises early on Thursday morning": the time is the telling's
    when = {
        t.i
        for c in thing.children
        if c.dep_ == "prep" and any(t.lower_ in TIME_WORDS for t in c.subtree)
        for t in (*c.subtree, *(a for a in thing.children if a.dep_ == "advmod"))
    }
    return len(
        [t for t in thing.subtree if t.i not in when]
    ) <= _KNOWN_THING_WORDS and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in thing.children
    )


def characterised(verb: Token) -> Token | None:
    """The object ``verb`` characterises "as" something ("dismissed the
    report as fiction", "assessed the risk of X spreading as high"), where
    the "as" follows it, hung on the verb or inside the object; or None."""
    if verb.lemma_.lower() not in CHARACTERISING_VERBS:
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or (thing.pos_ == "PRON" and thing.lower_ in ("what", "which")):
        return None
    inside = {t.i for t in thing.subtree}
    found = any(
        t.lower_ == "as"
        and t.dep_ == "prep"
        and t.i > thing.i
        and (t.head == verb or t.i in inside)
        and len([w for w in t.subtree if not w.is_punct]) > 1
        for t in verb.subtree
    )
    return thing if found else None


def counted(verb: Token) -> Token | None:
    """The object of a count a source keeps ("counted at least nine
    journalists detained", "has recorded 312 deaths"): one that holds a
    number other than a year (or the subject of the clause the parser made
    of it); or None."""
    if verb.lemma_.lower() not in COUNTING_VERBS or verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not _keeps_counts(subject):
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None:
        # "counted 14 clinics shut": the parser may read the count as a
        # clause's subject.
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        subjects = (
            [] if clause is None else [c for c in clause.children if c.dep_ == "nsubj"]
        )
        thing = subjects[0] if subjects else None
    if thing is None:
        return None
    numbers = [
        t
        for t in thing.subtree
        if t.like_num and not (t.tag_ == "CD" and _looks_like_a_year(t.text))
    ]
    return thing if numbers and numbers[0].i < thing.i + 1 else None


def _keeps_counts(subject: Token) -> bool:
    """Whether a count's subject is an organisation that keeps one ("the
    organisation", "Amnesty International", "UNICEF", "it"), not a place
    where things were counted ("Brazil recorded six million cases")."""
    head = subject
    return (
        head.lower_ in ("it", "they")
        or head.lemma_.lower() in ORGANISATION_NOUNS
        or (head.is_upper and len(head.text) > 1)
        or any(t.text in ORGANISATION_WORDS for t in subject.subtree)
    )


_YEAR_DIGITS = 4


def _looks_like_a_year(text: str) -> bool:
    return len(text) == _YEAR_DIGITS and text.isdigit() and text[:2] in ("19", "20")
