"""Which family of cue a verb is ("say", "according", "release") and
whether its subject can be the source: the gates a verb passes before
``detection.frames`` builds its frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detection.according import put_at_frame
from detection.cues import (
    APPEAL_VERBS,
    CONDITIONS,
    CONVENED_NOUNS,
    DECLARED_ACTS,
    DOCUMENT_VERBS,
    FINDING_VERBS,
    NAMING_VERBS,
    RELEASE_VERBS,
    SAY_VERBS,
    STANCE_VERBS,
)
from detection.documents import document_source, tally_source
from detection.gates import (
    characterised,
    counted,
    has_modal,
    is_negated,
    names_a_known_thing,
    reported,
)
from detection.repairs import misread_as_modifier, trailing_read_as_relative

if TYPE_CHECKING:
    from spacy.tokens import Token


def in_quote(token: Token, regions: Sequence[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in regions)


def _declared_act(verb: Token) -> bool:
    """ "declared a 60-day state of emergency": an act, not a statement; by
    the nouns after the verb, however the parser hung them."""
    for token in verb.doc[verb.i + 1 : verb.i + 7]:
        if token.pos_ == "ADP" or token.text in ",;:":
            return False
        if token.pos_ == "NOUN" and token.lemma_.lower() in DECLARED_ACTS:
            return True
    return False


def cue_kind(verb: Token, regions: Sequence[tuple[int, int]]) -> str | None:  # noqa: PLR0911, PLR0912 - one gate a line
    """Which family of cue ``verb`` is, if any: "according" ("according to
    X"), "release" (a document or data put out by X) or "say" (a speech verb,
    a stance, "called", "quoted ... as saying", "made clear")."""
    if verb.lower_ == "according":
        return None if in_quote(verb, regions) else "according"
    # The cheap test first: most tokens are no verb.
    if verb.pos_ not in ("VERB", "AUX") or in_quote(verb, regions):
        return None
    lemma = verb.lemma_.lower()
    if (
        verb.dep_ in ("acl", "relcl", "amod", "pcomp")
        and lemma not in ("call",)
        and not by_saying(verb)
        and misread_as_modifier(verb) is None
        and trailing_read_as_relative(verb) is None
    ):
        return None
    if reported(verb):
        return None
    if is_negated(verb) or has_modal(verb):
        return None
    # "unless their airline has confirmed that ...": a condition, not a
    # report ("IF" of "The union IF Metall said" is a name the parser misread)
    if any(
        c.dep_ == "mark" and c.lower_ in CONDITIONS and not c.is_upper
        for c in verb.children
    ):
        return None
    if lemma == "make":
        if not any(c.lower_ == "clear" for c in verb.children):
            return None
    elif (lemma == "call" and _convened(verb)) or (
        lemma == "declare" and _declared_act(verb)
    ):
        return None
    elif lemma == "quote":
        # "X quoted Y as saying" / "Y was quoted by X as saying"
        if not any(c.lower_ == "as" for c in verb.children):
            return None
    elif (lemma in DOCUMENT_VERBS and document_source(verb)) or tally_source(verb):
        pass
    elif characterised(verb) is not None or counted(verb) is not None:
        pass  # "dismissed the report as fiction", "counted 40 attacks"
    elif lemma in RELEASE_VERBS or (lemma == "have" and put_at_frame(verb)):
        # "X put the toll at Y"; "X has it slightly lower, at 6.1"
        return "release"
    elif lemma in FINDING_VERBS:
        if not _that_clause(verb):
            return None
    elif lemma in APPEAL_VERBS:
        if not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            return None
    elif lemma not in SAY_VERBS | STANCE_VERBS | NAMING_VERBS:
        return None
    if (
        verb.tag_ == "VBG"
        and verb.dep_ not in {"advcl", "ROOT"}
        and not by_saying(verb)
    ):
        return None
    if lemma in SAY_VERBS - STANCE_VERBS and names_a_known_thing(verb):
        return None
    return "say"


def by_saying(verb: Token) -> bool:
    """ "He opened by stressing that ...": a cue with its clause, how the
    speaker did something."""
    return (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "by"
        and any(c.dep_ == "ccomp" for c in verb.children)
    )


def _convened(verb: Token) -> bool:
    """Whether "called" convenes what it calls ("called a second national
    strike"): no naming ("called the plan theft") nor appeal ("called for")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    return len(objects) == 1 and objects[0].lemma_.lower() in CONVENED_NOUNS


def _that_clause(verb: Token) -> bool:
    """Whether a finding reports a clause: "found that ...", a whole clause
    without "that" ("found 46% of viewers thought ..."), or trailing it
    ("Cases fell by half, the study found", though the parser found no
    clause before it); "found him guilty" reports none."""
    if _trailing(verb):
        return True
    return any(
        (
            c.dep_ == "ccomp"
            and (
                c.i < verb.i
                or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            )
        )
        or (
            # the parser may read the clause as the object
            c.dep_ in ("ccomp", "dobj")
            and c.i > verb.i
            and c.pos_ in ("VERB", "AUX")
            and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
        )
        for c in verb.children
    )


def _trailing(verb: Token) -> bool:
    """ "A breaches EU rules, the bloc's top court ruled on Thursday": the
    sentence's verb (or one the parser hung on it), its subject after a
    comma and words before it, nothing it does to an object after it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    # (or hung on the sentence's verb before it: "A caused B, an independent
    # inquiry concluded")
    placed = verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.i < verb.i)
    if not placed or subject is None or subject.i > verb.i:
        return False
    comma = subject.left_edge.i - 1
    return (
        comma - verb.sent.start >= _TRAILED_WORDS
        and verb.doc[comma].text == ","
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
    )


# The fewest words a trailing finding's clause runs to before its comma.
_TRAILED_WORDS = 4


def speaks(verb: Token, subject: Token | None) -> bool:
    """Whether the subject can be the source: not a passive's subject (what
    is said of; save "Y was quoted by X" and "called by X"), not "needless
    to say", not a relative pronoun."""
    lemma = verb.lemma_.lower()
    if (
        subject is not None
        and subject.dep_ == "nsubjpass"
        and lemma != "quote"
        # "The difference, X said, was explained by ...": what is explained
        # is no speaker; "The rally was called by X" names its caller.
        and not (
            lemma in NAMING_VERBS and any(c.dep_ == "agent" for c in verb.children)
        )
    ):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False  # "needless to say", "is expected to announce"
    # "WHO" in capitals is the World Health Organization, not "who".
    return subject is not None and (
        subject.lower_ not in ("what", "which", "that", "who")
        or subject.is_upper
        or lemma == "call"
    )
