"""Readings of the parser repaired where attributions depend on them: a
subject hung on the place that opens the sentence ("In Munhava, a
residents' association, Munhava Viva, told ..."), an outlet's name split off
as a second subject ("carried by the state news agency | APS said"), a
reporting verb read as a noun's modifier ("Amina, the council announced
that ..."), a second cue hung inside the first one's clause ("X said A was
B, and urged Y to Z"), a participle hung on the clause a trailing cue
attributes ("A will close, X said, blaming B") or on the sentence's verb
after a document was published ("after X published a report alleging
A"), a that-clause read as a
relative clause of the document it was said in ("said in a report that
arrears had reached ...") or as an adverbial one, a speaker cut off from
the cue by a dash aside ("The organisers - that means ... - say"), a
trailing cue read as a relative clause of its speaker ("A will be held in
Boa Vista, state news agency Agência Brasil reported"), a finding hung on
the participle that says when its document was published ("A World Bank
report published the same day found that ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detection.asides import is_dash
from detection.cues import (
    APPEAL_VERBS,
    DOCUMENT_NOUNS,
    FINDING_VERBS,
    PUBLISHING_VERBS,
    RELEASE_VERBS,
    SAY_VERBS,
    STANCE_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# At most a comma between a name set beside a place and the verb.
_BESIDE_GAP = 2


def set_beside_a_place(verb: Token) -> Token | None:
    """The subject the parser hung on the place that opens the sentence: "In
    Munhava, a residents' association, Munhava Viva, told ...", the last
    name set beside the place, just before the verb."""
    opening = verb.sent.start
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i == opening):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            beside = [c for c in place.children if c.dep_ == "appos"]
            if beside and verb.i - beside[-1].right_edge.i <= _BESIDE_GAP:
                return beside[-1]
            # "By lunchtime Eurocontrol, the air traffic agency, said": a
            # name the parser took for the time's, after the time's words.
            if (
                place.pos_ == "PROPN"
                and verb.doc[place.i - 1].pos_ != "PROPN"
                and place.i > prep.i + 1
                and verb.doc[place.i + 1].text == ","
            ):
                return place
    return None


def misread_as_modifier(verb: Token) -> Token | None:
    """The subject of a reporting verb the parser read as a modifier of it
    ("Amina, the council announced just before noon that ..."): a verb in
    the past tense, not a participle, with a that-clause of its own."""
    if verb.dep_ != "acl" or verb.head.pos_ != "NOUN":
        return None
    # (a document's participle, too: "A report by X, a think tank, found in
    # March that ..." cannot be "a report found", with a clause of its own)
    if verb.tag_ != "VBD" and not (
        verb.tag_ == "VBN" and verb.head.lemma_.lower() in DOCUMENT_NOUNS
    ):
        return None
    # ... or a finding ("A report by X found in March that ...": "found"
    # read as "a report found in March").
    if verb.lemma_.lower() not in SAY_VERBS | FINDING_VERBS:
        return None
    clause = any(
        c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children)
        for c in verb.children
    )
    return verb.head if clause else None


def split_name(carried: Token, verb: Token) -> list[Token]:
    """A name the parser split off an outlet as a second subject ("carried
    by the state news agency | APS said"): the outlet's."""
    after = carried.right_edge.i + 1
    if after >= len(verb.doc):
        return []
    name = verb.doc[after]
    if name.dep_ == "compound":
        name = name.head
    if (
        name.pos_ == "PROPN"
        and name.dep_ == "nsubj"
        and name.head == verb
        and name.left_edge.i == after
    ):
        return list(name.subtree)
    return []


def joined_inside_a_clause(verb: Token) -> Token | None:
    """The subject of a cue the parser joined to the verb of another cue's
    clause ("X said the decision was a blow, and urged the regulator to
    reverse it": "urged" hung on "was"): the first cue's speaker, not the
    clause's subject."""
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or clause.i > verb.i:
        return None
    if verb.lemma_.lower() not in SAY_VERBS | APPEAL_VERBS | STANCE_VERBS:
        return None
    cue = clause.head
    if cue.lemma_.lower() not in SAY_VERBS or cue.pos_ != "VERB":
        return None
    return next((c for c in cue.children if c.dep_ == "nsubj"), None)


def beside_a_trailing_cue(verb: Token) -> Token | None:
    """The subject of a participle the parser hung on the clause a trailing
    cue attributes ("Forty clinics will close, UNICEF said, blaming a fall in
    donations": "blaming" hung on "close"): the trailing cue's speaker."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    for cue in verb.head.children:
        if (
            cue.dep_ == "parataxis"
            and verb.head.i < cue.i < verb.i
            and cue.lemma_.lower() in SAY_VERBS
        ):
            return next((c for c in cue.children if c.dep_ == "nsubj"), None)
    return None


def after_a_publication(verb: Token) -> Token | None:
    """The publisher of a document a participle runs on from, that the
    parser hung on the sentence's main verb ("Shares had fallen, after
    Blackfin Research published a report on Feb. 19 alleging that A":
    "alleging" hung on "fallen"): the subject of the publishing verb whose
    words end just before the participle, if its object is a document."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.is_punct:
        return None
    for published in verb.head.children:
        if (
            published.dep_ in ("advcl", "conj")
            and published.i < verb.i
            and published.right_edge.i == verb.i - 1
            and published.lemma_.lower() in RELEASE_VERBS | PUBLISHING_VERBS
            and any(
                c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS
                for c in published.children
            )
        ):
            return next((c for c in published.children if c.dep_ == "nsubj"), None)
    return None


