"""Where each offset of a previous text went in its edited version: the word
diff re-anchoring follows before it searches the new text."""

import re
from bisect import bisect_right
from difflib import SequenceMatcher

# Beyond this many changed words the diff goes paragraph by paragraph first:
# difflib's cost grows faster than its input (about 0.2 s for 10,000 words
# with edits scattered through them), a paragraph diff stays linear.
WORD_DIFF_LIMIT = 10_000

_WORD = re.compile(r"\S+")


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """The text's paragraphs (runs between blank lines) with their offsets."""
    return [(m.start(), m.group()) for m in re.finditer(r"(?:[^\n]|\n(?!\n))+", text)]


def _end(block: tuple[int, str]) -> int:
    return block[0] + len(block[1])


def _words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    found = _WORD.finditer(text, start, len(text) if end is None else end)
    return [(m.start(), m.group()) for m in found]


def _common_ends(
    old_words: list[tuple[int, str]], new_words: list[tuple[int, str]]
) -> tuple[int, int]:
    """How many words the two lists share at their start and at their end.

    Most edits touch one place: the words around it are matched in one
    linear pass, and only the middle goes to the diff.
    """
    head = 0
    limit = min(len(old_words), len(new_words))
    while head < limit and old_words[head][1] == new_words[head][1]:
        head += 1
    tail = 0
    while tail < limit - head and old_words[-1 - tail][1] == new_words[-1 - tail][1]:
        tail += 1
    return head, tail


class EditMap:
    """Where offsets of a previous text went in its edited version.

    A word-level diff of the two texts: an offset inside an unchanged word
    maps exactly; one inside changed words maps from the last unchanged word
    before it. Re-anchoring uses it to know where a claim's own text went, so
    a passage edited in place is not confused with a similar or identical
    sentence elsewhere.

    The words shared at either end are matched in one pass; when more than
    WORD_DIFF_LIMIT words lie between them, paragraphs are diffed first and
    words only inside the paragraphs that changed, so a save stays close to
    linear in the article's size.
    """

    def __init__(self, previous: str, text: str) -> None:
        self._old: list[int] = []
        self._new: list[int] = []
        self._length = len(text)
        self.previous = previous
        old_words, new_words = _words(previous), _words(text)
        head, tail = _common_ends(old_words, new_words)
        changed = max(len(old_words), len(new_words)) - head - tail
        if changed <= WORD_DIFF_LIMIT:
            self._match_words(old_words, new_words)
            return
        old_blocks, new_blocks = _paragraphs(previous), _paragraphs(text)
        matcher = SequenceMatcher(
            None, [b for _, b in old_blocks], [b for _, b in new_blocks], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for (old_at, block), (new_at, _) in zip(
                    old_blocks[i1:i2], new_blocks[j1:j2], strict=True
                ):
                    for match in _WORD.finditer(block):
                        self._old.append(old_at + match.start())
                        self._new.append(new_at + match.start())
            elif tag == "replace":
                self._match_words(
                    _words(previous, old_blocks[i1][0], _end(old_blocks[i2 - 1])),
                    _words(text, new_blocks[j1][0], _end(new_blocks[j2 - 1])),
                )

    def _match_words(
        self, old_words: list[tuple[int, str]], new_words: list[tuple[int, str]]
    ) -> None:
        head, tail = _common_ends(old_words, new_words)
        old_middle = [w for _, w in old_words[head : len(old_words) - tail]]
        new_middle = [w for _, w in new_words[head : len(new_words) - tail]]
        pairs = [(k, k) for k in range(head)]
        # A region of paragraphs too large to diff by words is left unmatched:
        # its claims are searched for as moved, never assumed in place.
        if max(len(old_middle), len(new_middle)) <= WORD_DIFF_LIMIT:
            matcher = SequenceMatcher(None, old_middle, new_middle)
            for a, b, size in matcher.get_matching_blocks():
                pairs.extend((head + a + k, head + b + k) for k in range(size))
        pairs.extend(
            (len(old_words) - tail + k, len(new_words) - tail + k) for k in range(tail)
        )
        self._old.extend(old_words[a][0] for a, _ in pairs)
        self._new.extend(new_words[b][0] for _, b in pairs)

    def kept_in_place(self, start: int, end: int) -> bool:
        """Whether most words of ``previous[start:end]`` are still where they
        were: the passage was edited in place, not moved away or deleted."""
        total = len(_WORD.findall(self.previous, start, end))
        if not total:
            return False
        kept = bisect_right(self._old, end - 1) - bisect_right(self._old, start - 1)
        return 2 * kept >= total

    def map(self, offset: int) -> int:
        """The offset in the edited text where ``offset`` of the previous one went."""
        index = bisect_right(self._old, offset) - 1
        if index < 0:
            return min(offset, self._length)
        return min(self._new[index] + offset - self._old[index], self._length)
