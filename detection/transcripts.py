"""Broadcast transcripts: a guest's turn is theirs.

A paragraph opening with a speaker's label in capitals ("ORLA KEANE (Irish
Council for Civil Liberties): ...", "DR JANE ROE (KNEC chief executive):
...", "PAUL ROE, South West Water: ...") or in ordinary case with a bracket ("Jane Roe (UNICEF): ...") gives the rest of the paragraph to that speaker, whose agency is read
from the words in brackets (or, without them, from the name). The
newsroom's own voices (``cues.NEWSROOM_ROLES``: "ANCHOR:", "CORRESPONDENT
(Lima):", "TOM ROE (technology correspondent):" and his later "TOM ROE:")
report; their turns are no one's claim, and so are those of a voice the
label gave a role after a comma ("DANIEL ROE, REPORTER:") or a surname
("ROE:", once "DANIEL ROE" is known as the newsroom's, by a label, by the
name in its brackets ("PRESENTER (Daniel Roe):") or by "our correspondent
Daniel Roe"). In an edited interview (a "Q:" paragraph
met, or a first question labelled with a name, "Newsroom: Is it over?",
whose label is then the newsroom's), an answer opening with a name and a
colon ("Roe: ...") is the interviewee's, and so is "A: ...": the person who
spoke last before the first answer; so is a turn labelled in ordinary case
in a transcript ("Host: ..." met, or any newsroom voice's label). An edited
interview may label nothing: after an introduction that says so ("spoke to
us", "edited for length"), a paragraph that only asks ("What does that
change?") is the newsroom's question, and the paragraphs after it, until the
next, are the answers of the person the introduction interviewed, but for
the sentences that pass on another source's words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detection.capitals import is_capital
from detection.cues import (
    LAY_ROLES,
    NAME_JOINERS,
    NEWSROOM_ROLES,
    ORGANISATION_WORDS,
    RUBRICS,
    SPOKESPEOPLE,
    STAFF_TITLES,
    TITLES,
)
from detection.parties import Frame, Party
from detection.people import in_capitals, whole_named
from detection.remembering import remember
from detection.resolution import resolve, take
from detection.spans import Candidate
from detection.wording import words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from detection.mentions import Registry
    from detection.records import AgencyRef

# A video script's marks may come first: "(SOUNDBITE) (English) JANE ROE,
# UNICEF SPOKESPERSON: ...".
_MARKS = r"(?:\([^)]*\) +)*"
# Capital letters, accented ones too ("LUCIA ŠTEFÁNKOVÁ", "EINARSDÓTTIR");
# the Latin Extended-A block holds both cases, which no label mixes.
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0218-\u021b"
# What a label may add after a comma: "JANE ROE, UNICEF SPOKESPERSON:",
# "PAUL ROE, South West Water:", "TOM ROE, reporter:", "JANE ROE, CHIEF
# EXECUTIVE, IRISH AVIATION AUTHORITY (at committee):"; a party's letter may
# follow the name ("GOV. JANE ROE (D), OREGON:").
_LABEL = re.compile(
    _MARKS
    + rf"([{_UPPER}][{_UPPER}.'\- ]*[{_UPPER}](?: \([A-Za-z]{{1,4}}\))?)(?:, ([{_UPPER}a-z][\w.'&,\- ]{{0,80}}[\w.]))?(?: \(([^)]*)\))?: +(?=\S)"
)
# A label in ordinary case, whose bracket says it is one: "Jane Roe
# (UNICEF): ...", after a live blog's time perhaps ("14:05 Jane Roe ...").
_NAMED_LABEL = re.compile(
    _MARKS
    + r"(?:\d{1,2}[:.]\d{2} )?([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,4})()(?: \(([^)]*)\)): +(?=\S)"
)

# An edited interview ("Q: ..." then "Roe: ..."): once a question is met, a
# name in ordinary case before a colon opens the interviewee's answer.
_QUESTION = re.compile(r"(?:Q|Question)[:.] +\S")
_ANSWER_LABEL = re.compile(r"([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3})()(): +(?=\S)")

# An introduction that says the story is an edited interview.
_EDITED = re.compile(
    r"\b(?:spoke|talked) (?:to|with) (?:us|the newsroom)\b|"
    r"\binterview (?:has been|was) (?:edited|condensed)|"
    r"\bedited for (?:length|clarity)|\bexcerpts from (?:the|an|our) interview",
    re.IGNORECASE,
)
# The longest paragraph read as a question alone, in characters.
_QUESTION_LENGTH = 400

# After a video script's marks, a label in any case: "(SOUNDBITE) (English)
# UNICEF spokesperson James Elder: ...".
_MARKED_LABEL = re.compile(r"(?:\([^)]*\) +)+([A-Z][^:\n]{1,80}?)()(): +(?=\S)")

# "Our Asia correspondent, Tom Roe, ...": a newsroom voice, by name.
_OURS = re.compile(
    r"\b[Oo]ur (?:[\w-]+ ){0,3}?(?:"
    + "|".join(sorted(NEWSROOM_ROLES))
    + r"),? ((?:[A-Z][\w'-]+ )+[A-Z][\w'-]+)"
)


@dataclass
class Turn:
    """A guest's turn, in offsets within its paragraph."""

    source_start: int
    source_end: int
    content_start: int


