"""What readers see of a claim: status words and icons, attribution, inline marks.

Every string an editor typed (quote, speaker, note, agency name) is escaped
here with ``format_html``; the icons are fixed SVG written in this module.
"""

import re

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django_countries import countries

from claims.models import MEDIA_KINDS, UNDER_REVIEW, Agency, Claim, Person
from claims.naming import names_agency, passage_names, passage_speaks_for

# Readers' words for each status, shown beside its icon.
STATUS_WORDS: dict[str, str] = {
    Claim.Status.UNREVIEWED: "Not reviewed",
    Claim.Status.VERIFIED: "Verified",
    Claim.Status.DISPUTED: "Disputed",
    Claim.Status.CONTEXTUALIZED: "Context added",
    UNDER_REVIEW: "Under review again",
}

# How the verdict a changed claim had is named in "the text changed after ...".
_REVIEWED_AS: dict[str, str] = {
    Claim.Status.VERIFIED: "verified",
    Claim.Status.DISPUTED: "marked disputed",
    Claim.Status.CONTEXTUALIZED: "given context",
}

# One shape per status, so status never rests on colour alone.
# Fixed markup written here, so safe as it stands.
_ICON_PATHS: dict[str, SafeString] = {
    # a tick in a circle
    Claim.Status.VERIFIED: SafeString(
        '<circle cx="8" cy="8" r="7"/><path d="M4.5 8.5l2.3 2.3 4.7-5" class="stroke"/>'
    ),
    # an exclamation mark in a triangle
    Claim.Status.DISPUTED: SafeString(
        '<path d="M8 1.2 15.2 14.5H.8z"/>'
        '<path d="M8 5.5v4.5M8 11.6v1.2" class="stroke"/>'
    ),
    # an "i" in a circle
    Claim.Status.CONTEXTUALIZED: SafeString(
        '<circle cx="8" cy="8" r="7"/><path d="M8 7v5M8 4.2v1.3" class="stroke"/>'
    ),
    # a circular arrow: being looked at again
    UNDER_REVIEW: SafeString(
        '<path d="M13.5 8A5.5 5.5 0 1 1 11.4 3.7" class="hollow"/>'
        '<path d="M10 1.5h3.2v3.2" class="hollow"/>'
    ),
    # an empty circle
    Claim.Status.UNREVIEWED: SafeString('<circle cx="8" cy="8" r="6" class="hollow"/>'),
}


def status_word(status: str) -> str:
    """The status as readers read it: "Disputed", "Context added", "Verified"."""
    return STATUS_WORDS.get(status, status)


def status_icon(status: str) -> SafeString:
    """A small decorative SVG icon for a status (hidden from assistive technology)."""
    paths = _ICON_PATHS.get(status, _ICON_PATHS[Claim.Status.UNREVIEWED])
    return format_html(
        '<svg class="icon icon-{}" viewBox="0 0 16 16" width="16" height="16" '
        'aria-hidden="true" focusable="false">{}</svg>',
        status,
        paths,
    )


def status_badge(status: str) -> SafeString:
    """The status as an icon followed by its word."""
    return format_html(
        '<span class="status status-{}">{}<span class="status-word">{}</span></span>',
        status,
        status_icon(status),
        status_word(status),
    )


def _lower_article(name: str) -> str:
    # "A source in the Russian parliament" reads "quoting a source in …".
    first, _, rest = name.partition(" ")
    if first in {"A", "An", "The"} and rest:
        return f"{first.lower()} {rest}"
    return name


def person_phrase(person: Person) -> str:
    """A known person as their role and name: "Kremlin spokesman Dmitry Peskov"."""
    return f"{person.role} {person.name}".strip()