def that_clause_of_a_document(prep: Token) -> Token | None:
    """The clause a cue governs that the parser read as a relative clause of
    a noun in the phrase before it ("said in a report [that arrears had
    reached ...]", "said in a written answer to questions [that it bought
    ...]"): a clause opening with "that" with a subject of its own, "that"
    neither its subject nor its only object. The verb heading it, or None."""
    for clause in prep.subtree:
        if clause.dep_ not in ("relcl", "acl") or clause.head.pos_ != "NOUN":
            continue
        first = clause.left_edge
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        if first.lower_ != "that" or (first.dep_ == "dobj" and objects == [first]):
            continue
        if any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that"
            for c in clause.children
        ):
            return clause
    return None


def that_clause_read_as_adverbial(clause: Token) -> bool:
    """Whether a verb's adverbial clause is its that-clause ("warned in its
    report that prices looked overvalued")."""
    first = clause.left_edge
    return (
        clause.dep_ == "advcl"
        and first.lower_ == "that"
        and first.dep_ == "mark"
        and clause.head.i < first.i
    )


def before_an_aside(verb: Token) -> Token | None:
    """The subject of a cue right after a dash aside the parser took for the
    sentence's main clause ("The organisers, a coalition called Casa - that
    means "a home" - say there were ..."): the phrase before the aside."""
    doc = verb.doc
    if verb.i - 1 <= verb.sent.start or not is_dash(doc[verb.i - 1]):
        return None
    opening = next(
        (t.i for t in reversed(doc[verb.sent.start : verb.i - 1]) if is_dash(t)), None
    )
    if opening is None or opening == verb.sent.start:
        return None
    subject = None
    for token in (doc[opening - 1], *doc[opening - 1].ancestors):
        if token.i >= opening:
            break
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            subject = token
    return subject


def acronym_before(words: list[Token]) -> list[Token]:
    """An organisation's acronym the parser cut off the phrase it opens
    ('"...," UNTU general secretary Jo Roe told': "UNTU" tagged a stray
    preposition): the word, to go with the phrase; else nothing."""
    first = min(words, key=lambda t: t.i)
    if first.i == 0:
        return []
    before = first.doc[first.i - 1]
    if (
        before.is_upper
        and before.is_alpha
        and len(before) > 1
        and before.dep_ in ("dep", "npadvmod", "nmod")
        and before.i > before.sent.start
        and before.doc[before.i - 1].is_punct
    ):
        return [before]
    return []


def trailing_read_as_relative(verb: Token) -> Token | None:
    """The speaker's phrase of a trailing cue the parser read as a relative
    clause of it, the phrase hung as an apposition on the sentence's last
    place ("A will be held in Boa Vista, state news agency Agência Brasil
    reported, citing ..."): a past-tense speech verb with a subject and
    nothing said after it, at the end of the sentence or before a comma."""
    head = verb.head
    if (
        verb.dep_ != "relcl"
        or verb.tag_ != "VBD"
        or verb.lemma_.lower() not in SAY_VERBS
        or head.dep_ != "appos"
        or head.left_edge.i == 0
        or verb.doc[head.left_edge.i - 1].text != ","
    ):
        return None
    subject = [c for c in verb.children if c.dep_ == "nsubj"]
    if (
        not subject
        or subject[0].i < head.i
        or any(c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis") for c in verb.children)
    ):
        return None
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.text not in (",", ".", "!"):
        return None
    return head


def found_after_published(verb: Token) -> Token | None:
    """The document whose finding the parser hung on the participle that
    says when it was published ("A World Bank report published the same day
    found that ...": "found" a dependent of "published", whose subject the
    parser made "report"), or None."""
    head = verb.head
    if (
        verb.dep_ != "dep"
        or verb.lemma_.lower() not in FINDING_VERBS | SAY_VERBS
        or head.lemma_.lower() not in PUBLISHING_VERBS | RELEASE_VERBS
        or head.i > verb.i
    ):
        return None
    return next(
        (
            c
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass")
            and c.i < head.i
            and c.lemma_.lower() in DOCUMENT_NOUNS
        ),
        None,
    )
