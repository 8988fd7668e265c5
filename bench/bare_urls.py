"""The bare site's views: both make the same two queries as the article page
(the story, its claims with their agencies) and mark the claims in a plain
template; ``/bare/<slug>/`` every time, ``/bare/cached/<slug>/`` through
Django's ``cache_page`` with a local-memory cache."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_page

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ article.headline }}</title></head>
<body><article><h1>{{ article.headline }}</h1><p>{{ article.standfirst }}</p>
{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>
{% endfor %}</article></body></html>"""
_template: list[Any] = []


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """The story and its claims, two queries, the claims marked in Python."""
    from django.shortcuts import get_object_or_404
    from django.template import engines

    from articles.models import Article
    from claims.models import Claim

    story = get_object_or_404(Article.objects.published(), slug=slug)
    claims = Claim.objects.filter(article=story).select_related("agency")
    text, position = story.plain_text, 0
    out: list[str] = []
    for claim in claims.order_by("start", "pk"):
        if claim.anchor_state == "orphaned" or claim.start < position:
            continue
        out.append(escape(text[position : claim.start]))
        out.append(
            f'<mark id="claim-{claim.pk}" data-status="{claim.status}" '
            f'title="{escape(claim.agency.name)}">'
            f"{escape(text[claim.start : claim.end])}</mark>"
        )
        position = claim.end
    out.append(escape(text[position:]))
    if not _template:
        _template.append(engines["django"].from_string(PAGE))
    # Every piece of text was escaped above.
    paragraphs = [mark_safe(block) for block in "".join(out).split("\n\n")]  # noqa: S308
    context = {"article": story, "paragraphs": paragraphs}
    return HttpResponse(_template[0].render(context, request))


urlpatterns = [
    path("bare/<slug:slug>/", article),
    path("bare/cached/<slug:slug>/", cache_page(3600)(article)),
]