@dataclass
class Transcript:
    """The labels met so far in one story, to know the newsroom's voices."""

    newsroom: set[str] = field(default_factory=set)
    # The words of the countries the newsroom's agencies are of: "KENYA:"
    # opens a roundup's item, not a speaker's turn.
    places: frozenset[str] = frozenset()
    # Where the last paragraph's label ended, if it was a newsroom voice's.
    _own_label: int = 0
    # Whether the story is an edited interview: a question was met.
    _interview: bool = False
    # Who asks, in an interview whose questions are labelled with a name
    # ("Newsroom: Is the outbreak under control?").
    _asker: str = ""
    # An interview that labels nothing: its introduction was met, and
    # whether a question was, which the paragraphs after it answer.
    _edited: bool = False
    _asked: bool = False
    # Whether the paragraph last read is such an answer.
    answer: bool = False
    # The names and aliases of the newsroom's people, and the labels in
    # ordinary case that open more than one paragraph of a known person's
    # ("Odhiambo: ..." and again "Odhiambo: ..." in a live blog's debate).
    people: frozenset[str] = frozenset()
    _dialogue: frozenset[str] = frozenset()

    def expect(self, paragraphs: Iterable[str]) -> None:
        """Note the labels of a known person that open two paragraphs or
        more: a dialogue's turns, wherever the story carries it."""
        labels = Counter(
            label.group(1)
            for paragraph in paragraphs
            if (label := _ANSWER_LABEL.match(paragraph))
            and label.group(1).lower() in self.people
        )
        self._dialogue = frozenset(name for name, count in labels.items() if count > 1)

    def read(self, paragraph: str) -> tuple[Turn | None, str]:
        """The guest's turn ``paragraph`` opens, if any, and the paragraph as
        the parser is to read it: a newsroom voice's label ("LLEWELLYN: ...")
        blanked out, offsets kept, so that the parser does not take the name
        for a part of the first sentence."""
        turn = self.turn(paragraph)
        self.answer = turn is None and self._unlabelled_answer(paragraph)
        if turn is None and self._own_label:
            paragraph = " " * self._own_label + paragraph[self._own_label :]
        return turn, paragraph

    def turn(self, paragraph: str) -> Turn | None:
        """The guest's turn ``paragraph`` opens, if it opens one."""
        self._own_label = 0
        self.newsroom.update(m.group(1).upper() for m in _OURS.finditer(paragraph))
        self._interview = self._interview or bool(_QUESTION.match(paragraph))
        plain = _ANSWER_LABEL.match(paragraph)
        if plain and not self._asker and paragraph.rstrip().endswith("?"):
            # The first labelled question names the interviewer: the
            # newsroom's voice, and the story an interview.
            self._asker = plain.group(1)
            self.newsroom.add(self._asker)
            self._interview = True
        label = (
            _LABEL.match(paragraph)
            or _NAMED_LABEL.match(paragraph)
            or _MARKED_LABEL.match(paragraph)
            # "Jane Roe: ..." in ordinary case: once the story is known to be
            # an interview or a transcript (a newsroom voice's label met), or
            # a newsroom voice's own ("Host: ...").
            or (
                plain
                if self._interview
                or self.newsroom
                or (plain and plain.group(1).lower() in NEWSROOM_ROLES)
                or (plain and plain.group(1) in self._dialogue)
                else None
            )
        )
        if label is None:
            return None
        name = label.group(1)
        if name.lower() in RUBRICS or (
            name.lower() in self.places and not label.group(2) and not label.group(3)
        ):
            return None  # a headline's "LIVE:", a roundup's "KENYA:"
        about = " ".join(g for g in label.group(2, 3) if g)
        words = {w.lower().strip(".,") for w in f"{name} {about}".split()}
        if words & NEWSROOM_ROLES or self._ours(name):
            self.newsroom.add(name)
            # "PRESENTER (Jenny Roe):": her later "ROE:" is the newsroom's too.
            named = label.group(3) or ""
            if re.fullmatch(r"[A-Z][\w'\-]+(?: [A-Z][\w'\-]+)+", named):
                self.newsroom.add(named.upper())
            self._own_label = label.end()
            return None
        # "(through interpreter)", "(by phone)": brackets that name no one
        # leave the speaker to the name.
        if label.group(3) and re.search(r"[A-Z]", label.group(3)):
            return Turn(label.start(3), label.end(3), label.end())
        # "JANE ROE, UNICEF:": the name and what the label adds to it.
        last = 2 if label.group(2) else 1
        return Turn(label.start(1), label.end(last), label.end())

    def _unlabelled_answer(self, paragraph: str) -> bool:
        """Whether ``paragraph`` answers an unlabelled question of an edited
        interview; a question met is noted for the paragraphs after it."""
        if self._interview or self.newsroom:
            return False  # its turns are labelled
        if not self._edited:
            self._edited = bool(_EDITED.search(paragraph))
            return False
        text = paragraph.strip()
        if text.endswith("?") and len(text) <= _QUESTION_LENGTH:
            self._asked = True
            return False
        return self._asked

    def _ours(self, name: str) -> bool:
        """Whether a label is a newsroom voice met before, in full or by its
        surname ("OKAFOR" after "DANIEL OKAFOR, REPORTER")."""
        return any(
            name == known or known.endswith(f" {name}") for known in self.newsroom
        )


