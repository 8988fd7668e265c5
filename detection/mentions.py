"""The sources a story names, in the order a reader meets them.

Known agencies are found in the text by name and alias. A *name* ("the
National Bank", "Energoatom", "Lithuania's interior ministry") is the agency
that holds it. A *description* ("the bank", "the interior ministry": no word
of it capitalised) names nothing by itself, however many agencies list it as
an alias: it is the nearest source the story itself has named that fits its
words; only when the story named none does it fall to the agencies holding
it, and then to the one whose other words (a country, a city) the story uses.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from detection.agencies import (
    DETERMINER,
    agency_index,
    country_words,
    fold_first,
    is_description,
    kind_of,
    label_words,
    name_words,
    nouns_of,
    placed_by,
    trade_nouns,
)
from detection.cues import (
    ALL_KIND_NOUNS,
    ANY_ORGANISATION,
    COMPANY_WORDS,
    FUNCTION_WORDS,
    HONORIFICS,
    INSTITUTION_WORDS,
    KIND_NOUNS,
    NAME_PARTICLES,
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    OTHER_PARTIES,
    POST_NOMINALS,
    STOP_WORDS,
    TIME_WORDS,
    TITLES,
)
from detection.namesakes import prefer_named
from detection.people import PeopleNamed
from detection.records import AgencyRef, PersonRef
from detection.wording import (
    fits,
    group_by_start,
    kin,
    kin_in,
    lower_case_words,
    words_of,
)


@dataclass
class Mention:
    start: int
    end: int
    agency: AgencyRef | None
    name: str
    nouns: frozenset[str] = frozenset()
    # A description, settled against the story when first needed.
    described: tuple[AgencyRef, ...] = ()
    settled: bool = False
    # A source the newsroom does not know: no agency, its name as written.
    unknown: bool = False
    # A person who spoke ("he", "the minister"), not an organisation.
    person: bool = False
    # A person's gender when the words tell it: "f", "m" or "".
    gender: str = ""
    # Named in passing, not as what a sentence is about.
    in_passing: bool = False

    @property
    def source(self) -> bool:
        """Whether it stands for a source, known or not."""
        return self.agency is not None or self.unknown

    def words(self) -> frozenset[str]:
        """What describes it: its nouns, and the words of an unknown's name."""
        if self.unknown:
            named = frozenset(words_of(self.name))
            return self.nouns | named | ANY_ORGANISATION | trade_nouns(named, "")
        return self.nouns

    @property
    def company(self) -> bool:
        """Whether an unknown's name says it is a company ("Aerodata
        Solutions"), met as what a sentence is about, not in passing, and
        not called something else ("the consultancy GeoAqua Solutions")."""
        return (
            self.unknown
            and not self.in_passing
            and self.nouns <= _A_COMPANY
            and any(w in COMPANY_WORDS for w in self.name.split()[1:])
        )


# What a story calls a company it named ("the company", "the firm").
_A_COMPANY = frozenset(("company", "firm"))
# Titles written as an acronym, before a person's name ("Local MP Sarah
# Mortimer"): not the agency whose alias the letters also are.
_TITLE_ACRONYMS = frozenset(("MP", "MEP", "MSP", "MLA", "PM", "DR"))
# A person's name after it, in either case: "Dr Ruth Hanley", "DR RUTH HANLEY",
# "DR. JEAN-ROBERT DORCÉ".
_NAME_AFTER = re.compile(r"\.? [A-Z][a-z]+ [A-Z]|\.? [A-Z][A-Z'-]+ [A-Z]{2,}")
# A country's name shorter than this has no people's word read from it.
_SHORTEST_STEM = 3
# How far after a description a lead may name its source, in characters.
_LEAD = 1000
# A word written capitalised, or an acronym of four letters at most; not a
# word of a transcript's label in capitals ("TRANSPORT CORRESPONDENT").
_CAPITALISED = re.compile(r"\b(?:[A-Z][\w'-]*[a-z][\w'-]*|[A-Z]{1,4})\b")
# A capitalised word just before a name, joined to it by a space, and the
# words that stand there without being part of a longer name.
_WORD_BEFORE = re.compile(r"\b([A-Z][\w-]*) $")
# "Chamber of " before "Commerce": the body a name's last words belong to.
_BODY_OF_BEFORE = re.compile(r"\b([A-Z][\w-]*) (?:of|for) (?:the )?$")
# ... nor is another party's noun opening a sentence ("Rival Northjet said").
_NOT_A_NAME = STOP_WORDS | FUNCTION_WORDS | HONORIFICS | TITLES | OTHER_PARTIES
# A word that places or owns the name after it, no word of a longer name:
# "Colorado-based Arcadia Launch Systems", "state-owned", "Kremlin-backed".
_MODIFIER = re.compile(
    r".+-(?:based|owned|backed|listed|run|led|funded|controlled|registered)$"
)
# How many capitalised words before a name are read as part of a longer one.
_NAME_WORDS_BEFORE = 3
# "The Council" of "The Council of Indigenous Communities": a name going on.
_OF_AFTER = re.compile(r" of (?:the )?([A-Z][\w-]*)")
_WORD_AFTER = re.compile(r" ([A-Z][a-z][\w-]*)")
# ... save a word no name goes on in ("Kestrel Monday", "Kestrel The").
_NOT_A_NAME_AFTER = _NOT_A_NAME | TIME_WORDS


