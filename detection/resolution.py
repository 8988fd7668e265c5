"""Who a party of an attribution is: resolved within the story.

Known agencies are found by name and alias in the text; a speaker's phrase
resolves to an agency it names, a known person, a role, or an earlier
mention in the story ("the ministry", "its spokesman", "he").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from detection.agencies import country_words, name_words, nouns_of, placed_by
from detection.capitals import capital_country
from detection.cues import (
    FEMININE,
    MASCULINE,
    NAME_GIVING_VERBS,
    ORGANISATION_NOUNS,
    PERSONAL_PARTIES,
    POSSESSIVES,
    POST_VERBS,
    PRONOUNS,
    SPOKESPEOPLE,
    STAFF_TITLES,
    STOP_WORDS,
    WORK_VERBS,
)
from detection.mentions import Mention, Registry
from detection.names import (
    body_of,
    name_beside,
    name_run,
    named_by_kind,
    organisation_name,
)
from detection.parties import Party
from detection.phrases import (
    after_dateline,
    data_of,
    phrase_head,
    published_by,
    seen_before,
)
from detection.places import country_source, its_country
from detection.qualifiers import QUALIFIER, another_party, rank
from detection.trades import trade_source
from detection.wording import fits, words_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detection.records import AgencyRef

# --- resolving parties to agencies -----------------------------------------


def resolve(party: Party, registry: Registry, doc_offset: int) -> None:
    _resolve(party, registry, doc_offset)
    if party.agency is None and not party.name and party.publisher:
        # "A poll by Maskína found": whoever publishes it is an organisation
        head = phrase_head(party.tokens)
        if head.pos_ == "PROPN":
            party.name, party.how = name_run(head), "unknown"
    if party.agency is None and party.name:
        party.name = _whole_name(party.name, registry)


def _whole_name(name: str, registry: Registry) -> str:
    """An organisation the newsroom does not know, by the whole name the
    story gave it first: "Blackfin" after "short seller Blackfin Research"."""
    words = name.split()
    for mention in (*registry.references, *registry.organisations, *registry.passing):
        whole = mention.name.split()
        if (
            mention.agency is None
            and mention.unknown
            and len(whole) > len(words)
            and whole[: len(words)] == words
        ):
            return mention.name
    return name


def _resolve(party: Party, registry: Registry, doc_offset: int) -> None:
    if not party.tokens:
        return
    tokens = _own_words(after_dateline(sorted(party.tokens, key=lambda t: t.i)))
    start = tokens[0].idx + doc_offset
    end = tokens[-1].idx + len(tokens[-1]) + doc_offset
    text = "".join(t.text_with_ws for t in tokens).strip()
    excluded = _set_aside(party, tokens, registry, doc_offset)
    mentions = [
        m
        for m in registry.mentions_in(start, end)
        if not any(m.start <= x < m.end for x in excluded)
    ]
    person = registry.people_named.between(start, end)
    known = registry.agencies.get(person.agency or "") if person else None
    # "Lindqvist said" after "Jonas Lindqvist of the coast guard": the
    # surname of someone the story met, not an agency elsewhere called so.
    if mentions and len(tokens) == 1 and _by_surname(party, registry, tokens):
        return
    if mentions:
        # The name the phrase is about, not one that qualifies it:
        # "Ukraine's state nuclear operator Energoatom" is Energoatom.
        chosen = min(mentions, key=lambda m: rank(m, tokens, doc_offset))
        # A known person named in the phrase speaks for their own agency
        # unless the phrase is headed by, or set beside, an agency's name
        # ("its defence spokeswoman, Jane Roe": Roe's party, not defence).
        other = another_party(chosen, tokens, doc_offset)
        if other is not None:
            spelled = _spelled_out(tokens, chosen, registry) if other else None
            _take_another(party, other, spelled)
            return
        if known is None or rank(chosen, tokens, doc_offset)[0] < QUALIFIER:
            seated = _seated_in(chosen, tokens, registry)
            if seated is not None:
                # the story's name for it from here on, too ("the ministry")
                chosen.agency = seated
                chosen = Mention(chosen.start, chosen.end, seated, seated.name)
            take(party, chosen, "alias")
            return
    if known is not None:
        party.agency, party.name, party.how = known, known.name, "person"
        return
    found = _beside_or_role(tokens, text, (start, end), mentions, registry)
    if found is not None:
        party.agency, party.name, party.how = found
        return
    if not _by_surname(party, registry, tokens):
        resolve_reference(party, registry, tokens, start)


def _set_aside(
    party: Party, tokens: list[Token], registry: Registry, doc_offset: int
) -> set[int]:
    """Where the phrase's mentions describe someone else, not its speaker."""
    # Mentions inside a relative clause or participle describe someone else
    # ("the union representing Nordlys engineers").
    excluded = {t.idx + doc_offset for t in party.tokens if t not in tokens}
    for token in tokens:
        if (
            token.dep_ in ("relcl", "acl")
            and token.head in tokens
            and not (published_by(token) and not seen_before(token))
            and not (token.dep_ == "acl" and token.lemma_.lower() in NAME_GIVING_VERBS)
        ):
            excluded.update(t.idx + doc_offset for t in token.subtree)
    head = phrase_head(tokens)
    if head.pos_ == "PROPN" and not registry.mentions_in(
        head.idx + doc_offset, head.idx + len(head) + doc_offset
    ):
        # "the Andean Glacier and Water Atlas, a consortium of universities
        # in Peru and Britain": where a body the newsroom does not know is,
        # not who speaks.
        for token in tokens:
            if token.dep_ == "prep" and token.lower_ == "in" and token.head != head:
                excluded.update(t.idx + doc_offset for t in token.subtree)
    return excluded