def guest_turn(
    doc: Doc, turn: Turn, registry: Registry, offset: int, plain: str
) -> list[Candidate]:
    """A guest's turn in a transcript, as a passage of its speaker's."""
    tokens = [t for t in doc if turn.source_start <= t.idx < turn.source_end]
    if not tokens:
        return []
    party = Party(tokens, "said")
    label = " ".join(t.text for t in tokens)
    if label in _ANSWERS:
        # "A: ...": the person the story introduced as interviewed, the last
        # who spoke before the first answer.
        registry.interviewee = registry.interviewee or registry.last_person
        if registry.interviewee is not None:
            take(party, registry.interviewee, "person")
            remember(party, registry, offset)
            return _turn_passage(doc, turn, plain, offset, _frame(tokens, party))
    written = plain[offset + turn.source_start : offset + turn.source_end]
    # (as written: "EL-SHERIF", which the tokens space out)
    known = registry.turn_speakers.get(label) or registry.turn_speakers.get(written)
    if known is not None:
        # "HOLLIS:" after "GOV. MARGARET HOLLIS (D), OREGON:": whom the full
        # label was, not another agency holding the surname.
        party.agency, party.name, party.how = known
        remember(party, registry, offset)
        return _turn_passage(doc, turn, plain, offset, _frame(tokens, party))
    _resolve_label(party, label, registry, offset)
    # The name of a full label, less what it adds ("GOV. JANE ROE (D)").
    if party.agency is None:
        # "NADIA EL-SHERIF, Horus Capital:": an organisation the newsroom
        # does not know, not the guest's own name.
        organisation = _organisation_in_label(written, registry)
        if organisation:
            party.name, party.how = organisation, "unknown"
    name = re.sub(r"\s*\([^)]*\)", "", written.split(",", maxsplit=1)[0]).split()
    if len(name) > 1 and (party.agency is not None or party.name):
        registry.turn_speakers.setdefault(
            name[-1], (party.agency, party.name, party.how)
        )
    return _turn_passage(doc, turn, plain, offset, _frame(tokens, party))


