"""Attribution frames: a cue with its parties, and which text it governs.

A frame is a reporting verb with its speaker and circumstances ("X said",
"according to X", "X quoted Y as saying", "the figures were put out by X").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detection.according import according_frame, release_frame
from detection.cue_kinds import by_saying, cue_kind, in_quote, speaks
from detection.cues import (
    APPEAL_VERBS,
    CHAIN_PARTICIPLES,
    CHANNEL_VERBS,
    DOCUMENT_VERBS,
    FINDING_VERBS,
    NAMING_VERBS,
    OBJECT_CONTENT_VERBS,
    POLLS,
    REBUTTED_NOUNS,
    SAY_VERBS,
    STANCE_VERBS,
    TALLY_VERBS,
    TIME_WORDS,
    WARNING_VERBS,
    WEAK_CUE_EXEMPT,
)
from detection.documents import document_source, tally_source
from detection.gates import called_in_quotes, characterised, counted
from detection.parties import Frame, Party
from detection.repairs import (
    acronym_before,
    after_a_publication,
    before_an_aside,
    beside_a_trailing_cue,
    found_after_published,
    joined_inside_a_clause,
    misread_as_modifier,
    set_beside_a_place,
    split_name,
    that_clause_of_a_document,
    that_clause_read_as_adverbial,
)
from detection.sides import govern
from detection.trailing import apposed_speaker, relative_speaker, stranded_frame

if TYPE_CHECKING:
    from spacy.tokens import Token


def _object_of_prep(token: Token) -> Token | None:
    """The object of a preposition ("Tuesday" of "on Tuesday morning": the
    noun the phrase is headed by), or None for any other word."""
    if token.dep_ != "prep":
        return None
    return next((c for c in token.children if c.dep_ == "pobj"), None)


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb``, or that of the verb it is conjoined to or
    modifies as a participle ("..., saying"); and whether it is its own."""
    # The parser sometimes gives a trailing "X said" a second subject, the
    # start of the sentence it attributes: the nearest one is the speaker.
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "A poll ... before the meeting had found": the parser's second subject
    # after a "before" is that of a clause it merged into the verb's.
    marks = [c.i for c in verb.children if c.dep_ == "mark" and c.i < verb.i]
    subjects = [s for s in subjects if not any(m < s.i for m in marks)] or subjects
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i)), True
    joined = (
        joined_inside_a_clause(verb)
        or beside_a_trailing_cue(verb)
        or after_a_publication(verb)
        or before_an_aside(verb)
        or found_after_published(verb)
    )
    if joined is not None:
        return joined, False
    reporter = _reporter_of_clause(verb)
    if reporter is not None:
        return reporter, False
    # "He opened by stressing that ...": the subject of what "by" modifies
    if by_saying(verb):
        done = verb.head.head
        subject = next((c for c in done.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject, False
    head = verb
    while head.dep_ in ("conj", "advcl", "xcomp") and head.head.i != head.i:
        head = head.head
        # the nearest of two, as for the verb's own ("MONTREAL, Dec 2 - The
        # agency declared ..., saying": the agency)
        found = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            return min(found, key=lambda c: abs(c.i - head.i)), False
    return set_beside_a_place(verb) or misread_as_modifier(verb), False


def _reporter_of_clause(verb: Token) -> Token | None:
    """ "The department denied that A, saying B": a participle set off by a
    comma that the parser hung inside the clause a cue reports is said by
    the cue's subject, not by the clause's ("A")."""
    clause = verb.head
    if not (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and clause.dep_ == "ccomp"
        and clause.i < verb.i
    ):
        return None
    cue = clause.head
    if cue.lemma_.lower() not in SAY_VERBS | STANCE_VERBS:
        return None
    # "A, a figure the company disputed, saying B": the clause just before
    # it says it, if one with a subject of its own ends there.
    before = verb.doc[verb.i - 2]
    for head in (before, *before.ancestors):
        if head == clause:
            break
        if head.dep_ in ("relcl", "acl"):
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
    return next((c for c in cue.children if c.dep_ == "nsubj"), None)


def _as_it_did(verb: Token) -> bool:
    """ "..., as the opposition alleged fraud": a clause set beside the
    sentence with what it reports as its own object, not the sentence's."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
        # "..., as the judge described his offending as brazen": a
        # characterisation is said, whatever clause it is in
        and characterised(verb) is None
    )


def frame_for(verb: Token, regions: Sequence[tuple[int, int]]) -> Frame | None:  # noqa: PLR0911 - one refusal a line
    """The attribution frame ``verb`` heads, if it is a cue."""
    kind = cue_kind(verb, regions)
    if kind == "according":
        return according_frame(verb)
    if kind == "release":
        return release_frame(verb)
    if kind is None or _as_it_did(verb):
        return None
    relative = relative_speaker(verb)
    if relative is not None:
        return relative
    subject, own = _subject(verb)
    if subject is None:
        return stranded_frame(verb)
    if not own and verb.dep_ == "conj":
        # "A is recalling B after C, the Children's Fund (UNICEF) said": the
        # parser joined the cue to the clause it attributes and hung its
        # speaker on the last noun; not the clause's subject speaks.
        apposed = apposed_speaker(verb)
        if apposed is not None:
            return apposed
    if not speaks(verb, subject):
        return None
    parts = _Parts(verb, subject, own, regions)
    for child in verb.children:
        parts.take(child)
    lemma = verb.lemma_.lower()
    if lemma in STANCE_VERBS and not parts.has_clause and not parts.whole:
        return None
    frame = parts.frame()
    govern(frame, verb, own)
    # Verbs that are also ordinary verbs ("admitted 120 people") report only
    # with a clause, at the end of the sentence they attribute, or set off
    # inside it ("The bank, he added, would ...").
    if (
        lemma not in WEAK_CUE_EXEMPT
        and lemma not in STANCE_VERBS
        and not parts.has_clause
        and not frame.left
        and not (frame.right and verb.dep_ == "parataxis")
        and not parts.document
    ):
        return None
    return frame


# Dependents that are the content, never part of the frame.
_CLAUSAL = frozenset(("ccomp", "xcomp", "conj", "cc", "parataxis", "oprd", "acomp"))


def _clause_read_as_object(verb: Token, child: Token) -> bool:
    """Whether the object of "say" is a clause the parser read as one ("said
    the sell-off reflected global factors"), or the subject of the clause
    said, the verb hung on that clause ("says 600 soldiers, the UME, have
    been deployed")."""
    if any(t.pos_ == "VERB" and t.i > verb.i for t in child.subtree):
        return True
    head = verb.head
    return (
        verb.dep_ == "parataxis"
        and head.i > child.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    )


class _Parts:
    """The words of a frame and its parties, gathered child by child."""

    def __init__(
        self,
        verb: Token,
        subject: Token | None,
        own: bool,
        regions: Sequence[tuple[int, int]],
    ) -> None:
        self.verb, self.subject, self.own, self.regions = verb, subject, own, regions
        self.lemma = verb.lemma_.lower()
        # "warned people not to go back": an appeal, as "urged" is.
        self.appeal = self.lemma in APPEAL_VERBS or (
            self.lemma in ("warn", "advise")
            and any(c.dep_ == "dobj" for c in verb.children)
            and any(c.dep_ == "xcomp" for c in verb.children)
        )
        clauses: tuple[str, ...] = ("ccomp", "parataxis")
        if self.appeal:
            clauses += ("xcomp",)
        self.has_clause = any(
            c.dep_ in clauses or that_clause_read_as_adverbial(c) for c in verb.children
        )
        # "called on X to Y", "called for Y": an appeal; from "on" or "for"
        # on, what it urges.
        # (the parser may hang "for" on the verb it urges: "called for the
        # clinics to reopen")
        after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else verb
        self.called_on = (
            after.i
            if self.lemma == "call"
            and after.lower_ in ("on", "for")
            and after.dep_ in ("prep", "mark")
            and after in verb.subtree
            else None
        )
        self.has_clause = self.has_clause or self.called_on is not None
        self.tokens: list[Token] = [verb]
        if self.called_on is not None:
            self.tokens.append(after)  # "on" is the cue's, whom the content's
        self.speaker_tokens: list[Token] = []
        self.channels: list[Party] = []
        self.sources: list[Party] = []
        self.whole = False
        self.content: Token | None = None  # an object that is the content
        # Where a that-clause the parser hung inside a dependent begins.
        self.beside: int | None = None
        # "dismissed the report as fiction": the object and its "as"; "counted
        # 40 attacks": the count.
        self.characterised = characterised(verb) or counted(verb)
        self.has_clause = self.has_clause or self.characterised is not None
        # "called the approval "a landmark moment" for people with the
        # disease": what it named, the words it called it by and what
        # follows are the content.
        self.naming = (
            self.lemma in NAMING_VERBS
            and any(c.dep_ == "oprd" and in_quote(c, regions) for c in verb.children)
        ) or called_in_quotes(verb)
        self.has_clause = self.has_clause or self.naming
        # A document's verb: what it gives or shows is the content, and the
        # speaker is the source the document names.
        self.source = document_source(verb) or tally_source(verb)
        self.document = bool(self.source) and self.lemma in DOCUMENT_VERBS | TALLY_VERBS
        if (
            not self.document
            and subject is not None
            and any(
                c.dep_ == "acl"
                and c.lemma_.lower() in CHANNEL_VERBS
                and any(g.dep_ == "agent" for g in c.children)
                for c in subject.children
            )
        ):
            self.source = []  # "a statement carried by X said": a chain

    def take(self, child: Token) -> None:
        """Add a dependent of the verb where it belongs."""
        dep = child.dep_
        if self.called_on is not None and child.i >= self.called_on:
            return
        # "TASS reported, citing a source", "speaking on condition of
        # anonymity": the parser varies in how it hangs the participle, which
        # belongs to the frame whatever its label.
        if child.lemma_.lower() in CHAIN_PARTICIPLES and (
            child.tag_ == "VBG" or dep == "advcl"
        ):
            if child.lemma_.lower() == "cite":
                objects = [
                    t for c in child.children if c.dep_ == "dobj" for t in _subtree(c)
                ]
                self.sources.append(Party(objects, "citing", role="source"))
            self.tokens += _subtree(child)
        elif (
            (dep in _CLAUSAL and not (self.lemma == "make" and child.lower_ == "clear"))
            or dep in ("punct", "advcl")
            or child.lower_ == "according"
        ):
            if dep == "ccomp":
                self._cited_before(child)
            return
        elif (
            self._warned_of(child)
            or self._content_beside(child)
            or self._named_in_quotes(child)
        ):
            return
        elif dep in ("nsubj", "nsubjpass"):
            self._subject(child)
        elif dep == "dobj":
            self._object(child)
        elif dep == "dative" and self.lemma == "tell":
            self.channels.append(Party(_subtree(child), "told", role="channel"))
            self.tokens += _subtree(child)
        elif dep == "agent":
            objects = [
                t for c in child.children if c.dep_ == "pobj" for t in _subtree(c)
            ]
            self.channels.append(Party(objects, f"{self.verb.text} by", role="channel"))
            self.tokens += _subtree(child)
        elif (outlet := _outlet(child)) is not None:
            self.channels.append(
                Party(_subtree(outlet), f"{self.verb.text} in", role="channel")
            )
            self.tokens += _subtree(child)
        else:
            self.tokens += _subtree(child)

    def _named_in_quotes(self, child: Token) -> bool:
        """Whether a dependent is part of a naming in quotes ("called [the
        approval] "a landmark moment" [for people with the disease]"): the
        content's."""
        return self.naming and child.i > self.verb.i and child.dep_ in ("dobj", "prep")

    def _warned_of(self, child: Token) -> bool:
        """Take what a warning is of ("warned of [significant delays]",
        "cautioned against [a rate cut]"): the content. Whether it was."""
        if self.lemma not in WARNING_VERBS or child.dep_ != "prep":
            return False
        if child.lower_ not in ("of", "about", "against"):
            return False
        warned = next((c for c in child.children if c.dep_ == "pobj"), None)
        # "had warned management about it": nothing of its own
        if warned is None or warned.pos_ == "PRON":
            return False
        self.tokens.append(child)
        self.beside = warned.left_edge.i
        self.has_clause = True
        return True

    def _content_beside(self, child: Token) -> bool:
        """Take a dependent that holds the content beside the frame's words:
        a that-clause the parser hung on the document it was said in ("said
        in a report that ...": the report is the frame's), what a document
        gives. Whether it was one."""
        dep = child.dep_
        if dep in ("prep", "dobj", "dative") and (
            clause := that_clause_of_a_document(child)
        ):
            # "told a briefing for journalists [that ...]" too
            inner = {t.i for t in clause.subtree}
            self.tokens += [t for t in child.subtree if t.i not in inner]
            self.has_clause = True
            # What the parser hangs on the verb after it is the clause's
            # ("said in a post that A, for offences including B").
            self.beside = clause.left_edge.i
            return True
        if self.document and dep in ("dobj", "dative", "prep", "npadvmod", "attr"):
            # "figures showed last week", "... on Tuesday": when, not what
            when = child if dep == "npadvmod" else _object_of_prep(child)
            if when is not None and when.lemma_.lower() in TIME_WORDS:
                return False
            if self.lemma in TALLY_VERBS and child.lower_ == "at":
                self.tokens.append(child)  # "stands at": the number follows
            return True
        return False

    def _cited_before(self, clause: Token) -> None:
        """ "TASS reported, citing the ministry, that ...": the parser hangs
        the citing on the clause; its source is the frame's (the words are
        trimmed from the passage)."""
        for child in clause.children:
            if child.lemma_.lower() == "cite" and self.verb.i < child.i < clause.i:
                objects = [
                    t for c in child.children if c.dep_ == "dobj" for t in _subtree(c)
                ]
                self.sources.append(Party(objects, "citing", role="source"))

    def _subject(self, child: Token) -> None:
        if in_quote(child, self.regions) or (
            self.own and self.subject is not None and child.i != self.subject.i
        ):
            return
        words = _subtree(child)
        # The parser at times splits one subject in two ("the state news
        # agency | BSS quoted"): the part just before it belongs to it.
        glued = [
            c
            for c in child.head.children
            if c.dep_ == "nsubj" and c.right_edge.i + 1 == child.left_edge.i
        ]
        if glued:
            words = _subtree(glued[0]) + words
        words = acronym_before(words) + words
        # "None of the 19 economists in a Reuters poll had forecast a hike":
        # the poll's finding is the whole sentence.
        # (not the poll's own finding: "A poll found 46% thought ...")
        self.whole = self.whole or any(
            t.lemma_.lower() in POLLS
            and t.dep_ == "pobj"
            and t.head.lower_ == "in"
            and t.i < self.verb.i
            for t in words
        )
        if self.lemma == "quote" and child.dep_ == "nsubj":
            self.channels.append(Party(words, "quoted", role="channel"))
        elif self.source:
            self.speaker_tokens = self.source
        else:
            self.speaker_tokens = words
        self.tokens += words

    def _object(self, child: Token) -> None:
        # A cue for something reported of the verb's object ("told
        # reporters") keeps the object in the frame; other objects are content.
        if self.appeal:
            return  # whom it urges is part of what it urges
        if (self.lemma == "say" and _clause_read_as_object(self.verb, child)) or (
            # "found 46% thought ...": a whole clause read as the object
            self.lemma in FINDING_VERBS
            and child.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ):
            self.has_clause = True
            return
        if self.lemma == "quote":
            self.speaker_tokens = _subtree(child)
        elif child == self.characterised:
            self.content = child
            return
        elif self.lemma in NAMING_VERBS and child.lower_ in ("what", "which"):
            self.tokens.append(child)
            return
        elif self.lemma in STANCE_VERBS and not self.has_clause:
            # A stance on something named is a claim; rejecting another's
            # words ("denied the allegations") says nothing of its own.
            self.whole = child.lemma_.lower() not in REBUTTED_NOUNS
            return
        elif (
            self.lemma in OBJECT_CONTENT_VERBS
            and self.lemma not in NAMING_VERBS
            and not self.has_clause
        ):
            self.content = child
            return
        elif self.lemma == "tell":
            self.channels.append(Party(_subtree(child), "told", role="channel"))
        self.tokens += _subtree(child)

    def frame(self) -> Frame:
        """The frame these words make, with its parties."""
        verb, regions = self.verb, self.regions
        # Never part of a frame: quoted words, and what follows its "that".
        tokens = [t for t in self.tokens if not in_quote(t, regions) and t.text != '"']
        for token in tokens:
            if token.i > verb.i and token.lower_ == "that" and token.dep_ == "mark":
                tokens = [t for t in tokens if t.i < token.i]
                self.has_clause = True
                break
        # Nor what the parser hangs on the verb after its clause ("said that
        # A, the second in a row"): that is the clause's.
        clauses = [
            c.left_edge.i
            for c in verb.children
            if c.i > verb.i
            and (
                (c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"))
                or that_clause_read_as_adverbial(c)
                # "..., saying A, a decision that ...": what follows a
                # participle set after the verb is not the frame's
                or (c.dep_ == "advcl" and c.tag_ == "VBG")
                # what a document gives
                or (self.document and c.dep_ in ("dobj", "attr"))
                # what is announced ("reported a rise in profit on Monday")
                or c == self.content
            )
        ]
        if self.beside is not None:
            clauses.append(self.beside)
        if clauses and any(t.i < min(clauses) for t in tokens):
            tokens = [t for t in tokens if t.i < min(clauses)]
        frame = Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
        frame.whole = self.whole
        speaker = Party(
            self.speaker_tokens,
            verb.text,
            publisher=bool(self.source) and self.speaker_tokens == self.source,
        )
        if not self.own and self.subject is not None:
            words = _subtree(self.subject)
            if verb.head == self.subject:  # a subject the parser hung it on
                own_words = {t.i for t in verb.subtree}
                words = [t for t in words if t.i not in own_words]
            speaker = Party(words, verb.text)
        frame.parties = [*self.sources, speaker, *self.channels]
        _carried(frame, speaker, verb)
        return frame


def _outlet(child: Token) -> Token | None:
    """The publication a cue's "in" names ("reported in The Lancet", "wrote
    in the Financial Times"): it carries the words, as "told Reuters" does;
    a place ("said in Kyiv") is left out once resolved (``detector``), a
    document ("in a statement") is no name."""
    if child.dep_ != "prep" or child.lower_ != "in":
        return None
    return next(
        (c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"),
        None,
    )


def _carried(frame: Frame, speaker: Party, verb: Token) -> None:
    """Chains inside the speaker's phrase: "a source, quoted by TASS, said"."""
    for token in speaker.tokens:
        if token.dep_ == "acl" and token.lemma_.lower() in CHANNEL_VERBS:
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None:
                objects = [
                    t for c in agent.children if c.dep_ == "pobj" for t in _subtree(c)
                ]
                frame.parties.append(Party(objects, f"{token.text} by", role="channel"))
                inner = {t.i for t in _subtree(token)}
                # A name the parser split off the outlet ("carried by the
                # state news agency | APS said") is the outlet's.
                objects += split_name(token, verb)
                speaker.tokens = [t for t in speaker.tokens if t.i not in inner]
                speaker.cue = verb.text
