"""From frames to passages: the text each frame governs, trimmed, and the
quotations that continue an attributed one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detection.parties import Frame

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_LEADING_DAY = re.compile(
    r"(?:(?:late|early) )?on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)(?: (?:morning|afternoon|evening|night))?,? "
)
_LEADING_CITING = re.compile(r"citing [^,.]*, ")
_TRAILING_CITING = re.compile(r", citing [^,.]*$")
_CONTENT_STRIP = " \t\n,;:\"'\u2014-"
# A leading day or "that" is trimmed only if more than this many characters
# of the passage are left after it.
_TRIM_LEAVES = 8
# A passage shorter than this, in characters or in words, is not a claim.
_MIN_PASSAGE_CHARS = 6
_MIN_PASSAGE_WORDS = 2
# A quote continues an attributed one only this many characters later at most.
_MAX_CONTINUATION_GAP = 200
# A clause joined after a cue set off ("..., it said, and B") has more words.
_MIN_JOINED_WORDS = 2
# How far up the parse a second cue joined to a first may hang from it.
_JOIN_DEPTH = 4

# --- from frames to passages -----------------------------------------------


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """The blocks of the plain text (they are joined by blank lines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def quote_regions(
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
    # "citing the ministry, that ...": the chain is the frame's, not the claim's.
    citing = _LEADING_CITING.match(text, start, end)
    if citing is not None and end - citing.end() > _TRIM_LEAVES:
        start = citing.end()
    trailing = _TRAILING_CITING.search(text, start, end)
    if trailing is not None and trailing.start() - start > _TRIM_LEAVES:
        end = trailing.start()
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
class Candidate:
    start: int
    end: int
    frames: list[Frame]
    whole: bool = False
    continued: bool = False


def drop_nested(frames: list[Frame]) -> list[Frame]:
    frames.sort(key=lambda f: (f.start, -f.end))
    kept: list[Frame] = []
    for frame in frames:
        if any(k.start <= frame.start and frame.end <= k.end for k in kept):
            continue
        kept.append(frame)
    return kept


def _joined(frames: list[Frame]) -> list[Frame]:
    """Frames less those that only go on with their predecessor's speaker
    and clause ("X projected that A and warned that B"): one passage runs
    through both."""
    kept: list[Frame] = []
    for frame in frames:
        verb = frame.verb
        if (
            kept
            and kept[-1].right
            and frame.right
            # "and warned that B"; "..., noting that B" (not "..., saying
            # B": a passage of its own)
            and (verb.dep_ == "conj" or _participle(verb))
            # the parser hangs it on the verb or somewhere in its clause
            and kept[-1].verb in _heads(verb)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            and not _after_comma(verb)
        ):
            continue
        kept.append(frame)
    return kept


def _after_comma(verb: Token) -> bool:
    """Whether a joined cue follows a comma and its "and" (", and urged
    B") or a "but" ("said A but warned B"): a second statement of its own,
    not the first one going on."""
    doc = verb.doc
    k = verb.i - 1
    while k > 0 and doc[k].lower_ in ("also", "then"):
        k -= 1
    return k > 0 and (
        doc[k].lower_ == "but" or (doc[k].lower_ == "and" and doc[k - 1].text == ",")
    )


def _participle(verb: Token) -> bool:
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.lemma_ != "say"


def _heads(token: Token) -> list[Token]:
    """The tokens ``token`` hangs from, nearest first, ``_JOIN_DEPTH`` at most."""
    heads: list[Token] = []
    while len(heads) < _JOIN_DEPTH and token.head.i != token.i:
        token = token.head
        heads.append(token)
    return heads


def _charge(frame: Frame) -> tuple[int, int] | None:
    """What an accusation or blame charges, as character offsets in its
    paragraph: "accused [the ministry of scapegoating teachers]", "blamed
    [the rain for the collapse]"; None for a stance on a thing alone
    ("rejected the appeal"), which is its whole sentence."""
    verb = frame.verb
    charged = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if charged is None:
        return None
    # "blamed [X for Y]"; the parser may hang the "for" inside X.
    if not any(
        c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i > charged.i
        for c in (*verb.children, *charged.subtree)
    ):
        # "..., blaming [a fall in demand]": a participle's object is the
        # cause it names, not the sentence it is set beside.
        # (to the sentence's end: the parser may hang a second cause it
        # names on the sentence's verb).
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.i < verb.i:
            return charged.left_edge.idx, verb.sent.end_char
        return None
    # Through whatever the verb governs after the charged party ("for the
    # blast at the depot"), short of a clause joined to it; unless the "of"
    # was left without its object by an aside ("accused X of, in its words,
    # "using ..."": the parser hangs what it charges on the verb).
    skipped = (
        ("punct", "cc", "conj") if _dangling(verb) else ("punct", "cc", "conj", "advcl")
    )
    last = max(
        (
            c.right_edge
            for c in verb.children
            if c.i > charged.i and c.dep_ not in skipped
        ),
        key=lambda t: t.i,
        default=charged.right_edge,
    )
    last = max(last, charged.right_edge, key=lambda t: t.i)
    return charged.left_edge.idx, last.idx + len(last)


def _dangling(verb: Token) -> bool:
    """Whether the verb's "of" or "for" has no object of its own."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("of", "for")
        and not any(g.dep_ in ("pobj", "pcomp") for g in c.children)
        for c in verb.children
    )


def _beyond(
    sent: Span,
    frame: Frame,
    offset: int,
    plain: str,
    sentences: list[tuple[int, int, int]],
) -> list[Candidate]:
    """The passages of a frame that are not a gap between frames: the
    sentence before ("The figures were put out by X"), what an accusation
    charges, a stance's whole sentence."""
    found = []
    if frame.back and len(sentences) > 1:
        start, end, _ = sentences[-2]
        found.append(Candidate(start, end, [frame]))
    if frame.whole:
        charge = _charge(frame)
        if charge is not None:
            start, end = _trim(plain, charge[0] + offset, charge[1] + offset)
            found.append(Candidate(start, end, [frame]))
        else:
            start, end = sent.start_char + offset, sent.end_char + offset
            found.append(Candidate(start, end, [frame], whole=True))
    return found


def passages(
    sent: Span,
    frames: list[Frame],
    offset: int,
    plain: str,
    sentences: list[tuple[int, int, int]],
) -> list[Candidate]:
    found: list[Candidate] = []
    if not frames:
        return found
    doc = sent.doc
    for frame in frames:
        found.extend(_beyond(sent, frame, offset, plain, sentences))
    ordinary = _joined([f for f in frames if not f.back and not f.whole])
    edges = [sent.start - 1, *(x for f in ordinary for x in (f.start, f.end)), sent.end]
    # Gaps between frames: (first token, last token, frame before, frame after)
    for k in range(len(ordinary) + 1):
        first = edges[2 * k] + 1
        last = edges[2 * k + 1] - 1
        if last < first:
            continue
        before = ordinary[k - 1] if k > 0 else None
        after = ordinary[k] if k < len(ordinary) else None
        last = _before_stance(frames, first, last)
        owners = []
        if before is not None and before.right:
            owners.append(before)
        if after is not None and after.left:
            owners.append(after)
        if not owners:
            gap = doc[first : last + 1]
            if found and _goes_on(gap, before, found[-1]):
                # "A, it said, and B": the clause joined after a cue set off
                # inside the sentence goes on with what the cue attributed.
                found[-1].end = _trim(
                    plain, found[-1].start, doc[last].idx + len(doc[last]) + offset
                )[1]
            elif (
                found
                and before is not None
                and _goes_on(gap, before, found[-1], _APART)
            ):
                # "A, it said, because B" ("although B"): a second statement
                # of the same source.
                opener = next(t for t in gap if not t.is_punct)
                start, end = _trim(
                    plain,
                    doc[opener.i + 1].idx + offset,
                    doc[last].idx + len(doc[last]) + offset,
                )
                found.append(Candidate(start, end, [before]))
            continue
        start = doc[first].idx + offset
        end = doc[last].idx + len(doc[last]) + offset
        start, end = _trim(plain, start, end)
        if (
            end - start < _MIN_PASSAGE_CHARS
            or len(plain[start:end].split()) < _MIN_PASSAGE_WORDS
            or _no_content(doc[first : last + 1])
        ):
            continue
        if plain[start:end].rstrip('"').endswith("?") or (
            end < len(plain) and plain[end : end + 2].strip().startswith("?")
        ):
            continue
        found.append(Candidate(start, end, owners))
    return found


# Words that say nothing alone: "there was, it said, ..." leaves "there was".
_EMPTY_LEMMAS = frozenset(("there", "it", "this", "that", "be"))


def _no_content(words: Span) -> bool:
    return all(t.is_punct or t.lemma_.lower() in _EMPTY_LEMMAS for t in words)


def _before_stance(frames: list[Frame], first: int, last: int) -> int:
    """Where a gap ends: "said A and blamed X for Y": the stance joined
    after is a passage of its own (its charge), and what was said ends
    before it."""
    last = min(
        (
            f.start - 1
            for f in frames
            if f.whole and f.verb.dep_ == "conj" and first < f.start <= last
        ),
        default=last,
    )
    doc = frames[0].verb.doc
    while last > first and doc[last].dep_ in ("cc", "punct"):
        last -= 1
    return last


# What opens a clause after a cue set off by commas: "A, it said, and B"
# goes on with A; "A, it said, because B" is a statement apart.
_JOINING = ("and", "but")
_APART = ("because", "although", "though", "while")


def _goes_on(
    gap: Span,
    before: Frame | None,
    previous: Candidate,
    openers: tuple[str, ...] = _JOINING,
) -> bool:
    """Whether ``gap`` (", and B") is a clause after the passage a trailing
    cue just took ("A, it said, and B"), opened by one of ``openers``: the
    cue between them is set off by commas and attributes only what came
    before it."""
    if before is None or before.right or before not in previous.frames:
        return False
    words = [t for t in gap if not t.is_punct]
    return (
        len(words) > _MIN_JOINED_WORDS
        and "," in (gap[0].text, gap.doc[gap.start - 1].text)
        and words[0].lower_ in openers
        and any(t.pos_ in ("VERB", "AUX") for t in words)
    )


def introduced_passage(
    plain: str, start: int, end: int, frame: Frame
) -> list[Candidate]:
    """A paragraph a colon ending the one before introduced ("X told us:"),
    as a passage of that frame's."""
    start, end = _trim(plain, start, end)
    if len(plain[start:end].split()) < _MIN_PASSAGE_WORDS:
        return []
    return [Candidate(start, end, [frame])]


def continuations(
    plain: str,
    regions: Sequence[tuple[int, int]],
    candidates: list[Candidate],
    sentences: list[tuple[int, int, int]],
) -> list[Candidate]:
    """Quotes that go on after the attributed sentence or paragraph, and
    quotes that began a sentence or more before their cue."""
    extra: list[Candidate] = []
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
            if c.end <= start and is_quote(plain, regions, c.start, c.end)
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
        # A question asked goes on with no claim ("How long must we wait?"),
        # as a question after a cue does.
        if plain[start:end].rstrip('"').endswith("?") or plain[end : end + 1] == "?":
            continue
        extra.append(Candidate(start, end, last.frames, continued=True))
    return extra


def is_quote(
    plain: str, regions: Sequence[tuple[int, int]], start: int, end: int
) -> bool:
    return any(a <= start and end <= b for a, b in regions)