def _organisation_in_label(written: str, registry: Registry) -> str:
    """The organisation a label in capitals gives after the name, in
    ordinary case ("Horus Capital" of "NADIA EL-SHERIF, Horus Capital"), or
    "": not a role ("Chief Economist"), nor a place ("Arbroath", "New York")."""
    name, _, part = written.rpartition(",")
    part = part.strip()
    if not name or not any(c.islower() for c in part):
        return ""
    words = part.split()
    if (
        not all(w[:1].isupper() or w.lower() in NAME_JOINERS for w in words)
        or any(w.lower().strip(".") in _NOT_ORGANISATION for w in words)
        or any(w in registry.countries for w in words_of(part) if w not in NAME_JOINERS)
        or is_capital(part)
    ):
        return ""
    return part if len(words) > 1 or words[0] in ORGANISATION_WORDS else ""


_NOT_ORGANISATION = LAY_ROLES | TITLES | STAFF_TITLES | SPOKESPEOPLE | NEWSROOM_ROLES


def soundbite(doc: Doc, registry: Registry, offset: int) -> Frame | None:
    """A video script's soundbite label alone in its paragraph ("(SOUNDBITE)
    (Romanian) HEALTH MINISTER SORIN MARINESCU, SAYING:"), as the frame of the
    words in the paragraph after it."""
    match = _SOUNDBITE.match(doc.text)
    if match is None:
        return None
    tokens = [t for t in doc if match.start(1) <= t.idx < match.end(1)]
    if not tokens:
        return None
    party = Party(tokens, "said")
    _resolve_label(party, " ".join(t.text for t in tokens), registry, offset)
    return _frame(tokens, party)


# "(SOUNDBITE) (English) NAME, TITLE, SAYING:", the words on the next line.
_SOUNDBITE = re.compile(r"(?:\([^)]*\) *)+([A-Z][^a-z:]*?),? SAYING: *$")


def _resolve_label(party: Party, label: str, registry: Registry, offset: int) -> None:
    """Whom a label in capitals names: as a speaker's phrase, an agency's or a
    known person's name in capitals, or an organisation less its role."""
    # "ANA LUCÍA FERRER:", a known person's whole name, is hers before any
    # agency's acronym among its words ("ANA").
    named = _named_whole(registry, label)
    if named is not None:
        party.agency, party.name, party.how = named, named.name, "person"
        remember(party, registry, offset)
        return
    resolve(party, registry, offset)
    if party.agency is None:
        # "DR PRIYA NAIR (MET OFFICE):", "KOSTAS DIMOU, PRESIDENT, HELLENIC
        # CABIN CREW UNION:": an agency's name in capitals, in the label or
        # a part of it.
        agency = next(
            (
                found
                for part in (label, *reversed(label.split(" , ")))
                if (found := registry.in_capitals(part.strip())) is not None
            ),
            None,
        )
        if agency is not None:
            party.agency, party.name, party.how = agency, agency.name, "alias"
    if party.agency is None or party.how == "role":
        # "BATBAYAR DORJ:", "GOV. MARGARET HOLLIS (D), OREGON:": a known
        # person, named in capitals, before any holder of their title
        # ("INTERIOR MINISTER CRISTIAN NEAGU").
        person = in_capitals(registry.people, label)
        agency = registry.agencies.get(person.agency or "") if person else None
        if agency is not None:
            party.agency, party.name, party.how = agency, agency.name, "person"
    if party.agency is None and party.name:
        # "UTOPIA 56 VOLUNTEER": the organisation's, the role aside.
        words = party.name.split()
        if len(words) > 1 and words[-1].lower() in LAY_ROLES:
            party.name = " ".join(words[:-1])
    remember(party, registry, offset)


