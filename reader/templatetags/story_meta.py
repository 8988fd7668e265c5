"""The tags in a story page's head that tell search engines and social sites
what it is: its canonical address, Open Graph and Twitter card."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

from articles.models import Article, ArticleRevision
from newsroom.site import site_name

register = template.Library()


def _iso(moment: Any) -> str:
    return moment.isoformat() if moment else ""


@register.simple_tag(takes_context=True)
def story_meta(
    context: template.Context,
    article: Article,
    last_correction: ArticleRevision | None = None,
) -> str:
    """``<link rel=canonical>`` and the Open Graph and Twitter card tags of a story."""
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    modified = last_correction.shown_at if last_correction else article.published_at
    properties = [
        ("og:type", "article"),
        ("og:site_name", site_name()),
        ("og:title", article.headline),
        ("og:description", article.standfirst),
        ("og:url", url),
        ("og:locale", (article.language or "en").replace("-", "_")),
        ("article:published_time", _iso(article.published_at)),
        ("article:modified_time", _iso(modified)),
        ("article:section", article.section),
    ]
    names = [
        ("twitter:card", "summary"),
        ("twitter:title", article.headline),
        ("twitter:description", article.standfirst),
    ]
    return format_html(
        '<link rel="canonical" href="{}">\n{}\n{}',
        url,
        format_html_join(
            "\n",
            '<meta property="{}" content="{}">',
            ((key, value) for key, value in properties if value),
        ),
        format_html_join(
            "\n",
            '<meta name="{}" content="{}">',
            ((key, value) for key, value in names if value),
        ),
    )
