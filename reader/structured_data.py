"""Schema.org JSON-LD for readers' pages: NewsArticle and ClaimReview."""

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleRevision
from claims.labels import attribution, is_labelled, status_word
from claims.models import Agency, Claim
from newsroom.site import site_name

SCHEMA = "https://schema.org"

# Inside <script> the HTML parser ends the element at "</script"; escaping
# these characters means no editor input can close it or open a comment.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}

Absolute = Callable[[str], str]


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def publisher(absolute: Absolute) -> dict[str, Any]:
    """The publisher, who writes every review."""
    return {"@type": "Organization", "name": site_name(), "url": absolute("/")}


def news_article(
    article: Article,
    absolute: Absolute,
    corrections: Iterable[ArticleRevision] = (),
) -> dict[str, Any]:
    """A published article as a schema.org NewsArticle, with its corrections.

    ``dateModified`` is the last change readers were told about, else the
    publication: a minor fix does not make a story "updated".
    """
    corrections = list(corrections)
    url = absolute(article.get_absolute_url())
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.headline,
        "description": article.standfirst,
        "inLanguage": article.language or "en",
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(
            corrections[-1].shown_at if corrections else article.published_at
        ),
        "author": {"@type": "Organization", "name": article.byline or site_name()},
        "publisher": publisher(absolute),
    }
    if article.dateline:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{revision.get_change_kind_display()}: {revision.change_note}",
                "datePublished": _iso(revision.shown_at),
            }
            for revision in corrections
        ]
    return data


def claim_author(claim: Claim) -> dict[str, Any]:
    """Who made the claim: a known person (with their role and agency), the
    named speaker, otherwise the agency."""
    agency = {"@type": "Organization", "name": claim.agency.name}
    if claim.person_id is not None and claim.person is not None:
        person = claim.person
        author: dict[str, Any] = {"@type": "Person", "name": person.name}
        if person.role:
            author["jobTitle"] = person.role
        author["affiliation"] = {"@type": "Organization", "name": person.agency.name}
        return author
    if claim.speaker:
        return {"@type": "Person", "name": claim.speaker, "affiliation": agency}
    return agency


def _appearances(claim: Claim, article_url: str, absolute: Absolute) -> Any:
    """The story the claim appears in, or every published story of its group
    (``appearances`` set by ``claims.appearances.attach``), its own first."""
    own = {
        "@type": "NewsArticle",
        "url": f"{article_url}#claim-{claim.pk}",
        "headline": claim.article.headline,
    }
    others = getattr(claim, "appearances", ())
    if not others:
        return own
    return [
        own,
        *(
            {
                "@type": "NewsArticle",
                "url": f"{absolute(item.url)}#claim-{item.claim_id}",
                "headline": item.headline,
            }
            for item in others
        ),
    ]


def claim_review(claim: Claim, absolute: Absolute) -> dict[str, Any]:
    """A reviewed claim as a schema.org ClaimReview by the publisher."""
    article_url = absolute(claim.article.get_absolute_url())
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": absolute(claim.get_absolute_url()),
        "claimReviewed": claim.quote,
        "itemReviewed": {
            "@type": "Claim",
            "author": claim_author(claim),
            "appearance": _appearances(claim, article_url, absolute),
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": status_word(claim.status),
        },
        "author": publisher(absolute),
        "datePublished": _iso(claim.reviewed_at or claim.updated_at),
        "description": attribution(claim),
    }
    if claim.note:
        review["reviewBody"] = claim.note
    return review


def organization(agency: Agency, absolute: Absolute) -> dict[str, Any]:
    """An agency as a schema.org Organization (its page is its identifier)."""
    data: dict[str, Any] = {
        "@type": "Organization",
        "@id": absolute(agency.get_absolute_url()),
        "name": agency.name,
        "description": agency.description,
    }
    if agency.website:
        data["sameAs"] = agency.website
    return data


def article_list(articles: Iterable[Article], absolute: Absolute) -> dict[str, Any]:
    """A page of articles as a schema.org ItemList of their URLs."""
    return {
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": absolute(article.get_absolute_url()),
                "name": article.headline,
            }
            for position, article in enumerate(articles, start=1)
        ],
    }


def reviewed(claims: Iterable[Claim]) -> list[Claim]:
    """The claims that get a ClaimReview: reviewed, still in the text, and
    their verdict still about their words (withdrawn until they are reviewed
    again)."""
    return [
        claim
        for claim in claims
        if is_labelled(claim) and claim.words_changed_at is None
    ]


def graph(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A JSON-LD document holding several schema.org nodes."""
    return {"@context": SCHEMA, "@graph": list(items)}


def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON for a <script type="application/ld+json"> element, safe against breakout."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped, above


def node_json(node: dict[str, Any]) -> str:
    """One node of a graph as JSON, escaped as ``json_ld`` escapes a document.

    The escapes replace single characters, so escaped nodes joined by
    ``graph_json`` make the same document ``json_ld`` would (less indented).
    """
    return json.dumps(node, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


def graph_json(nodes: Iterable[str]) -> SafeString:
    """A JSON-LD graph document made of nodes already written by ``node_json``."""
    context = json.dumps(SCHEMA)
    # Safe as json_ld's output is: each node escaped by node_json, the frame
    # fixed text.
    return SafeString(
        f'{{"@context": {context}, "@graph": [\n' + ",\n".join(nodes) + "\n]}"
    )