def _named_whole(registry: Registry, label: str) -> AgencyRef | None:
    """The agency of the known person whose whole name, in capitals, the
    label is, if one is; of namesakes, the one whose agency the story
    names, if one alone is."""
    agencies = {person.agency for person in whole_named(registry.people, label)}
    if len(agencies) > 1:
        agencies &= {m.agency.slug for m in registry.mentions if m.agency}
    return registry.agencies.get(agencies.pop() or "") if len(agencies) == 1 else None


# An answer's label in an edited interview: "A: ...".
_ANSWERS = frozenset(("A", "Answer"))
# A sentence of courtesy, after a name it is said to: "Thanks, Siobhán, and
# good morning", "Minister, thanks for joining us", "Good evening, David".
_COURTESY = re.compile(
    r"(?:[\w.'\- ]{1,40}, +)?(?:thanks|thank you|good (?:morning|afternoon|evening)"
    r"|hello|welcome|you're welcome|my pleasure|a pleasure)\b",
    re.IGNORECASE,
)
_COURTESY_WORDS = 10


def _frame(tokens: list[Token], party: Party) -> Frame:
    return Frame(tokens[0].i, tokens[-1].i, tokens[-1], parties=[party])


def _turn_passage(
    doc: Doc, turn: Turn, plain: str, offset: int, frame: Frame
) -> list[Candidate]:
    """The turn's words, as one passage of ``frame``'s speaker; none for a
    turn of courtesies alone (a greeting, thanks), which claims nothing."""
    start, end = offset + turn.content_start, offset + len(doc.text)
    sentences = [
        words
        for s in doc.sents
        if (
            words := doc.text[
                max(s.start_char, turn.content_start) : s.end_char
            ].strip()
        )
    ]
    if all(_COURTESY.match(s) and len(s.split()) <= _COURTESY_WORDS for s in sentences):
        return []
    end = len(plain[:end].rstrip(" ."))
    # A turn in quotation marks: the words inside them.
    if plain[start] == '"' and plain[end - 1] == '"':
        start, end = start + 1, len(plain[: end - 1].rstrip(" .,"))
    return [Candidate(start, end, [frame])]


def interviewee(intro: Sequence[tuple[int, Doc]], registry: Registry) -> Party | None:
    """Whom an edited interview's introduction says spoke to the newsroom
    ("Khumalo, a hydrologist, spoke to us in Pretoria"), resolved: the
    subject of the last sentence saying so, read back from the question."""
    for offset, doc in reversed(intro):
        for sent in reversed(list(doc.sents)):
            if not _EDITED.search(sent.text):
                continue
            for token in sent:
                if token.dep_ != "nsubj" or token.pos_ != "PROPN":
                    continue
                # the name's words before it, hyphens and all ("Roe-Lind")
                first = min(
                    (t.i for t in token.lefts if t.dep_ == "compound"), default=token.i
                )
                party = Party(list(doc[first : token.i + 1]), "answered")
                resolve(party, registry, offset)
                if party.agency is not None or party.name:
                    return party
    return None


def answer_passages(
    doc: Doc, found: Sequence[Candidate], party: Party, offset: int
) -> list[Candidate]:
    """An unlabelled answer's runs of sentences, as the interviewee's
    passages: all but the sentences holding a passage of another source
    ("The Weather Service told us that ...")."""
    taken = [(c.start, c.end) for c in found]
    runs: list[list[Span]] = [[]]
    for sent in doc.sents:
        start, end = sent.start_char + offset, sent.end_char + offset
        if any(a < end and start < b for a, b in taken) or not sent.text.strip():
            runs.append([])
        else:
            runs[-1].append(sent)
    passages = []
    for run in runs:
        if not run:
            continue
        first, last = run[0], run[-1]
        frame = Frame(first.start, first.start, first[0], parties=[party])
        start = first.start_char + offset
        words = doc.text[first.start_char : last.end_char].rstrip(" .")
        passages.append(Candidate(start, start + len(words), [frame]))
    return passages
