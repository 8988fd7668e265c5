"""The corpus's stories as the evaluation reads them (detection/corpus/README.md).

The Markdown body becomes plain text through a function the caller passes
(the project's own renderer), so this package needs nothing of the apps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django_countries import countries

from detection.agencies import country_words
from detection.records import AgencyRef, PersonRef

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Gold:
    """A gold claim placed in its story's plain text."""

    start: int
    end: int
    quote: str
    agency: str | None
    agency_name: str = ""
    also_agency: str | None = None
    optional: bool = False
    cue: str = ""
    speaker: str = ""
    # For a source the story calls unknown: the one record of the newsroom
    # holding its name, which another story filed (``known_by_name``).
    known_as: str | None = None


@dataclass
class Story:
    name: str
    text: str
    agencies: list[AgencyRef]
    people: list[PersonRef]
    gold: list[Gold] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _place(text: str, quote: str, occurrence: int | None) -> int:
    """Where the ``occurrence``-th (from 1) or only occurrence of ``quote`` starts."""
    positions = []
    position = text.find(quote)
    while position != -1:
        positions.append(position)
        position = text.find(quote, position + 1)
    if not positions:
        raise ValueError(f"{quote[:60]!r} does not occur in the story's text")
    if occurrence is None and len(positions) > 1:
        raise ValueError(f"{quote[:60]!r} occurs {len(positions)} times")
    return positions[(occurrence or 1) - 1]


def country_name(code: str) -> str:
    """A country's English name from its ISO code, as the newsroom's agency
    records hold it ("ES" is "Spain"); "" for none or an unknown code."""
    return str(countries.name(code.upper())) if code else ""


def agency_ref(data: dict[str, Any]) -> AgencyRef:
    return AgencyRef(
        slug=data["slug"],
        name=data["name"],
        aliases=tuple(data.get("aliases", ())),
        kind=data.get("kind", ""),
        country=country_name(data.get("country") or ""),
    )


def person_ref(data: dict[str, Any]) -> PersonRef:
    return PersonRef(
        name=data["name"],
        aliases=tuple(data.get("aliases", ())),
        role=data.get("role", ""),
        agency=data.get("agency"),
    )


def load_story(path: Path, plain_text: Callable[[str], str]) -> Story:
    data = json.loads(path.read_text())
    text = plain_text(data["article"]["body"])
    story = Story(
        name=path.stem,
        text=text,
        agencies=[agency_ref(a) for a in data.get("agencies", ())],
        people=[person_ref(p) for p in data.get("people", ())],
    )
    story.gold = golds_of(data["claims"], text)
    return story


def golds_of(claims: Iterable[dict[str, Any]], text: str) -> list[Gold]:
    """The gold claims of a story's ``claims`` (the corpus format), placed in its ``text``."""
    golds = []
    for claim in claims:
        start = _place(text, claim["quote"], claim.get("occurrence"))
        golds.append(
            Gold(
                start=start,
                end=start + len(claim["quote"]),
                quote=claim["quote"],
                agency=claim.get("agency"),
                agency_name=claim.get("agency_name") or "",
                also_agency=claim.get("also_agency"),
                optional=bool(claim.get("optional")),
                cue=claim.get("cue") or "",
                speaker=claim.get("speaker") or "",
            )
        )
    return golds


def second_labels(folder: Path, stories: Sequence[Story]) -> dict[str, list[Gold]]:
    """A second annotator's gold claims (``folder/<story>.json``, holding
    ``claims`` only) of those ``stories`` it labelled, by story name."""
    labelled = {}
    for story in stories:
        path = folder / f"{story.name}.json"
        if path.is_file():
            claims = json.loads(path.read_text())["claims"]
            labelled[story.name] = golds_of(claims, story.text)
    return labelled


def load_set(folder: Path, plain_text: Callable[[str], str]) -> list[Story]:
    return [load_story(path, plain_text) for path in sorted(folder.glob("*.json"))]


@dataclass(frozen=True)
class Newsroom:
    """What the newsroom's database would hold: every story's agencies and
    people together, so a story is read against all of them, not only its own."""

    agencies: tuple[AgencyRef, ...]
    people: tuple[PersonRef, ...]


def same_name(name: str) -> str:
    """A name as the corpus compares names: case, a leading "the" and a
    trailing bracket aside ("The Kyodo News" is "kyodo news"; "Danish
    Consumer Council (Forbrugerrådet Tænk)" is "danish consumer council")."""
    bare = re.sub(r"\s*\([^()]*\)$", "", name.strip()) or name.strip()
    return re.sub(r"^the\s+", "", bare.lower())


