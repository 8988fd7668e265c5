"""Comparing two revisions of an article: a side-by-side diff for the desk."""

import difflib

from django.utils.safestring import SafeString, mark_safe

from articles.models import ArticleRevision


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