def _surname(name: str) -> str:
    """The last word of a person's name, in lower case, not letters after it:
    "Amelia Grant KC" is "grant"."""
    words = name.lower().split()
    named = [w for w in words if w.strip(".") not in POST_NOMINALS]
    return (named or words)[-1]


def _capitalised_words(text: str) -> list[str]:
    """The words ``text`` writes capitalised, as ``words_of`` reads them."""
    return words_of(" ".join(_CAPITALISED.findall(text)))


def _short_form(written: str) -> bool:
    """Whether a name as written is "the" and a kind of body alone ("the
    Council", "the Commission")."""
    words = written.split()
    return (
        len(words) == 2  # noqa: PLR2004 - "the" and the kind
        and words[0].lower() == "the"
        and words[1].lower() in ORGANISATION_NOUNS
    )


def _in_lower_case(written: str, label: str) -> bool:
    """Whether a name of more than one word is written all in lower case
    ("the main opposition party" for the record "Opposition party"): words
    of a kind, describing, not naming."""
    return (
        " " in label.strip() and written == written.lower() and label != label.lower()
    )


def _bare(label: str) -> str:
    """A label as names are compared: case and a leading "the" aside."""
    return DETERMINER.sub("", label.strip()).lower()


def _title_before_name(text: str, start: int, end: int) -> bool:
    return text[start:end] in _TITLE_ACRONYMS and bool(_NAME_AFTER.match(text, end))


# How often a story names a country it is about.
_ABOUT_A_COUNTRY = 2


@functools.lru_cache(maxsize=8)
def _bare_labels(
    agencies: tuple[AgencyRef, ...],
) -> dict[str, tuple[AgencyRef, ...]]:
    """The agencies by each of their labels, bare (``_bare``): built once per
    newsroom, for labels written in capitals."""
    found: dict[str, list[AgencyRef]] = {}
    for agency in agencies:
        for label in dict.fromkeys(_bare(x) for x in (agency.name, *agency.aliases)):
            found.setdefault(label, []).append(agency)
    return {label: tuple(held) for label, held in found.items()}


