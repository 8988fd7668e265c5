"""A claim's words folded for comparison with other claims: pure text functions.

Two stories carry the same claim in slightly different dress: curly or
straight quotation marks, a capital after a colon, "61 per cent" or "61%",
"4,000" or "4000", "won't" or "will not". ``fold`` removes those differences;
``figures`` and ``negations`` keep what must never differ between two
copies of one claim (a figure, a "not").
"""

import re
from collections import Counter

from claims import anchoring

_PERCENT = re.compile(r"\s*(?:%|\bper\s*cent\b|\bpercent\b|\bpct\b)", re.IGNORECASE)
# 4,000 / 4 000 / 4'000 / 4’000 (a group of exactly three digits after each).
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f '\u2019](?=\d{3}(?!\d))")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_SCALE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|mln|bn|m)\b", re.IGNORECASE
)
_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
}
_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
_NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without"}
)
# Words that carry no claim of their own: left out, so that what is compared
# (and indexed) is the content, and "said" against "says" is no difference.
# Negations are never among them.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "on",
        "at",
        "of",
        "to",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "are",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "these",
        "those",
        "said",
        "says",
        "say",
        "saying",
        "according",
        "per",
        "over",
        "into",
        "onto",
        "than",
        "then",
        "there",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "we",
        "our",
        "also",
        "just",
        "very",
        "about",
        "up",
        "out",
        "off",
        "so",
        "but",
        "if",
    ]
)
_PUNCTUATION = re.compile(r"(?!(?<=\d)\.(?=\d))[^\w%\s]|_")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _scaled(match: re.Match[str]) -> str:
    value = float(match.group(1)) * _SCALES[match.group(2).lower()]
    return f"{value:.0f}"


def _numbers(text: str) -> str:
    text = _THOUSANDS.sub("", text)
    text = _DECIMAL_COMMA.sub(".", text)
    text = _SCALE.sub(_scaled, text)
    return _PERCENT.sub("%", text)


def fold(text: str) -> str:
    """The words as claims are compared: quotation marks, dashes, spacing,
    case, contractions and number formats folded, function words left out."""
    text = anchoring.normalize(text).casefold()
    text = text.replace('"', " ")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _numbers(text)
    # Punctuation, but not a decimal point or a per cent sign.
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(word for word in text.split() if word not in FUNCTION_WORDS)


def figures(folded: str) -> Counter[str]:
    """The numbers a folded text gives (percentages kept apart from counts)."""
    return Counter(_NUMBER.findall(folded))


def negations(folded: str) -> int:
    """How many negating words a folded text holds: "will" and "will not" differ."""
    return sum(1 for word in _WORD.findall(folded) if word in _NEGATIONS)