def same_words(name: str) -> str:
    """A name as the words it is made of, in any order, full stops, hyphens
    and joining words aside: "US State Department" and "U.S. Department of
    State" are one name, "Coffee and Cocoa Council" and "Coffee-Cocoa
    Council" too; "Millbrook City Council" and "Duluth City Council" are not."""
    words = re.split(r"[\s-]+", same_name(name).replace(".", ""))
    return " ".join(sorted(set(words) - _JOINING_WORDS))


def _filed_name(agency: AgencyRef) -> str:
    """An agency's name as a desk files it: its words (``same_words``), less
    its own country's ("National Treasury of Kenya" is Kenya's "National
    Treasury")."""
    words = same_words(agency.name).split()
    own = [w for w in words if w not in country_words(agency)]
    return " ".join(own) if own else " ".join(words)


_JOINING_WORDS = frozenset({"", "of", "for", "and", "the", "de", "du", "des", "la"})


def file_once(stories: Sequence[Story]) -> dict[str, str]:
    """File each institution once, as a newsroom's desk would: records that
    different stories wrote under different slugs for the same name, in
    any order of its words (``same_words``), and the same country, or none
    given, or for the same name less the words of their one country
    ("National Treasury of Kenya" and "National Treasury", both Kenya's),
    become the record of the first slug in order, and every story's
    agencies, people and gold claims follow it.

    Returns what each slug filed twice became. Without it the evaluation's
    database would hold "Kyodo News" twice, and a passage given to the other
    copy would count as wrong although nothing tells the two apart.
    """
    records: dict[str, AgencyRef] = {}
    for story in stories:
        for agency in story.agencies:
            records.setdefault(agency.slug, agency)
    kept: dict[str, list[AgencyRef]] = {}
    # by their names less their own country's: "National Treasury of Kenya"
    # is the "National Treasury" of Kenya, and of no other country or none
    placed: dict[str, list[AgencyRef]] = {}
    became: dict[str, str] = {}
    for slug in sorted(records):
        record = records[slug]
        name, bare = same_words(record.name), _filed_name(record)
        namesakes = kept.setdefault(name, [])
        first = next(
            (
                other
                for other in namesakes
                if not (other.country and record.country)
                or other.country == record.country
            ),
            None,
        ) or next(
            (
                other
                for other in (*placed.get(name, ()), *placed.get(bare, ()))
                if record.country and other.country == record.country
            ),
            None,
        )
        if first is None:
            namesakes.append(record)
            placed.setdefault(bare, []).append(record)
        else:
            became[slug] = first.slug
    if not became:
        return became

    def follow(slug: str | None) -> str | None:
        return became.get(slug, slug) if slug else slug

    for story in stories:
        story.agencies = [
            AgencyRef(
                follow(agency.slug) or agency.slug,
                records[follow(agency.slug) or agency.slug].name,
                agency.aliases,
                agency.kind,
                agency.country,
            )
            for agency in story.agencies
        ]
        story.people = [
            PersonRef(person.name, person.aliases, person.role, follow(person.agency))
            for person in story.people
        ]
        for gold in story.gold:
            gold.agency = follow(gold.agency)
            gold.also_agency = follow(gold.also_agency)
    return became


def known_by_name(stories: Sequence[Story], newsroom: Newsroom) -> int:
    """Note, for each gold claim whose story calls its source unknown
    ("Kpler", no slug), the one record of the newsroom holding that name or
    alias, if one alone does: the institution another story filed. A
    detection naming it names the source, as a desk filing the passage under
    the record its database holds would. Returns how many were noted."""
    holders: dict[str, set[str]] = {}
    for agency in newsroom.agencies:
        for label in (agency.name, *agency.aliases):
            holders.setdefault(same_name(label), set()).add(agency.slug)
    noted = 0
    for story in stories:
        for gold in story.gold:
            if gold.agency or not gold.agency_name:
                continue
            held = holders.get(same_name(gold.agency_name), set())
            if len(held) == 1:
                gold.known_as = next(iter(held))
                noted += 1
    return noted


def newsroom_of(stories: Iterable[Story]) -> Newsroom:
    agencies: dict[str, AgencyRef] = {}
    # A person is a name at an agency: two Daniel Okafors of two stories,
    # a minister and a spokesman, are two people.
    people: dict[tuple[str, str], PersonRef] = {}
    for story in stories:
        for agency in story.agencies:
            known = agencies.get(agency.slug, agency)
            aliases = tuple(dict.fromkeys((*known.aliases, *agency.aliases)))
            agencies[agency.slug] = AgencyRef(
                known.slug, known.name, aliases, known.kind, known.country
            )
        for person in story.people:
            people.setdefault((person.name, person.agency or ""), person)
    # In slug order: no story's agencies come first by where it was read.
    return Newsroom(
        tuple(agencies[slug] for slug in sorted(agencies)),
        tuple(people[key] for key in sorted(people)),
    )


def sets_in(root: Path = CORPUS) -> Sequence[str]:
    return [name for name in ("dev", "blind") if (root / name).is_dir()]
