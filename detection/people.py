"""Where a story names the people the newsroom knows, and whom it means."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence

from detection.agencies import is_description
from detection.cues import FUNCTION_WORDS, HONORIFICS, LAY_PEOPLE, STOP_WORDS
from detection.records import PersonRef

# A capitalised word right after a one-word name: "Mark Ellery" is not the
# known person the newsroom calls "Mark".
_WORD_AFTER = re.compile(r" [A-Z][a-z]")
# A description set after a name ("Jane Roe, who ...", "Jane Roe, a
# farmer") or before it ("Its president, Jane Roe").
_DESCRIBED_AFTER = re.compile(r", (?:who|a|an|the|\d+)\b")
_DESCRIBED_BEFORE = re.compile(
    r"\b(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?|[Tt]he [\w-]+'s?) [\w' -]{1,40}, $"
)
# Someone named by what they do in private life, the words run on: "fisherman
# Luis Ortega said", "pensioner Ana Roe".
_LAY_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(LAY_PEOPLE))}) $")
# What ends a sentence, before a word that starts one.
_SENTENCE_ENDS = ".!?\n\"'"


def names_of(person: PersonRef) -> list[str]:
    """A person's name and the aliases that name them: a title alone
    ("Interior Minister", "the governor", "Councillor") describes whoever
    holds it, in any country, and names no one across the newsroom's people."""
    return [
        label
        for label in (person.name, *person.aliases)
        if label.strip()
        and not is_description(label)
        and not set(label.lower().replace(".", "").split()) <= HONORIFICS
    ]


@functools.lru_cache(maxsize=16)
def people_pattern(people: tuple[PersonRef, ...]) -> re.Pattern[str] | None:
    """One pattern for every known person's name and alias, longest first."""
    labels = sorted(
        {label for p in people for label in names_of(p)},
        key=len,
        reverse=True,
    )
    if not labels:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(label) for label in labels) + r")(?!\w)"
    )


@functools.lru_cache(maxsize=16)
def known_names(people: tuple[PersonRef, ...]) -> frozenset[str]:
    """Every known person's name and alias in lower case, built once for a
    newsroom's people."""
    return frozenset(label.lower() for p in people for label in (p.name, *p.aliases))


@functools.lru_cache(maxsize=16)
def _by_label(people: tuple[PersonRef, ...]) -> dict[str, list[PersonRef]]:
    """Each name and alias of the known people, with who holds it: built once
    for a newsroom's people, not for every story."""
    by_label: dict[str, list[PersonRef]] = {}
    for person in people:
        for label in names_of(person):
            by_label.setdefault(label, []).append(person)
    return by_label


def _titled(text: str, start: int) -> bool:
    """Whether a title comes right before ``start`` ("Ms He")."""
    word = _WORD_BEFORE.search(text, max(0, start - _TITLE_REACH), start)
    return word is not None and word.group(1).lower() in HONORIFICS


# The word right before a name, a title's full stop aside; how far back a
# title is looked for.
_WORD_BEFORE = re.compile(r"\b([^\W\d_]+)\.?\s$")
_TITLE_REACH = 20


def _short(label: str, holders: Sequence[PersonRef]) -> bool:
    """Whether a label is shorter than every holder's name: a surname ("El
    Idrissi" of Youssef El Idrissi), which another person may bear."""
    return all(len(label.split()) < len(p.name.split()) for p in holders)


def _after_another_name(text: str, start: int, lower: frozenset[str]) -> bool:
    """Whether the surname at ``start`` follows a given name ("Igun" in
    "Igun Roe"): a capitalised word, not a title, inside a sentence."""
    before = text[:start]
    word = re.search(r"([^\W\d_]+)\s$", before)
    if (
        word is None
        or not word.group(1)[0].isupper()
        or word.group(1).lower() in HONORIFICS
    ):
        return False
    rest = before[: word.start()].rstrip()
    if rest and rest[-1] not in _SENTENCE_ENDS:
        return True
    # Opening a sentence ("Fatou Sarr is president of ..."): a given name
    # is a word the story never writes in lower case, as it does "then".
    first = word.group(1).lower()
    return first not in STOP_WORDS and first not in lower


def _described(text: str, start: int, end: int) -> bool:
    """Whether the story describes whom it names, after the name or before
    it ("Jane Roe, who ...", "Jane Roe, a farmer", "Its president, Jane Roe",
    "the bank's vice-president, Jane Roe", "fisherman Jane Roe")."""
    return bool(
        _DESCRIBED_AFTER.match(text, end)
        or _DESCRIBED_BEFORE.search(text, max(0, start - 60), start)
        or _LAY_BEFORE.search(text, max(0, start - 30), start)
    )


def _role_beside(person: PersonRef, text: str, start: int, end: int) -> bool:
    """Whether the words around a name give the person's role ("Health
    Minister Jane Roe", "Jane Roe, the health minister")."""
    near = set(re.findall(r"[a-z]+", text[max(0, start - 60) : end + 100].lower()))
    return bool(_role_words(person) & near)


def _role_words(person: PersonRef) -> set[str]:
    """The words of a person's role that say what they do ("health",
    "minister" of "Health Minister of Tanzania")."""
    return {
        w
        for w in re.findall(r"[a-z]+", person.role.lower())
        if w not in STOP_WORDS and w not in FUNCTION_WORDS
    }


