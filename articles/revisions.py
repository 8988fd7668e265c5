"""Comparing two revisions of an article: a side-by-side diff for the desk."""

import difflib

from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleRevision


def _text(revision: ArticleRevision) -> list[str]:
    return [
        f"# {revision.headline}",
        "",
        *revision.standfirst.splitlines(),
        "",
        *revision.body.splitlines(),
    ]


def revision_diff(older: ArticleRevision, newer: ArticleRevision) -> SafeString:
    """An HTML table of the lines that differ between two revisions.

    ``difflib.HtmlDiff`` escapes ``&``, ``<`` and ``>`` in every line it
    shows, so editor text cannot inject markup into the page.
    """
    table = difflib.HtmlDiff(wrapcolumn=80).make_table(
        _text(older),
        _text(newer),
        fromdesc=f"#{older.number}",
        todesc=f"#{newer.number}",
        context=True,
        numlines=2,
    )
    return mark_safe(table)  # noqa: S308 - HtmlDiff escapes every line, see above


def change_lines(
    article: Article, values: dict[str, str]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """What a held change would change, field by field: each field's lines
    as ``(" ", line)`` kept, ``("-", line)`` going, ``("+", line)`` coming,
    with a line of context about each change."""
    shown = []
    for name in sorted(values):
        before = str(getattr(article, name) or "").splitlines()
        after = str(values[name] or "").splitlines()
        lines = []
        for line in difflib.unified_diff(before, after, n=1, lineterm=""):
            if line.startswith(("---", "+++")):
                continue
            if line.startswith("@@"):
                lines.append(("…", ""))
                continue
            lines.append((line[:1], line[1:]))
        shown.append((name, lines[1:] if lines[:1] == [("…", "")] else lines))
    return shown