def _led_by(
    registry: Registry, tokens: list[Token], doc_offset: int
) -> tuple[AgencyRef | None, str, str] | None:
    """The organisation the phrase's person heads, leads or runs, or works
    at: a known agency the clause names, or one the newsroom does not know
    by its name."""
    for verb in tokens:
        if not (
            verb.dep_ == "relcl"
            and verb.lemma_.lower() in POST_VERBS | WORK_VERBS
            and any(c.lower_ == "who" for c in verb.children)
        ):
            continue
        # "who heads X"; "who studies migration at X"
        led_by = (
            [c for c in verb.children if c.dep_ == "dobj"]
            if verb.lemma_.lower() in POST_VERBS
            else [
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "at"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        )
        for led in led_by:
            words = list(led.subtree)
            start = words[0].idx + doc_offset
            end = words[-1].idx + len(words[-1]) + doc_offset
            mentions = [m for m in registry.mentions_in(start, end) if m.agency]
            if mentions:
                return mentions[0].agency, mentions[0].name, "alias"
            name = organisation_name(led) or named_by_kind(words)
            if name:
                return None, name, "unknown"
    # "Wilber Condori, general secretary of the Huaracane Mine Workers'
    # Union": a post at an organisation the newsroom does not know.
    for word in tokens:
        if (
            word.dep_ == "pobj"
            and word.head.lower_ in ("of", "at", "for")
            and word.head.head.pos_ == "NOUN"
            and word.head.head.dep_ == "appos"
        ):
            name = organisation_name(word)
            if name:
                return None, name, "unknown"
    return None


def _by_surname(party: Party, registry: Registry, tokens: list[Token]) -> bool:
    """Whether the phrase names someone the story met, by a surname ("Brandt
    said"), and the party is whom they speak for: a known agency, or an
    organisation the newsroom does not know."""
    for token in reversed(tokens):
        if token.pos_ != "PROPN":
            continue
        if (agency := registry.surnames.get(token.lower_)) is not None:
            party.agency, party.name, party.how = agency, agency.name, "coref"
            return True
        if token.lower_ in registry.unknown_surnames:
            party.name, party.how = registry.unknown_surnames[token.lower_], "unknown"
            return True
    return False


def _take_another(party: Party, name: str, spelled: AgencyRef | None) -> None:
    """The party is another body than the one its phrase names: a known one
    its words spell out, or one the newsroom does not know by ``name`` ("" for
    none a reader could name)."""
    if spelled is not None:
        party.agency, party.name, party.how = spelled, spelled.name, "alias"
    else:
        party.name, party.how = name, "unknown" if name else ""


def _spelled_out(
    tokens: list[Token], chosen: Mention, registry: Registry
) -> AgencyRef | None:
    """The one known agency whose name a phrase spells with its owner's ("the
    European Union's election observation mission" for the European Union
    Election Observation Mission), when the phrase is a body of its own."""
    words = {
        w
        for t in tokens
        if t.pos_ in ("NOUN", "PROPN", "ADJ")
        for w in words_of(t.text)
        if w not in STOP_WORDS
    }
    found = [
        a
        for a in registry.agencies.values()
        if a != chosen.agency and words <= name_words(a)
    ]
    if len(found) > 1:
        # "... to Ghana" and "... to Malawi": the one whose other words
        # the story writes.
        found = [
            a
            for a in found
            if registry.places_in_story(
                {w for w in words_of(a.name) if w.title() in a.name} - words
            )
        ]
    return found[0] if len(found) == 1 else None


def _beside_or_role(
    tokens: list[Token],
    text: str,
    span: tuple[int, int],
    mentions: list[Mention],
    registry: Registry,
) -> tuple[AgencyRef | None, str, str] | None:
    """The organisation a person "who heads" it speaks for; a description
    no source the story named fits, seated in a capital
    ("In Algiers, the foreign ministry said"); the agency whose role the
    phrase gives ("Lithuanian Interior Minister Agne Bilotaite"); or an
    organisation the newsroom does not know, named beside its kind, in a
    phrase that names no known one."""
    start, end = span
    led = _led_by(registry, tokens, start - tokens[0].idx)
    if led is not None:
        return led
    for described in (
        m for m in registry.mentions if start <= m.start < end and m.described
    ):
        seated = _seated_in(described, tokens, registry)
        if seated is not None:
            return seated, seated.name, "alias"
    agency = registry.role_match(text, start)
    if (
        agency is not None
        and not _another_name(tokens, agency)
        and not _seated_elsewhere(tokens, agency)
    ):
        return agency, agency.name, "role"
    if not any(m.agency is not None and not m.described for m in mentions):
        beside = _kind_beside(tokens)
        if beside:
            return None, beside, "unknown"
    return None


def _seated_elsewhere(tokens: list[Token], agency: AgencyRef) -> bool:
    """Whether the phrase seats its body in another country's capital than
    the agency's ("The Ministry of Water Resources and Energy in Yaoundé" is
    not Nigeria's)."""
    return any(
        (capital := capital_country(place))
        and agency.country
        and capital != agency.country
        for place in _places_in(tokens)
    )


def _places_in(tokens: Iterable[Token]) -> list[Token]:
    """What the words place a body in: the object of each "in"."""
    return [
        child
        for token in tokens
        if token.lower_ == "in" and token.dep_ == "prep"
        for child in token.children
        if child.dep_ == "pobj"
    ]


def _kind_beside(tokens: list[Token]) -> str:
    """The name of an organisation the newsroom does not know, set beside
    its kind: "Bara Biru, the club's largest supporters' group", "the
    independent Tajik news website Asia-Plus"; or ""."""
    head = phrase_head(tokens)
    if head.pos_ == "NOUN" and head.lemma_.lower() in ORGANISATION_NOUNS:
        name = next(
            (c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"),
            None,
        )
        return name_run(name) if name is not None else ""
    if _named_before_its_kind(head):
        # (the kind is of the body a person is of, when the parser hung it
        # on the person: "Hamida Begum of the Rohingya Justice Collective, a
        # refugee-led group")
        body = body_of(head)
        return name_run(body if body is not None else head)
    return ""


def _named_before_its_kind(head: Token) -> bool:
    """ "Bara Biru, the club's largest supporters' group": a proper name
    with its kind set beside it."""
    return head.pos_ == "PROPN" and any(
        c.dep_ == "appos" and c.lemma_.lower() in ORGANISATION_NOUNS
        for c in head.children
    )


def _seated_in(
    chosen: Mention, tokens: list[Token], registry: Registry
) -> AgencyRef | None:
    """ "The foreign ministry in Astana": of the agencies the description
    fits, the one of the country whose capital the phrase seats it in: the
    story's own, or the description's holders, or the one of the newsroom's.
    So too a country's name where the sentence opens ("In Ethiopia, ... citing
    the Ministry of Agriculture"), for a description or for a government's
    name that names no country of its own."""
    if not chosen.described and not _placeless(chosen):
        return None
    # "the foreign ministry in Astana"; "In Algiers, the foreign ministry
    # said": where the sentence opens, before its speaker.
    head = phrase_head(tokens)
    sent, root = head.sent, head.sent.root
    opening = [c for c in root.children if c.i < head.i and c.i < root.i]
    opening.append(sent[0])  # "In Ethiopia, swarms have been sighted ..."
    places = _places_in([*tokens, *opening])
    capital = next((c for p in places if (c := capital_country(p))), "")
    country = (
        ""
        if capital
        else next(
            (
                p.lower_
                for p in places
                if p.pos_ == "PROPN" and p.lower_ in registry.countries
            ),
            "",
        )
    )
    if not capital and not country:
        return None
    needed = [w for w in words_of(chosen.name) if w not in STOP_WORDS]
    named = [m.agency for m in registry.mentions if m.agency and not m.described]
    for agencies in (named, chosen.described, registry.agencies.values()):
        fitting = {
            a.slug: a
            for a in agencies
            if (a.country == capital if capital else country in country_words(a))
            and fits(needed, nouns_of(a))
        }
        if len(fitting) == 1:
            return next(iter(fitting.values()))
    return None


def _placeless(mention: Mention) -> bool:
    """Whether a mention is a government's name that places it nowhere ("the
    Ministry of Agriculture", Morocco's): a description by its words."""
    agency = mention.agency
    if agency is None or agency.kind != "government" or mention.person:
        return False
    words = words_of(mention.name)
    return bool(words) and not placed_by(words, agency)


def _another_name(tokens: list[Token], agency: AgencyRef) -> bool:
    """Whether an organisation's name holds a word of its own beyond the
    words of the agency its kind fits: "Sunderland City Council" is not
    the "City Council" of another story's town; "the players' union,
    Fabol" is not the union another story filed as "the players' union"."""
    head = phrase_head(tokens)
    known = nouns_of(agency)
    # "Bara Biru, the club's largest supporters' group": a name of its own
    # set before its kind.
    if _named_before_its_kind(head):
        return not set(words_of(name_run(head))) <= known
    if head.lemma_.lower() not in ORGANISATION_NOUNS:
        return False
    beside = name_beside(head)
    if beside and not set(words_of(beside)) <= known:
        return True
    if not head.text[:1].isupper():
        return False
    return any(
        t.pos_ == "PROPN"
        and _compound_of(t, head)
        and not set(words_of(t.text)) <= known
        for t in tokens
    )


def _unknown_name(tokens: list[Token], registry: Registry) -> str:
    """The name of an organisation the newsroom does not know that the
    phrase gives, or ""."""
    # A phrase set beside an organisation's name is that organisation ("its
    # biggest investor, the fund Meridian Capital"), whatever "its" refers to.
    head = phrase_head(tokens)
    # "a ransomware group calling itself Cold Harbor": the name it goes by.
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in NAME_GIVING_VERBS:
            given = [t for t in child.subtree if t.pos_ == "PROPN" and t.i > child.i]
            if given:
                return name_run(given[-1])
    # "Tradeweb data showed": the source given is the data's publisher (not
    # "the Tankan survey", a survey's own name).
    name = (
        organisation_name(head)
        or data_of(head)
        or (
            data_of(head.head)
            if head.dep_ in ("compound", "poss") and head.head.lower_ in _NUMBERS
            else ""
        )
    )
    if name:
        return name
    # "La Fraternidad said", after "the train drivers' union La Fraternidad":
    # a name the story gave an organisation the newsroom does not know.
    if head.pos_ == "PROPN":
        run = name_run(head)
        if any(
            m.agency is None and m.unknown and m.name == run
            for m in (*registry.organisations, *registry.passing, *registry.references)
        ):
            return run
    # "The East Flores district administration": a place's name before the
    # words of its kind names an organisation the newsroom does not know.
    named = named_by_kind(tokens)
    if named and tokens[0].lower_ == "the" and _placed_by_name(tokens, registry):
        return named
    return ""


def _placed_by_name(tokens: list[Token], registry: Registry) -> bool:
    """Whether the phrase opens, after its article, with a proper name no
    country is known by ("East Flores", not "Kenyan")."""
    first = tokens[1] if len(tokens) > 1 else tokens[0]
    return (
        first.pos_ == "PROPN"
        and first.dep_ == "compound"
        and not set(words_of(first.text)) & registry.countries
    )


def _compound_of(token: Token, head: Token) -> bool:
    """Whether ``token`` is part of ``head``'s own name ("Sunderland" of
    "Sunderland City Council"), not of a name that qualifies it
    ("Neighbouring Uganda's Ministry")."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
        if token.i == head.i:
            return True
    return False


def _own_words(tokens: list[Token]) -> list[Token]:
    """The phrase less the words of whom it only knows of or sits in: "a
    person familiar with the bank's thinking", "sources close to the
    regulator", "an OPEC delegate" are not the bank's, the regulator's or
    OPEC's voice."""
    aside = {
        t.i
        for token in tokens
        if token.pos_ == "ADJ" and token.lower_ in ("familiar", "close")
        for t in token.subtree
    }
    # "an OPEC delegate", "an EU diplomat", "two OPEC+ delegates" (read as
    # an adjective): a member's envoy, not the body's.
    aside.update(
        c.i
        for token in tokens
        if token.lemma_.lower() in ("delegate", "diplomat")
        for c in token.children
        if c.dep_ == "compound" or (c.dep_ == "amod" and c.text[:1].isupper())
    )
    # "a Western diplomat in Bishkek": where the envoy serves, not whom.
    aside.update(
        t.i
        for token in tokens
        if token.lemma_.lower() in ("delegate", "diplomat")
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for t in c.subtree
    )
    return [t for t in tokens if t.i not in aside] or tokens


def gender_of(words: Iterable[str]) -> str:
    """ "f" or "m" when the words tell a person's gender, else ""."""
    found = {w.lower().strip(".,;:()") for w in words}
    feminine, masculine = bool(found & FEMININE), bool(found & MASCULINE)
    return "f" if feminine and not masculine else "m" if masculine else ""


def _last_person(registry: Registry, position: int, gender: str = "") -> Mention | None:
    """Whom "he" or "she" continues: the last person who spoke or a known
    person the story named ("Chief executive Jane Roe tried to calm
    staff. 'We will recover,' she said"), the latest whose gender agrees;
    nobody when a person the newsroom does not know ("a waiter", "Cruz")
    came after them."""
    candidates = [m for m in registry.persons if m.end <= position]
    for start, end, person in registry.people_named.found:
        agency = registry.agencies.get(person.agency or "")
        if (
            end <= position
            and agency is not None
            and not any(
                a <= start < b for a, b in (*registry.passages, *registry.quotes)
            )
        ):
            candidates.append(
                Mention(
                    start,
                    end,
                    agency,
                    agency.name,
                    gender=gender_of(person.role.split()),
                )
            )
    candidates.sort(key=lambda m: m.end, reverse=True)
    chosen = next(
        (m for m in candidates if not gender or m.gender in ("", gender)), None
    )
    if chosen is None:
        return None
    stranger = max(
        (
            p
            for p in registry.strangers
            if p < position
            and (not gender or registry.stranger_genders.get(p, "") in ("", gender))
            # not one who turned out to speak for a source ("a Northsea
            # spokesman said")
            and not any(m.start <= p < m.end for m in candidates)
        ),
        default=-1,
    )
    return None if stranger > chosen.end else chosen


def take(party: Party, mention: Mention, how: str) -> None:
    """The party is the source ``mention`` stands for."""
    party.agency, party.name = mention.agency, mention.name
    party.how = how if mention.agency is not None else "unknown"


def _resolve_pronoun(
    party: Party, registry: Registry, pronoun: str, start: int
) -> None:
    """ "he" and "she" continue the last person who spoke; "it" and "they" the
    last source met."""
    previous = _last_person(registry, start, gender_of([pronoun]))
    if pronoun in ("it", "they", "them"):
        previous = _organisation_that_spoke(registry, start)
    carried = registry.last_carried
    if (
        pronoun in ("they", "them")
        and carried is not None
        and carried.end <= start
        and (registry.last_speaker is None or registry.last_speaker.end < carried.start)
    ):
        # "Two people ... told Reuters that ... ; ..., they said": the people
        # the outlet carried go on speaking, through it.
        previous = carried
    if previous is not None and previous.source:
        take(party, previous, "pronoun")


def _organisation_that_spoke(
    registry: Registry, start: int, since: int | None = None
) -> Mention | None:
    """Whom "it", "they" and "its" continue: an organisation that spoke goes
    on speaking ("FIFA said ... It said ..."; "a residents' association told
    Lusa ... its coordinator said"), whatever its words named in between,
    unless a sentence since is about another organisation; failing that, the
    last organisation met, or one the sentence before (from ``since``) named
    in passing after it."""
    spoke = registry.last_speaker
    topic = max((p for p in registry.subjects if p < start), default=-1)
    if spoke is not None and not spoke.person and spoke.source and topic < spoke.end:
        return spoke
    met = registry.recent(start, organisations=True)
    if since is None:
        return met
    # "The Sonar Tori-2 belongs to Tori Navigation, a Dhaka-based company.
    # Its managing director ...": named in passing in a sentence about
    # another thing.
    passing = max(
        (
            m
            for m in registry.passing
            if max(topic, since) <= m.start and m.end <= start and m.source
        ),
        key=lambda m: m.end,
        default=None,
    )
    if passing is not None and (met is None or passing.end > met.end):
        return passing
    return met


def _sentence_before(token: Token) -> Span | None:
    """The sentence before ``token``'s, if any."""
    first = token.sent.start
    return None if first == 0 else token.doc[first - 1].sent


def _sentence_subject(
    registry: Registry, possessive: Token, offset: int
) -> Mention | None:
    """The known source the sentence is about, before its "its" ("The
    Copernicus service has mapped the fire, and according to its latest
    assessment ...")."""
    root = possessive.sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i >= possessive.i or possessive in subject.subtree:
        return None
    # The name nearest the head: "the Union's Copernicus service"; not one
    # a clause names ("the Team, set up by the government, ...").
    clauses = [
        t
        for t in subject.subtree
        if t.dep_ in ("relcl", "acl") and t.head.i != t.i and t.i > subject.i
    ]
    return max(
        (
            m
            for m in _named_in(subject, registry, offset)
            if not any(
                c.left_edge.idx + offset <= m.start <= c.right_edge.idx + offset
                for c in clauses
            )
        ),
        key=lambda m: m.start,
        default=None,
    )


def _named_in(phrase: Token, registry: Registry, offset: int) -> list[Mention]:
    """The mentions inside the words ``phrase`` heads."""
    first, last = phrase.left_edge, phrase.right_edge
    return registry.mentions_in(first.idx + offset, last.idx + len(last) + offset)


# Nouns for numbers a publisher puts out under its own name ("Tradeweb data").
_NUMBERS = frozenset(("data", "figures", "numbers", "statistics", "estimates"))


def resolve_reference(
    party: Party, registry: Registry, tokens: list[Token], start: int
) -> None:
    """Resolve a party that names no agency: a pronoun, "its spokesman", "the
    ministry", or failing those an organisation's name that is not known."""
    if len(tokens) == 1 and tokens[0].lower_ in PRONOUNS:
        # "UNICEF handles the shipping, and it says ...": the organisation
        # its own sentence is about, before whoever spoke before it.
        pronoun = tokens[0]
        subject = None
        if pronoun.lower_ in ("it", "they"):
            offset = start - pronoun.idx
            joined = (
                pronoun.head.dep_ == "conj" and pronoun.head.head == pronoun.sent.root
            )
            subject = (
                (_sentence_subject(registry, pronoun, offset) if joined else None)
                or _returned_to(pronoun, registry, offset)
                or _silent_subject_before(pronoun, registry, offset)
            )
        if subject is not None:
            take(party, subject, "pronoun")
            return
        _resolve_pronoun(party, registry, tokens[0].lower_, start)
        return
    agency = country_source(registry, phrase_head(tokens), start)
    if agency is not None:
        party.agency, party.name, party.how = agency, agency.name, "role"
        return
    # "the ministry", "its spokesman", "a spokesman for the agency"; not the
    # words of a clause about it ("the union, which represents the yard's
    # workers").
    aside = tokens_in(tokens, ("relcl", "acl"))
    tokens = [t for t in tokens if t.i not in aside]
    name = _unknown_name(tokens, registry)
    if name:
        party.name, party.how = name, "unknown"
        return
    for token in tokens:
        if token.lower_ in POSSESSIVES and token.dep_ == "poss":
            country = (
                its_country(registry, tokens, start)
                if token.lower_ in ("its", "their")
                else None
            )
            if country is not None:
                party.agency, party.name, party.how = country, country.name, "coref"
                return
            # "its spokesman" is an organisation's; "his adviser" a person's.
            # "his solicitor", "her husband": the person's own, whom the
            # newsroom may not know, never an organisation met before.
            own = token.head.lemma_.lower() in PERSONAL_PARTIES
            offset = start - tokens[0].idx
            before = _sentence_before(token)
            since = None if before is None else before.start_char + offset
            mention = (
                _sentence_subject(registry, token, offset)
                or _organisation_that_spoke(registry, start, since)
                if token.lower_ in ("its", "their")
                else _last_person(registry, start, gender_of([token.lower_]))
                or (None if own else registry.recent(start))
            )
            if mention is not None:
                take(party, mention, "coref")
                return
    if not _described(party, registry, tokens, start):
        _staff_of(party, registry, tokens, start)


_DEFINITE = frozenset(("the", "its", "this", "that", "these", "those", "another"))


def _described(
    party: Party, registry: Registry, tokens: list[Token], start: int
) -> bool:
    """Resolve "the ministry", "the ministry spokesman", "the judge" to the
    source the story named that fits; whether one did."""
    for token in tokens:
        if token.pos_ != "NOUN" or _one_of_several(token):
            continue
        determiner = next(
            (c for c in token.children if c.dep_ in ("det", "poss")), None
        )
        definite = determiner is not None and determiner.lower_ in _DEFINITE
        # "a second trader": one more of those met before.
        definite = definite or any(
            c.dep_ == "amod" and c.lower_ in ("second", "third", "fourth", "other")
            for c in token.children
        )
        # "the ministry spokesman": a word of a source's names or kind, not
        # of what was said of it ("rice growers" for "a rice importer").
        if definite or token.dep_ == "compound":
            mention = registry.recent(start, token.lemma_.lower(), said=definite)
            if (
                mention is not None
                and not _of_another_country(token, mention, registry)
                and not _another_persons(tokens, mention, registry)
            ):
                take(party, mention, "coref")
                return True
            # "the judge": the known person the story named with that title.
            person = registry.people_named.titled(token.lower_, start)
            # (not when the phrase is someone else's name: "Kimani Ngugi,
            # the majority leader", with another leader known)
            head = phrase_head(tokens)
            if (
                person is not None
                and head.pos_ == "PROPN"
                and head.lower_ not in person.name.lower().split()
            ):
                person = None
            agency = registry.agencies.get(person.agency or "") if person else None
            if definite and agency is not None:
                party.agency, party.name, party.how = agency, agency.name, "person"
                return True
        # "A Kenyan court ordered ...": the court the story names later; so
        # is "their union said" before the story has met any source. Not a
        # body the speaker is only at ("a dealer at a Lagos bank").
        ahead = (
            determiner is not None
            and token == phrase_head(tokens)
            and (
                determiner.lower_ in ("a", "an")
                or (
                    determiner.lower_ in POSSESSIVES | {"the"}
                    and registry.recent(start, organisations=True) is None
                )
            )
        )
        if ahead:
            mention = registry.following(start, token.lemma_.lower())
            if mention is not None and token.lemma_.lower() in ORGANISATION_NOUNS:
                take(party, mention, "coref")
                return True
    return False


def _silent_subject_before(
    pronoun: Token, registry: Registry, offset: int
) -> Mention | None:
    """ "Rosatom did not respond to a request for comment on Bellona's
    criticism. It has previously said ...": "it" opening a sentence after
    one about an organisation in which nobody spoke is that organisation,
    not the last one named."""
    before = _sentence_before(pronoun)
    if pronoun.lower_ != "it" or pronoun.i != pronoun.sent.start or before is None:
        return None
    start, end = before.start_char + offset, before.end_char + offset
    if any(a < end and start < b for a, b in registry.passages):
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    return next((m for m in _named_in(subject, registry, offset) if m.source), None)


def _returned_to(pronoun: Token, registry: Registry, offset: int) -> Mention | None:
    """ "Back to the institute: it expects ...": a live blog going back to a
    source names whom "it" after the colon is."""
    back = next(
        (t for t in pronoun.sent if t.lower_ == "back" and t.i < pronoun.i), None
    )
    if back is None or not any(t.text == ":" for t in pronoun.doc[back.i : pronoun.i]):
        return None
    place = next(
        (
            g
            for c in back.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )
    if place is None:
        return None
    named = _named_in(place, registry, offset)
    if named:
        return named[-1]
    return registry.recent(place.left_edge.idx + offset, place.lemma_.lower())


def _of_another_country(token: Token, mention: Mention, registry: Registry) -> bool:
    """Whether the description names a country the source met is not of:
    "the Tajik government" is not the Kyrgyz ministry the story met last."""
    named = {
        word
        for c in token.children
        if c.dep_ in ("amod", "compound", "poss")
        for word in words_of(c.text)
        if word in registry.countries
    }
    agency = mention.agency
    return bool(named) and agency is not None and not named & country_words(agency)


def _another_persons(tokens: list[Token], mention: Mention, registry: Registry) -> bool:
    """Whether a role met before ("the alliance's leader, Wanjiru Odhiambo")
    is another person's than the one the phrase names ("Kimani Ngugi, the
    majority leader")."""
    head = phrase_head(tokens)
    return (
        mention.person
        and head.pos_ == "PROPN"
        and head.text not in registry.written(mention)
    )


def _one_of_several(token: Token) -> bool:
    """ "one of the clubs", "some of the unions": an organisation nobody
    names of several the story met, none of them in particular ("one of the
    brokers" is one of the people met, and speaks as they did)."""
    of = token.head
    return (
        token.tag_ == "NNS"
        and token.lemma_.lower() in ORGANISATION_NOUNS
        and of.lower_ == "of"
        and of.head.lower_ in ("one", "some", "several", "each", "either", "any")
    )


def _staff_of(
    party: Party, registry: Registry, tokens: list[Token], start: int
) -> None:
    """Someone who speaks for an organisation without naming it: "editor-in-
    chief Jane Roe" (a title alone) is the organisation that spoke just
    before, unless a sentence since is about another; "a spokesperson said"
    the organisation that spoke."""
    head = phrase_head(tokens)
    if head.pos_ == "PROPN" and any(
        t.lemma_.lower() in STAFF_TITLES and t.i < head.i for t in tokens
    ):
        spoke = registry.last_speaker
        topic = max((p for p in registry.subjects if p < start), default=-1)
        if (
            spoke is not None
            and not spoke.person
            and spoke.source
            and topic < spoke.end
        ):
            take(party, spoke, "coref")
            return
    # People named only by their trade: "Firefighters say" (the Fire Service
    # the story names), "The forecasters said" (the source the sentence
    # before was about).
    mention = trade_source(registry, head, start - tokens[0].idx)
    if mention is not None:
        take(party, mention, "coref")
        return
    # "a spokesperson said", for no one named: the organisation that spoke.
    if head.lemma_.lower() in SPOKESPEOPLE and not any(
        c.dep_ == "prep" for c in head.children
    ):
        mention = _organisation_that_spoke(registry, start)
        if mention is not None and mention.source:
            take(party, mention, "coref")


def tokens_in(tokens: list[Token], deps: tuple[str, ...]) -> set[int]:
    """The tokens of the phrase inside a clause or phrase of ``deps``."""
    return {t.i for token in tokens if token.dep_ in deps for t in token.subtree}