def _titled_before(
    holders: Sequence[PersonRef], text: str, start: int
) -> PersonRef | None:
    """Of namesakes, the one whose role the words before the name give
    ("Labour Minister Daniel Okafor": the minister, not the WHO's spokesman
    of the same name), if one alone fits."""
    before = set(re.findall(r"[a-z]+", text[max(0, start - 40) : start].lower()))
    fitting = [p for p in holders if _role_words(p) & before]
    return fitting[0] if len(fitting) == 1 else None


class PeopleNamed:
    """The known people a story names, in text order. Of people sharing a
    name, the one whose agency the story names (``named_agencies``) is meant;
    ``lower`` is the words the story writes in lower case
    (``wording.lower_case_words``); ``agency_names``, where the story names
    agencies."""

    def __init__(
        self,
        text: str,
        people: Sequence[PersonRef],
        named_agencies: Collection[str],
        lower: frozenset[str],
        agency_names: Collection[tuple[int, int]] = (),
    ) -> None:
        self.found: list[tuple[int, int, PersonRef]] = []
        pattern = people_pattern(tuple(people))
        if pattern is None:
            return
        by_label = _by_label(tuple(people))
        matches = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
        # Whom the story names in full ("Jane Roe", not only "Roe").
        in_full = {
            id(p)
            for *_, label in matches
            if not _short(label, by_label[label])
            for p in by_label[label]
        }
        strangers: set[str] = set()  # surnames the story gives someone else
        for start, end, label in matches:
            if _short(label, by_label[label]) and (
                label in strangers
                or _after_another_name(text, start, lower)
                or _WORD_AFTER.match(text, end) is not None
            ):
                strangers.add(label)
                continue
            holders = by_label[label]
            # "He said": a surname that is a pronoun is only theirs after a
            # title ("Ms He"); one that is a word the story writes in lower
            # case ("long"), where the story has named them in full ("He Yun").
            if " " not in label and (
                (label.lower() in FUNCTION_WORDS and not _titled(text, start))
                or (
                    label.lower() in lower
                    and not any(id(p) in in_full for p in holders)
                )
            ):
                continue
            # "Analysts at Nomura": a surname that is where the story names
            # an agency, of someone it never names in full, is the agency.
            if (
                " " not in label
                and not any(id(p) in in_full for p in holders)
                and any(a <= start and end <= b for a, b in agency_names)
            ):
                continue
            if " " not in label and len(holders) > 1:
                # A surname several known people share is the one the story
                # named in full or whose agency it names, if any.
                holders = [
                    p for p in holders if id(p) in in_full or p.agency in named_agencies
                ]
                if not holders:
                    continue
            met = [p for *_, p in reversed(self.found) if p in holders]
            if (
                not met
                and " " in label
                and _described(text, start, end)
                and not any(
                    p.agency in named_agencies or _role_beside(p, text, start, end)
                    for p in holders
                )
            ):
                # A namesake: first named in full, described as someone the
                # story introduces ("Nomvula Khumalo, who raises broilers
                # near Polokwane", "Its president, Mark Ellery"), with
                # neither the agency of anyone the newsroom knows by that
                # name nor their role.
                strangers.add(label)
                continue
            # One the story met already ("Okafor" after "Labour Minister
            # Daniel Okafor"), one whose agency it names, one whose title
            # it gives.
            person = next(
                (p for p in (*met, *holders) if p.agency in named_agencies),
                (met[0] if met else None)
                or _titled_before(holders, text, start)
                or holders[0],
            )
            self.found.append((start, end, person))

    def between(self, start: int, end: int) -> PersonRef | None:
        """The first known person named within ``start:end``."""
        return next((p for a, b, p in self.found if a >= start and b <= end), None)

    def before(self, position: int) -> tuple[int, PersonRef] | None:
        """The last known person named before ``position``, with where."""
        before = [(b, p) for a, b, p in self.found if b <= position]
        return before[-1] if before else None

    def titled(self, noun: str, position: int) -> PersonRef | None:
        """The last known person named before ``position`` whose role holds
        ``noun`` ("the judge" for Rosa Roe, "Judge of the Lima court")."""
        for start, _, person in reversed(self.found):
            words = {w.strip(".,;()").lower() for w in person.role.split()}
            if start < position and noun in words:
                return person
        return None


def in_capitals(people: Sequence[PersonRef], label: str) -> PersonRef | None:
    """The known person a transcript's label names in capitals, by a name of
    more than one word: the whole label ("BATBAYAR DORJ"), or else a part of
    it ("GOV. MARGARET HOLLIS (D), OREGON")."""
    whole = whole_named(people, label)
    if whole:
        return whole[0]
    padded = f" {label.upper()} "
    names = [
        (person, [n.upper() for n in (person.name, *person.aliases) if " " in n])
        for person in people
    ]
    return next(
        (p for p, upper in names if any(f" {n} " in padded for n in upper)), None
    )


def whole_named(people: Sequence[PersonRef], label: str) -> list[PersonRef]:
    """The known people, in order, one of whose names of more than one word
    is the whole of a transcript's label in capitals ("ANA LUCÍA FERRER")."""
    label = " ".join(label.upper().split())
    return [
        person
        for person in people
        if any(
            " " in n and " ".join(n.upper().split()) == label
            for n in (person.name, *person.aliases)
        )
    ]
