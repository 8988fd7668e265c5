"""Whether words name an agency: a speaker said to speak for it, or a passage
in which it is the one saying something."""

import re

from claims.models import Agency
from detection.speech import REPORTING_VERBS

# Words of an agency's names that say nothing of which body it is.
_GENERIC_WORDS = {
    "the",
    "of",
    "and",
    "for",
    "news",
    "agency",
    "government",
    "ministry",
    "office",
    "organisation",
    "organization",
    "council",
    "state",
    "federal",
}

# Shorter words of a name say nothing ("of", "de"); acronyms do ("UN").
_SHORTEST_WORD = 3
_SHORTEST_ACRONYM = 2


def _name_words(agency: Agency) -> set[str]:
    names = [agency.name, agency.in_text, *(agency.aliases or [])]
    tokens = [
        token
        for name in names
        for token in re.findall(r"[\w-]+", name.replace("'s", ""))
    ]
    # Acronyms count however short they are: "UN", "EU".
    return {
        token.lower()
        for token in tokens
        if (len(token) >= _SHORTEST_WORD and token.lower() not in _GENERIC_WORDS)
        or (len(token) >= _SHORTEST_ACRONYM and token.isupper())
    }


def names_agency(speaker: str, agency: Agency) -> bool:
    """Whether the speaker's words already say who they speak for
    ("Kremlin spokesman Dmitry Peskov" for the Kremlin, "Ukrainian Foreign
    Minister Dmytro Kuleba" for the Ukrainian Foreign Ministry)."""
    spoken = {word.lower() for word in re.findall(r"[\w-]+", speaker)}
    return bool(spoken & _name_words(agency))


def _name_pattern(agency: Agency) -> re.Pattern[str]:
    # Every name the agency goes by, with or without its "the".
    forms = {
        re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
        for name in (agency.name, agency.in_text, *(agency.aliases or []))
    }
    alternatives = "|".join(
        re.escape(form) for form in sorted(forms, key=len, reverse=True) if form
    )
    return re.compile(rf"(?<![\w-])(?:[Tt]he\s+)?(?:{alternatives})(?![\w-])")


def passage_names(passage: str, agency: Agency) -> bool:
    """Whether the passage itself names the agency, by any of its names."""
    return bool(passage) and _name_pattern(agency).search(passage) is not None


# Verbs with which a passage gives its subject's words or stand: "the United
# Nations ... have rejected the referendums and said".
_STATEMENT_VERBS = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(verb)
        for verb in (
            *REPORTING_VERBS,
            "says",
            "rejected",
            "rejects",
            "denied",
            "denies",
            "dismissed",
            "condemned",
            "called",
            "declared",
            "accused",
            "refused",
            "has said",
            "have said",
        )
    )
    + r")\b"
)


def passage_speaks_for(passage: str, agency: Agency) -> bool:
    """Whether the passage names the agency as the one saying it: its name,
    then a verb of saying or of taking a stand ("The United Nations ... have
    rejected the referendums and said ...")."""
    if not passage:
        return False
    found = _name_pattern(agency).search(passage)
    return found is not None and bool(_STATEMENT_VERBS.search(passage, found.end()))