def capfirst(text: str) -> str:
    """The text opening a sentence: its first letter capitalised."""
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    """“the Kremlin's”, “the United States'”."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def speaker_phrase(
    speaker: str, agency: Agency, role: str | None = None, *, passage: str = ""
) -> str:
    """A named speaker and the body they speak for, as one phrase.

    With a role: "Dmitry Peskov, the Kremlin's spokesman". Without one, the
    speaker as written when it already names the body ("Kremlin spokesman
    Dmitry Peskov"), else "Dmytro Kuleba of the Ukrainian Foreign Ministry".
    When the ``passage`` the phrase introduces names the body itself, the
    phrase does not name it again ("Dmitry Peskov, the spokesman, said that
    the Kremlin ...").
    """
    named_after = passage_names(passage, agency)
    if role:
        if named_after:
            return f"{speaker}, {_with_article(role)}"
        return f"{speaker}, {possessive(agency.in_text)} {role}"
    if named_after or names_agency(speaker, agency):
        return speaker
    return f"{speaker} of {agency.in_text}"


def _with_article(role: str) -> str:
    first = role.split(" ", 1)[0].lower()
    if first in {"the", "a", "an", "its", "their", "his", "her"}:
        return role
    return f"the {role}"


def attribution(claim: Claim, role: str | None = None) -> str:
    """Who the claim is attributed to, as a phrase opening a sentence.

    "According to the United Nations"; "TASS, quoting a source in the
    Russian parliament"; "Dmitry Peskov, the Kremlin's spokesman".
    """
    agency = claim.agency
    if not claim.speaker and claim.person_id is None:
        return f"According to {agency.in_text}"
    if agency.kind in MEDIA_KINDS:
        return f"{agency.at_sentence_start}, quoting {_lower_article(claim.speaker)}"
    return capfirst(speaker_for(claim, role))


def speaker_for(claim: Claim, role: str | None = None, *, passage: str = "") -> str:
    """The claim's speaker and the body they speak for, as one phrase.

    A known person whose role already names the body reads as role and name
    ("Kremlin spokesman Dmitry Peskov"); a role that does not, after the name
    ("Dmitry Peskov, the Kremlin's spokesman"); a speaker typed by hand goes
    through ``speaker_phrase``. Where the phrase introduces a ``passage`` that
    names the body, the body is not named twice.
    """
    person = claim.person if claim.person_id is not None else None
    if person is None:
        return speaker_phrase(claim.speaker, claim.agency, role, passage=passage)
    if person.role and names_agency(person.role, claim.agency):
        return person_phrase(person)
    return speaker_phrase(
        person.name, claim.agency, person.role or role, passage=passage
    )


def source_subject(claim: Claim, role: str | None = None) -> str:
    """Who said the claim's passage, as the subject of the sentence that
    introduces it: "RIA Novosti", "A source in the Russian parliament, quoted
    by TASS,". The body is not named again where the passage names it."""
    agency = claim.agency
    if not claim.speaker and claim.person_id is None:
        return agency.at_sentence_start
    if agency.kind in MEDIA_KINDS:
        if passage_names(claim.quote, agency):
            return capfirst(claim.speaker)
        return f"{capfirst(claim.speaker)}, quoted by {agency.in_text},"
    return capfirst(speaker_for(claim, role, passage=claim.quote))


# Straight and curly quotation marks, and which of them open a quotation.
_QUOTE_MARK = re.compile(r"[\"“”‘’']")
_MARKS = (("\u201c", "\u201d"), ("\u2018", "\u2019"))


def nest_quotes(text: str, depth: int = 0) -> str:
    """The text with the quotation marks inside it alternating by depth.

    At ``depth`` 0 a quotation takes double marks, inside it single, inside
    that double again; ``depth`` 1 is for text that will itself sit in
    double marks. An apostrophe ("Russia's") is left as it is.
    """
    out: list[str] = []
    level = depth
    for index, char in enumerate(text):
        if not _QUOTE_MARK.fullmatch(char):
            out.append(char)
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        single = char in "‘’'"
        opening = char in "“‘" or (
            char in "\"'"
            and (before.isspace() or before in "([—–-")
            and not after.isspace()
        )
        if single and not opening and (before.isalnum() and after.isalnum()):
            out.append("\u2019")  # an apostrophe inside a word
            continue
        if opening:
            out.append(_MARKS[level % 2][0])
            level += 1
        elif level > depth:
            level -= 1
            out.append(_MARKS[level % 2][1])
        else:
            out.append("\u2019" if single else char)
    return "".join(out)


def quoted(text: str, depth: int = 0) -> str:
    """Text in quotation marks, double or single by ``depth``, its own
    quotations alternating inside."""
    opening, closing = _MARKS[depth % 2]
    return f"{opening}{nest_quotes(text, depth + 1)}{closing}"


def _first_word_lowered(words: str, text: str) -> str:
    # Reported speech goes on after "that": lower the first letter unless the
    # word is a name, which the article also spells capitalised mid-sentence.
    match = re.match(r"[A-Z][\w'’-]*", words)
    if not match or (match.group().isupper() and len(match.group()) > 1):
        return words
    word = match.group()
    if re.search(rf"[\w,;:] {re.escape(word)}\b", text):
        return words
    return word[0].lower() + words[1:]


def _ending(words: str) -> str:
    words = words.strip().rstrip(",;:")
    return words if words.endswith((".", "!", "?")) else f"{words}."


def claim_sentence(claim: Claim, role: str | None = None) -> SafeString:
    """What the source said, faithfully: their words in quotation marks for
    a direct quote ("Dmytro Kuleba said: “…”"), our wording without them for
    reported speech ("RIA Novosti reported that …").

    Reported speech that itself names the agency as the one saying it ("The
    United Nations ... have rejected the referendums and said ...") is its
    own attribution: it stands alone rather than after "The United Nations
    said that".
    """
    verb = claim.reporting_verb or "said"
    if claim.attribution_kind == Claim.AttributionKind.DIRECT:
        words = claim.quote.strip().rstrip(",;:").strip('"“”')
        return format_html(
            '{} {}: <span class="claim-words claim-words-direct">{}</span>',
            source_subject(claim, role),
            verb,
            quoted(_ending(words)),
        )
    if (
        not claim.speaker
        and claim.person_id is None
        and passage_speaks_for(claim.quote, claim.agency)
    ):
        return format_html(
            '<span class="claim-words claim-words-reported">{}</span>',
            nest_quotes(_ending(capfirst(claim.quote.strip()))),
        )
    words = _first_word_lowered(claim.quote.strip(), claim.article.plain_text)
    # A passage that names a thing ("what Ukraine and the West called an
    # illegitimate exercise") reads "called it …", not "called that …".
    naming = _NAMING_VERBS.get(verb.lower())
    return format_html(
        '{} {} <span class="claim-words claim-words-reported">{}</span>',
        source_subject(claim, role),
        naming or f"{verb} that",
        nest_quotes(_ending(words)),
    )


# Verbs that give a name to something rather than report words, and how a
# sentence about the passage reads with them.
_NAMING_VERBS = {
    "called": "called it",
    "described": "described it as",
    "described as": "described it as",
    "labelled": "labelled it",
    "labeled": "labeled it",
    "branded": "branded it",
    "termed": "termed it",
}


def country_name(code: str) -> str:
    """A country's common English name from its ISO code ("RU" is "Russia")."""
    return str(countries.name(code)) if code else ""


def is_labelled(claim: Claim) -> bool:
    """Whether readers see a label and a note for the claim: reviewed and in the text."""
    return (
        claim.status != Claim.Status.UNREVIEWED
        and claim.anchor_state != Claim.AnchorState.ORPHANED
    )


def under_review_text(claim: Claim) -> SafeString:
    """What readers read of a reviewed claim whose words changed: that it is
    under review again, since when, and no longer the old verdict."""
    changed = claim.words_changed_at
    if changed is None:
        return SafeString("")
    local = timezone.localtime(changed)
    return format_html(
        '<p class="note-text under-review">Under review again: the text changed '
        'after this claim was {}, on <time datetime="{}">{}</time>.</p>',
        _REVIEWED_AS.get(claim.status, "reviewed"),
        formats.date_format(local, "Y-m-d\\TH:i:sO"),
        formats.date_format(local, "j F Y"),
    )


def label_link(claim: Claim) -> SafeString:
    """The label after a reviewed claim's mark: a link to its note."""
    return format_html(
        '<a class="claim-label claim-label-{status}" id="label-{pk}" '
        'href="#note-{pk}" data-claim="{pk}" aria-describedby="claim-{pk}">'
        '{icon}<span class="claim-label-word">{word}</span>'
        '<span class="visually-hidden"> claim: read the note</span></a>',
        status=claim.reader_status,
        pk=claim.pk,
        icon=status_icon(claim.reader_status),
        word=status_word(claim.reader_status),
    )


# A label and what follows it that must not start a line. Closing quotation
# marks (and what precedes the last of them) go before the label, so a label
# never sits inside the quotation it follows: “… says,” [label], not
# “… says, [label]”. An apostrophe followed by a letter is not a closing mark.
# No capturing groups: the kept skeleton splits on it (claims.marking).
_CLOSING_MARKS = r"""(?:[.,;:!?)\]]*[\u201d\u2019"'](?!\w))*"""
LABEL_PUNCTUATION = _CLOSING_MARKS + r"[.,;:!?)\]]*"
_CLOSING = re.compile(f"({_CLOSING_MARKS})(.*)", re.S)


def keep_together(label: str, punctuation: str) -> str:
    """A label and the punctuation right after it, on one line, with closing
    quotation marks moved before the label."""
    found = _CLOSING.fullmatch(punctuation)
    closing, rest = found.groups() if found else ("", punctuation)
    if not closing and not rest:
        return label
    return f'<span class="nowrap">{closing}{label}{rest}</span>'