class Registry:
    """The agencies and people of one detection run, with the story's
    mentions of them so far, in the order a reader meets them."""

    def __init__(
        self, text: str, agencies: Sequence[AgencyRef], people: Sequence[PersonRef]
    ) -> None:
        self.agencies = {agency.slug: agency for agency in agencies}
        self.people = list(people)
        self.index = agency_index(tuple(agencies))
        self._bare_labels = _bare_labels(tuple(agencies))
        # The words of the known agencies' countries ("kenya", "spain").
        self.countries = self.index.countries
        self.story_words = frozenset(words_of(text))
        self.story_groups = group_by_start(self.story_words)
        # The words the story writes capitalised: where it names a country
        # ("US"), not a word of its own ("us").
        capitalised = _capitalised_words(text)
        self.story_caps = frozenset(capitalised)
        # How often it writes each: the country a story is about, it names
        # more often than one it mentions in passing.
        self._caps_counts = Counter(capitalised)
        self.caps_groups = group_by_start(self.story_caps)
        # The countries' words it writes so: the places it is about.
        self.named_countries = frozenset(
            w for w in self.countries if fits((w,), self.story_caps, self.caps_groups)
        )
        # Whether it names one of them often enough to be about it.
        self._about_a_country = any(
            self._caps_counts[w] >= _ABOUT_A_COUNTRY for w in self.named_countries
        )
        # ... and those outside the names of agencies it names, once known.
        self._free_caps, self._free_groups = self.story_caps, self.caps_groups
        self._text = text
        # The words the story writes in lower case somewhere ("so", "then").
        self._lower_words = lower_case_words(text)
        self.mentions: list[Mention] = []
        tied: list[bool] = []
        if self.index.pattern is not None:
            for match in self.index.pattern.finditer(text):
                if not (
                    _title_before_name(text, match.start(), match.end())
                    or self._inside_another_name(match.start(), match.end())
                    or self._opening_another_name(match.start(), match.end())
                ):
                    mention, unsure = self._mention(match.start(), match.end())
                    self.mentions.append(mention)
                    tied.append(unsure)
        # Resolved references (speakers), added as detection walks the story.
        self.references: list[Mention] = []
        self.surnames: dict[str, AgencyRef | None] = {}
        # ... and of people the story gave an organisation it does not know
        # ("Lena Brandt, a researcher at security firm Kestrel Intelligence").
        self.unknown_surnames: dict[str, str] = {}
        self.last_speaker: Mention | None = None
        # The last unnamed speakers an outlet carried ("two people familiar
        # with the talks told Reuters"), whom a "they said" continues.
        self.last_carried: Mention | None = None
        # Organisations the parser found that the newsroom does not know, as
        # a sentence's subject; and named in passing, for "the hospital".
        self.organisations: list[Mention] = []
        self.passing: list[Mention] = []
        # Where sentences have an organisation as subject; where an unnamed
        # person is the subject or the speaker.
        self.subjects: list[int] = []
        self.strangers: list[int] = []
        # Where a sentence is about a country, and its name: (start, name).
        self.places: list[tuple[int, str]] = []
        self.stranger_genders: dict[int, str] = {}
        self.stranger_nouns: set[str] = set()  # "waiter" of "a waiter"
        # The passages found so far, and the words in quotation marks: a
        # person named in one is not its speaker.
        self.passages: list[tuple[int, int]] = []
        self.quotes: list[tuple[int, int]] = []
        # The last speaker who is a person, whom "he" and "she" continue.
        self.last_person: Mention | None = None
        # Whom an edited interview's "A:" answers are (``transcripts``), and
        # whom a transcript's surname labels are ("HOLLIS:" after "GOV.
        # MARGARET HOLLIS (D), OREGON:"): agency, name, how.
        self.interviewee: Mention | None = None
        self.turn_speakers: dict[str, tuple[AgencyRef | None, str, str]] = {}
        # Every person who spoke, in the order met.
        self.persons: list[Mention] = []
        self.people_named = PeopleNamed(
            text,
            people,
            {m.agency.slug for m in self.mentions if m.agency},
            self._lower_words,
            [(m.start, m.end) for m in self.mentions if m.agency and not m.described],
        )
        self._prefer_named(tied)
        # The capitalised words outside the names of agencies the story names.
        free = list(text)
        for m in self.mentions:
            if m.agency is not None and not m.described:
                free[m.start : m.end] = " " * (m.end - m.start)
        self._free_caps = frozenset(_capitalised_words("".join(free)))
        self._free_groups = group_by_start(self._free_caps)
        # Surnames of the known people the story names, not of everyone.
        for *_, person in self.people_named.found:
            speaks_for = self.agencies.get(person.agency or "")
            for label in (person.name, *person.aliases):
                self.surnames[_surname(label)] = speaks_for

    def _prefer_named(self, tied: Sequence[bool]) -> None:
        """Give each mention the agency the story itself names, by name or
        by a known person of its (``namesakes``)."""
        prefer_named(
            self.mentions,
            self.index,
            self._text,
            tied,
            Counter(
                agency
                for *_, person in self.people_named.found
                if (agency := self.agencies.get(person.agency or "")) is not None
            ),
        )

    def in_capitals(self, text: str) -> AgencyRef | None:
        """The one agency named or aliased ``text`` written in capitals
        ("MET OFFICE" for the Met Office), if one alone is."""
        if not text.isupper():
            return None
        key = _bare(text)
        held = set(self._bare_labels.get(key, ()))
        # a name beats an alias, as in the story's text
        named = {a for a in held if _bare(a.name) == key}
        for found in (held, named):
            if len(found) == 1:
                return found.pop()
        return None

    def _inside_another_name(self, start: int, end: int) -> bool:
        """Whether a name is the end of a longer one no agency holds:
        "Sunderland City Council" is not the council another story filed
        as "City Council". The word before is a name's when the story never
        writes it in lower case ("So the City Council" is the council)."""
        written = self._text[start:end]
        if DETERMINER.match(written) or is_description(written):
            return False
        _, held = self.index.by_label[fold_first(written)]
        # "the Harwick and Elmsford Chamber of Commerce" is no "Commerce"
        # department: a body's word before "of" that the holder's names lack.
        body = _BODY_OF_BEFORE.search(self._text, max(0, start - 40), start)
        if body is not None and body.group(1) in ORGANISATION_WORDS:
            word = body.group(1).lower()
            if not any(fits((word,), name_words(a)) for a in held):
                return True
        # The capitalised words before it, nearest first: "Deschutes County
        # Sheriff's Office" is not "Ventura County Sheriff's Office" for
        # sharing "County".
        position = start
        for _ in range(_NAME_WORDS_BEFORE):
            before = _WORD_BEFORE.search(self._text, max(0, position - 40), position)
            if before is None:
                return False
            word = before.group(1).lower()
            if (
                word in _NOT_A_NAME
                or word in self._lower_words
                or _MODIFIER.match(word)
            ):
                return False
            if not any(fits((word,), country_words(a) | name_words(a)) for a in held):
                return True
            position = before.start()
        return False

    def _opening_another_name(self, start: int, end: int) -> bool:
        """Whether a name is the opening of a longer one its holders' names do
        not go on to: "The Council of Indigenous Communities of Salinas
        Grandes" is not the EU's "the Council", nor "the Bank of England" a
        bank known as "the bank"."""
        written = self._text[start:end]
        after = _OF_AFTER.match(self._text, end)
        if after is None and " " not in written.strip():
            # "the Kestrel Bay", a ship: a one-word name going on in a
            # capitalised word no holder's name has
            after = _WORD_AFTER.match(self._text, end)
            if after is not None and (
                after.group(1).lower() in _NOT_A_NAME_AFTER
                or after.group(1).lower() in self._lower_words
            ):
                return False
        if after is None:
            return False
        word = after.group(1).lower()
        _, held = self.index.by_label[fold_first(written)]
        return not any(fits((word,), country_words(a) | name_words(a)) for a in held)

    def places_in_story(self, words: Iterable[str]) -> bool:
        """Whether the story writes all of ``words`` capitalised ("Malawi")."""
        return fits(words, self.story_caps, self.caps_groups)

    def _placed_here(self, agency: AgencyRef) -> bool:
        """Whether the story names the agency's country."""
        return any(
            fits((word,), self.story_words, self.story_groups)
            for word in country_words(agency)
        )

    def _mention(self, start: int, end: int) -> tuple[Mention, bool]:
        """The mention at ``start:end``, and whether the story's words told
        none of its label's holders apart."""
        written = self._text[start:end]
        label, held = self.index.by_label[fold_first(written)]
        # "Commission" is a name; "the commission" as written describes, and
        # so does "the Council" after the Irish Fiscal Advisory Council: a
        # kind of body alone, capitalised as a short form.
        if (
            is_description(label)
            or is_description(written)
            or _short_form(written)
            or _in_lower_case(written, label)
        ):
            return Mention(start, end, None, label, described=held), False
        # A name beats an alias: "the European Commission" is the agency of
        # that name, not one another story listed it under as an alias;
        # unless the name places it nowhere and an alias's holder is of a
        # country the story names ("Ministry of Health", and Chile's under
        # that alias, in a story about Chile).
        bare = _bare(label)
        named = [a for a in held if _bare(a.name) == bare]
        placed = len(named) == 1 and (
            named[0].country
            or not any(self._placed_here(a) for a in held if a is not named[0])
        )
        if placed and self._another_countrys(named[0], written):
            # "the Constitutional Court" in a South African story is no other
            # country's court of that name: one the newsroom does not know.
            return self._unknown(start, end, written), False
        if placed:
            # still open to what the story names of the others (its people)
            return Mention(start, end, named[0], label), True
        if len(held) == 1 and self._another_countrys(held[0], written):
            return self._unknown(start, end, written), False
        known = self.best_known(held)
        return Mention(start, end, known or held[0], label), known is None

    def best_known(
        self,
        held: Sequence[AgencyRef],
        besides: Iterable[str] = (),
        *,
        named: bool = True,
    ) -> AgencyRef | None:
        """Of agencies sharing a label, the one whose other words (a country)
        the story uses; None when no one of them stands out. A label that is
        a name (``named``) is its only holder's without further words."""
        if len(held) == 1 and named:
            return held[0]
        besides = set(besides)

        def extra(agency: AgencyRef) -> frozenset[str]:
            # Its names' words and its country's, not a description's
            # ("the opposition" tells no one party apart).
            return (
                (name_words(agency) | country_words(agency))
                - besides
                - set(KIND_NOUNS.get(kind_of(agency), ()))
                - INSTITUTION_WORDS
                - ORGANISATION_NOUNS
                - NAME_PARTICLES
            )

        def context(agency: AgencyRef) -> int:
            # a country counts wherever the story writes it; a name's own
            # word not inside another's name ("Power" of "Cascade Crest
            # Power" tells no other power company apart)
            places = country_words(agency)
            # A government of a country the story never names, in a story
            # placed in another, is none it means, whatever portfolio it shares
            # a word with ("Transport Minister" of Italy's is not Denmark's
            # transport ministry).
            if self._unplaced(agency):
                return 0
            # nor a word the story also writes in lower case ("Workers" of
            # another union, in a story about "workers at the mine")
            # each word the story writes once, however many of the agency's
            # words are kin to it ("Republican" for "Republicano" and
            # "Republicans" of another country's party)
            written = set()
            for word in extra(agency):
                if word in places or word in self.countries:
                    written.add(kin_in(word, self.story_caps, self.caps_groups))
                elif word not in self._lower_words:
                    written.add(kin_in(word, self._free_caps, self._free_groups))
            return len(written - {None})

        scored = sorted(((context(a), a) for a in held), key=lambda pair: -pair[0])
        scored.append((0, held[0]))
        if scored[0][0] == 0:
            # No holder's country is the story's: the one holder tied to no
            # place ("Ministry of Health") rather than another country's.
            general = [a for a in held if not extra(a)]
            return general[0] if len(general) == 1 and not named else None
        if scored[0][0] == scored[1][0]:
            tied = [a for score, a in scored[:-1] if score == scored[0][0]]
            by_country = all(
                not any(
                    fits((w,), self.story_caps, self.caps_groups)
                    for w in extra(a)
                    if not _of_its_country(w, a)
                )
                for a in tied
            )
            return self._more_often(tied) if by_country and not named else None
        winner = scored[0][1]
        return None if self._placed_in_passing(winner, extra(winner)) else winner

    @staticmethod
    def _unknown(start: int, end: int, written: str) -> Mention:
        """A source the newsroom does not know, by its name as written."""
        return Mention(start, end, None, DETERMINER.sub("", written))

    def _unplaced(self, agency: AgencyRef) -> bool:
        """Whether an agency is a government of a country the story never
        names, in a story that names another."""
        places = country_words(agency)
        return (
            agency.kind == "government"
            and bool(self.named_countries - places)
            and not self.named_countries & places
        )

    def _another_countrys(self, agency: AgencyRef, written: str) -> bool:
        """Whether ``written``, a name many countries' bodies hold that places
        it nowhere ("the Constitutional Court"), is in a story about another
        country (named twice or more) than ``agency``'s, never named."""
        if not agency.country or not self._unplaced(agency):
            return False
        words = {w for w in words_of(written) if w not in STOP_WORDS}
        if not words or placed_by(words, agency):
            return False
        if not self._about_a_country:
            return False
        # a name of several countries' bodies, not one of a single
        # country's ("Serious Fraud Office")
        labels = set.intersection(*(set(self.index.holding.get(w, ())) for w in words))
        return len({self.index.words[k][1].country for k in labels}) > 1

    def _placed_in_passing(self, agency: AgencyRef, words: frozenset[str]) -> bool:
        """Whether a holder the story places only by its country's name is of
        a country it mentions in passing, in a story about another ("the
        government" in a Czech story naming Poland once is no Polish
        ministry)."""
        places = country_words(agency)
        if any(
            w not in places
            and w not in self._lower_words
            and fits((w,), self._free_caps, self._free_groups)
            for w in words
        ):
            return False
        counts = self._caps_counts.items()
        own = sum(n for w, n in counts if any(kin(w, p) for p in places))
        return any(
            n > own
            for w, n in counts
            if w in self.named_countries and not any(kin(w, p) for p in places)
        )

    def _more_often(self, tied: Sequence[AgencyRef]) -> AgencyRef | None:
        """Of holders tied by their countries alone ("the interior ministry"
        of Tunisia and of Italy), the one whose country the story names far
        more often: the country it is about, not one it mentions."""
        often = sorted(
            (
                (
                    sum(
                        n for w, n in self._caps_counts.items() if _of_its_country(w, a)
                    ),
                    a,
                )
                for a in tied
            ),
            key=lambda pair: -pair[0],
        )
        if often[0][0] > 2 * often[1][0]:
            return often[0][1]
        return None

    def settle(self, mention: Mention) -> Mention:
        """A description's source: the nearest fitting one named before it."""
        if not mention.described or mention.settled:
            return mention
        mention.settled = True
        needed = [w for w in words_of(mention.name) if w not in STOP_WORDS]
        # Organisations the newsroom does not know count too ("the cycling
        # group Bike Duluth ... The group said").
        named = [
            self.settle(m)
            for m in (
                *self.mentions,
                *self.references,
                *self.organisations,
                *self.passing,
            )
            if m.end <= mention.start and not self._a_country_alone(m)
        ]
        named.sort(key=lambda m: m.end, reverse=True)
        # By the words of its names first ("the ministry" for the Ministry of
        # Earth Sciences), then the agency holding the description whose
        # country the story names, then by kind (a central bank is "the bank").
        # A bare kind ("the group") is the nearest source of that kind before
        # any holder of it elsewhere.
        attempts: list[Callable[[], Mention | AgencyRef | None]] = [
            lambda: _named_fitting(named, needed, label_words),
            lambda: self.best_known(mention.described, needed, named=False),
            lambda: _named_fitting(named, needed, nouns_of),
        ]
        # A lead's description before the name ("The union behind the strike
        # says ... The Hellenic Cabin Crew Union"): a source the story names
        # after it, before a holder of the description from elsewhere.
        later = (
            sorted(
                (
                    m
                    for m in self.mentions
                    if mention.start < m.start < mention.start + _LEAD
                    and not m.described
                ),
                key=lambda m: m.start,
            )
            if DETERMINER.match(self._text[mention.start : mention.end])
            else []
        )
        if len(needed) == 1 and not self._country_holds(mention):
            attempts[1], attempts[2] = attempts[2], attempts[1]
            attempts.insert(2, lambda: _named_fitting(later, needed, label_words))
        else:
            attempts.append(lambda: _named_fitting(later, needed, label_words))
        for attempt in attempts:
            found = attempt()
            if isinstance(found, Mention):
                mention.agency, mention.unknown = found.agency, found.unknown
                mention.name = found.name if found.unknown else mention.name
                break
            if found is not None:
                mention.agency = found
                break
        return mention

    def _a_country_alone(self, mention: Mention) -> bool:
        """Whether a mention is a country's name or its people's word alone
        ("Qatar", "Qatari" of the foreign ministry that holds the alias): it
        names no ministry a later "the ministry" could be."""
        if mention.agency is None or mention.described or mention.person:
            return False
        written = words_of(self._text[mention.start : mention.end])
        return bool(written) and all(
            _of_its_country(w, mention.agency) for w in written
        )

    def _country_holds(self, mention: Mention) -> bool:
        """Whether "the government" is the government of a country the story
        names, which holds the description as one of its own labels: that
        one, not another country's ministry or embassy by kind."""
        return mention.name.lower() == "the government" and any(
            self._placed_here(a) for a in mention.described if a.country
        )

    def note_subject(self, position: int) -> None:
        """A sentence's subject at ``position``: kept when an agency's."""
        if any(m.start <= position < m.end for m in self.mentions):
            self.subjects.append(position)

    def add_organisation(
        self, start: int, end: int, name: str, *, subject: bool = True
    ) -> None:
        """An organisation the story names that no agency's label matched
        ("Ordo Media"), for "it", "its" and "the hospital" to refer to; a
        sentence's ``subject`` is what the sentence is about."""
        if any(o.start == start for o in (*self.organisations, *self.passing)):
            return
        if not any(m.start < end and start < m.end for m in self.mentions):
            found = Mention(
                start,
                end,
                None,
                DETERMINER.sub("", name),
                unknown=True,
                in_passing=not subject,
            )
            if subject:
                self.subjects.append(start)
                self.organisations.append(found)
            else:
                self.passing.append(found)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions within ``start:end`` that stand for an agency; one
        whose label's "the" is the next noun's ("The WFP report", "the
        Kremlin spokesman") counts from the name itself, and so does a name
        whose first words the parser left out of the phrase ("The union IF
        Metall", "IF" read as "if")."""
        found = [
            self.settle(m)
            for m in self.mentions
            if m.end <= end
            and (
                m.start >= start
                or self._text[m.start : start].lower() == "the "
                or m.start < start < m.end
            )
        ]
        return [m for m in found if m.source]

    def role_match(self, text: str, start: int | None = None) -> AgencyRef | None:
        """The agency whose words (minister read as ministry, a people as its
        country) the phrase holds most of: "Lithuanian Interior Minister Agne
        Bilotaite" for "Lithuania's interior ministry"."""
        words = frozenset(words_of(text))
        grouped = group_by_start(words)
        # Only names sharing a word with the phrase can fit it.
        near = sorted({k for w in words for k in self.index.holding.get(w, ())})
        fitting = [
            (len(needed), agency, describes)
            for needed, agency, describes in (self.index.words[k] for k in near)
            if fits(needed, words, grouped)
            and not _another_place(
                agency, words, _proper_words(text, needed | name_words(agency))
            )
            and not self._another_countrys(agency, text)
        ]
        if not fitting:
            return None
        most = max(size for size, _, _ in fitting)
        best = [(a, describes) for size, a, describes in fitting if size == most]
        # Of several fitting as well, none when the story tells none apart:
        # "a finance ministry document" names no one country's ministry. A
        # description another story filed ("the governing body" of World
        # Athletics) is not its holder's where the story has named, before
        # it (at ``start``), a source of the kind it describes (the Asian
        # Football Confederation, a body), unless the story places the
        # holder (its country).
        named = not (
            start is not None
            and all(describes for _, describes in best)
            and self._kind_named_before(start, words)
        )
        return self.best_known(
            list(dict.fromkeys(a for a, _ in best)), words, named=named
        )

    def _kind_named_before(self, start: int, words: frozenset[str]) -> bool:
        kinds = words & ALL_KIND_NOUNS
        return bool(kinds) and any(
            m.agency is not None and kinds & nouns_of(m.agency)
            for m in self.mentions
            if m.end <= start and not m.described
        )

    def following(self, position: int, noun: str) -> Mention | None:
        """The first known source after ``position`` of the kind ``noun``
        names: "A Kenyan court ..." is the court the story names later, by a
        name (a description there is settled when the story reaches it)."""
        later = sorted(
            (m for m in self.mentions if m.start > position and not m.described),
            key=lambda m: m.start,
        )
        return next(
            (
                m
                for m in later
                if m.source and m.agency is not None and noun in nouns_of(m.agency)
            ),
            None,
        )

    def written(self, mention: Mention) -> str:
        """A mention's words as the story writes them."""
        return self._text[mention.start : mention.end]

    def recent(
        self,
        position: int,
        noun: str | None = None,
        *,
        organisations: bool = False,
        said: bool = True,
    ) -> Mention | None:
        """The latest source met before ``position`` (that ``noun`` fits; an
        organisation, not a person who spoke, when ``organisations``). A noun
        fits by the words of a source's names before it fits by its kind:
        "the department" is the Commerce Department named a while ago rather
        than the government just mentioned. Unless ``said``, the words said
        of a known source where it spoke do not count, only its names."""
        unknown: list[Mention] = []
        if organisations or noun is not None:
            unknown = self.organisations
        if noun is not None:
            unknown = [*unknown, *self.passing]
        candidates = [
            self.settle(m)
            for m in (*self.mentions, *self.references, *unknown)
            if m.end <= position
        ]
        candidates.sort(key=lambda m: m.end, reverse=True)
        candidates = [
            m for m in candidates if m.source and not (organisations and m.person)
        ]
        if noun is None:
            return candidates[0] if candidates else None
        candidates = [m for m in candidates if not self._a_country_alone(m)]
        # A kind ("the company") is the nearest source of that kind, whatever
        # an earlier one was called where it spoke.
        kind = noun in ALL_KIND_NOUNS
        for describes in (label_words, nouns_of):
            # "Aerodata Solutions has issued a statement. The company says":
            # by its kind, a company the newsroom does not know whose name
            # says so, unless an agency that may be one was named since.
            company = describes is nouns_of and noun in _A_COMPANY
            for mention in candidates:
                words = mention.words() if said or mention.unknown else frozenset()
                if kind and describes is label_words:
                    # an unknown's kind by its name, not by what it was called
                    words = words - mention.nouns if mention.unknown else frozenset()
                if noun in words or (
                    mention.agency is not None and noun in describes(mention.agency)
                ):
                    return mention
                if company and mention.company:
                    return mention
                company = company and not _may_be_a_company(mention)
        return None


def _proper_words(text: str, before: frozenset[str] | None = None) -> frozenset[str]:
    """The capitalised words of a phrase ("Áncash" too), but a body's own
    words ("the Deschutes County Sheriff's Office": "deschutes", "sheriff");
    with ``before``, only those right before one of those words ("Deschutes"
    of "Deschutes County", not "Mehmet" of "Minister Mehmet Simsek") or
    after one and "of" ("Moquegua" of "Regional Government of Moquegua")."""
    matches = list(re.finditer(r"[^\W_][\w'-]*", text))
    written = [m.group() for m in matches]
    # each word's first reading, and whether only spaces part it from the next
    lower = [words_of(w)[:1] for w in written]
    joined = [not text[a.end() : b.start()].strip() for a, b in pairwise(matches)]
    found = set()
    for n, word in enumerate(written):
        if not word[0].isupper():
            continue
        of = next(
            (
                k
                for k in (n - 1, n - 2)
                if k > 0 and written[k] == "of" and all(joined[k - 1 : n])
            ),
            None,
        )
        if before is None or (
            (n + 1 < len(written) and joined[n] and set(lower[n + 1]) & before)
            or (of is not None and set(lower[of - 1]) & before)
        ):
            found.update(words_of(word))
    return frozenset(
        w for w in found if w not in INSTITUTION_WORDS and w not in STOP_WORDS
    )


def _another_place(
    agency: AgencyRef, words: frozenset[str], named_here: frozenset[str]
) -> bool:
    """Whether a phrase holding an agency's words names another body of that
    kind: a proper word of its own ("Deschutes") where the agency's name has
    one the phrase lacks ("Ventura" of "Ventura County Sheriff's Office")."""
    own = _proper_words(agency.name) - country_words(agency)
    missing = {w for w in own if w not in words and not _of_its_country(w, agency)}
    extra = {
        w
        for w in named_here - own
        if not _of_its_country(w, agency)
        # "Lithuanian" of "Lithuania"
        and not any(w.startswith(m[:-1]) or m.startswith(w[:-1]) for m in missing)
    }
    return bool(missing) and bool(extra)


def _of_its_country(word: str, agency: AgencyRef) -> bool:
    """Whether ``word`` is the agency's country or its people's ("tunisian"
    of Tunisia, "italian" of Italy)."""
    return any(
        word == place or (len(place) > _SHORTEST_STEM and word.startswith(place[:-1]))
        for place in country_words(agency)
    )


def _named_fitting(
    named: Sequence[Mention],
    needed: Sequence[str],
    describes: Callable[[AgencyRef], frozenset[str]],
) -> Mention | None:
    """The first of ``named`` whose words hold ``needed``; a kind alone
    ("the company") by the names' words, not by what a source was called
    where it spoke."""
    kind = describes is label_words and all(w in ALL_KIND_NOUNS for w in needed)
    # By kind, a company the newsroom does not know whose name says so
    # ("Aerodata Solutions ... The company"), unless an agency that may be
    # one was named since (see ``Registry.recent``).
    company = describes is nouns_of and set(needed) <= _A_COMPANY
    for source in named:
        if source.agency is not None:
            words = describes(source.agency) | (frozenset() if kind else source.nouns)
        elif source.unknown:
            # (as of a known agency, a kind by its name, not what it was
            # called where it spoke)
            words = (source.words() - (source.nouns if kind else frozenset())) | (
                _A_COMPANY if company and source.company else frozenset()
            )
        else:
            continue
        if fits(needed, words):
            return source
        company = company and not _may_be_a_company(source)
    return None


def _may_be_a_company(mention: Mention) -> bool:
    """Whether a mention is of a known agency that may be a company (one of
    kind "other"): after it, "the company" is no longer an earlier unknown
    company's."""
    return mention.agency is not None and kind_of(mention.agency) == "other"
