"""Readers' pages for articles: the index and the article with its claims marked."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.safestring import SafeString
from django.views.generic import DetailView, ListView

from articles.models import SEARCH_COLUMNS, Article, ArticleRevision
from claims.models import Claim
from newsroom.caching import (
    ATTRIBUTIONS,
    LISTS,
    article_scope,
    article_text_scope,
    generations,
    public_page,
)
from newsroom.parts import kept
from newsroom.replicas import is_private
from reader import structured_data
from reader.article_parts import Parts, article_parts, claim_rows
from reader.review_log import review_log

# How many recent changes the article's review log shows.
REVIEW_LOG_LENGTH = 30


def _count(status: str) -> Count:
    return Count(
        "claims",
        filter=Q(claims__status=status)
        & ~Q(claims__anchor_state=Claim.AnchorState.ORPHANED),
    )


@method_decorator(public_page(lambda: [LISTS]), name="dispatch")
class ArticleListView(ListView[Article]):
    """Published articles, newest first, with how many claims readers should weigh."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self) -> Any:
        return (
            Article.objects.published()
            .annotate(
                disputed_count=_count(Claim.Status.DISPUTED),
                contextualized_count=_count(Claim.Status.CONTEXTUALIZED),
            )
            .only(
                "headline", "slug", "standfirst", "published_at", "byline", "dateline"
            )
            .order_by("-published_at", "-pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["json_ld"] = structured_data.json_ld(
            structured_data.graph(
                [
                    structured_data.article_list(
                        context["articles"], self.request.build_absolute_uri
                    )
                ]
            )
        )
        return context


@dataclass(frozen=True)
class Page:
    """What an article's page shows around the template."""

    article: Article
    absolute: Callable[[str], str]
    parts: Parts
    review_log: SafeString
    corrections: list[ArticleRevision]

    def article_node(self) -> str:
        """The article's NewsArticle node: in the kept frame, made only with it."""
        return structured_data.node_json(
            structured_data.news_article(self.article, self.absolute, self.corrections)
        )

    def article_context(self) -> dict[str, Any]:
        """What the template shows of the article itself: its corrections."""
        return {
            "corrections": self.corrections,
            "last_correction": self.corrections[-1] if self.corrections else None,
        }

    def context(self) -> dict[str, Any]:
        """The template's context for what the page shows."""
        return {
            **self.article_context(),
            "body": self.parts.body,
            "notes": self.parts.notes_html(),
            "review_log": self.review_log,
            "json_ld": structured_data.graph_json(
                [self.article_node(), *(node.decode() for node in self.parts.reviews)]
            ),
        }


class ArticlePage(DetailView[Article]):
    """An article through the readers' template: its claims marked inline,
    their notes, the review log, corrections and JSON-LD."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def corrections(self, article: Article) -> list[ArticleRevision]:
        return list(article.corrections())

    def page(self, article: Article) -> Page:
        absolute = self.request.build_absolute_uri
        return Page(
            article=article,
            absolute=absolute,
            parts=article_parts(article, claim_rows(article), absolute),
            review_log=review_log(article, REVIEW_LOG_LENGTH),
            corrections=self.corrections(article),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.page(self.object).context())
        return context


@dataclass(frozen=True)
class Story:
    """A published article with the corrections readers are told of."""

    article: Article
    corrections: list[ArticleRevision]


def published_story(slug: str, token: str) -> Story | None:
    """The published article at ``slug``, kept until its own fields or its
    corrections change (``token``, of its ``article_text_scope``; not its
    claims: a review leaves it standing)."""

    def produce(slugs: list[str]) -> dict[str, Story]:
        article = (
            Article.objects.published()
            .defer(*SEARCH_COLUMNS)
            .filter(slug__in=slugs)
            .first()
        )
        if article is None:
            return {}
        return {article.slug: Story(article, list(article.corrections()))}

    return kept("published-story", {slug: (slug, token)}, produce).get(slug)


# Stand-ins in a kept page frame for what changes with the article's claims.
_SLOT = re.compile("\x00([A-Z])\x00")


@method_decorator(
    public_page(
        lambda slug: [article_scope(slug)],
        also=lambda slug: [article_text_scope(slug), ATTRIBUTIONS],
    ),
    name="dispatch",
)
class ArticleDetailView(ArticlePage):
    """A published article, read and rendered once per change to it.

    The article and its corrections are kept until they change, and so is
    the page around its claims (the template rendered with stand-ins for the
    marked body, the notes, the review log and the claims' JSON-LD): a
    review renders only what it changed and fills the frame. The frame is
    worth 1.0-1.3x on the page after a review (``bench/layers.py``: 0.96x
    at 9 claims, 1.17x at 100, 1.34x at 1,000; CPU 1.07-1.10x).
    """

    def get_object(self, queryset: Any = None) -> Article:
        slug = self.kwargs["slug"]
        (self.text_token,) = generations([article_text_scope(slug)])
        story = published_story(slug, self.text_token)
        if story is None:
            raise Http404
        self.story = story
        return story.article

    def corrections(self, article: Article) -> list[ArticleRevision]:
        return self.story.corrections

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_private(request):
            # The kept frame is the anonymous reader's: a signed-in user's
            # page is rendered whole, as whatever it shows of them requires.
            return super().get(request, *args, **kwargs)
        article = self.object = self.get_object()
        page = self.page(article)
        material = (
            article.pk,
            self.text_token,
            request.build_absolute_uri(),
            translation.get_language(),
            timezone.get_current_timezone_name(),
            bool(page.parts.notes),
            bool(page.review_log),
        )

        def produce(pks: list[Any]) -> dict[Any, tuple[bytes, ...]]:
            # The template's own rendering, with stand-ins where the claims go.
            context = {
                # DetailView's context (the article, the view), then the page's.
                **super(ArticlePage, self).get_context_data(),
                **page.article_context(),
                "body": SafeString("\x00B\x00"),
                "notes": SafeString("\x00N\x00") if page.parts.notes else "",
                "review_log": SafeString("\x00L\x00") if page.review_log else "",
                "json_ld": structured_data.graph_json(
                    [page.article_node() + "\x00J\x00"]
                ),
            }
            html = render_to_string(self.template_name, context, request)
            return dict.fromkeys(
                pks, tuple(piece.encode() for piece in _SLOT.split(html))
            )

        pieces = kept("article-frame", {article.pk: material}, produce)[article.pk]
        # One join of every piece: a thousand notes are not copied twice.
        out: list[bytes] = []
        for index, piece in enumerate(pieces):
            if not index % 2:
                out.append(piece)
            elif piece == b"B":
                out.append(page.parts.body.encode())
            elif piece == b"N":
                out.extend(page.parts.notes)
            elif piece == b"L":
                out.append(page.review_log.encode())
            else:  # b"J": the claims' ClaimReview nodes after the article's
                for review in page.parts.reviews:
                    out += (b",\n", review)
        return HttpResponse(b"".join(out))
