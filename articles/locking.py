"""An article's version: locking it for a change, and refusing a change made
from an older version with who changed it since, what and when."""

from django.utils import timezone

from articles.models import Article, ArticleEvent
from newsroom.writes import StaleVersion


class StaleArticle(StaleVersion):
    """The article changed since the caller read it; nothing was written."""

    def __init__(self, article: Article, expected_version: int) -> None:
        self.article = article
        super().__init__(
            article,
            f"This article was changed since you opened it: {changes_since(article, expected_version)}. "
            "Nothing was saved; what you typed is still here. Compare it with "
            "the article as it is now (reload it in another tab), then save again.",
        )


FIELD_WORDS = {
    "headline": "the headline",
    "standfirst": "the standfirst",
    "body": "the body",
    "byline": "the byline",
    "dateline": "the dateline",
    "language": "the language",
    "slug": "the web address",
}


def changes_since(article: Article, version: int) -> str:
    """Who changed the article after ``version``, what and when, in words."""
    events = (
        article.events.filter(version__gt=version)
        .select_related("actor")
        .order_by("version", "pk")
    )
    said = []
    for event in events:
        who = event.actor.get_username() if event.actor else "the system"
        when = timezone.localtime(event.created_at).strftime("%d %b %Y, %H:%M")
        if event.kind == ArticleEvent.Kind.EDITED and event.fields:
            what = "edited " + ", ".join(FIELD_WORDS.get(f, f) for f in event.fields)
        else:
            what = event.get_kind_display().lower()
        said.append(f"{who} {what} at {when}")
    return "; ".join(said) or "someone else saved it"


def lock_article(article_id: int, expected_version: int | None = None) -> Article:
    """Lock an article until the transaction ends; StaleArticle if
    ``expected_version`` is given and the article has moved past it."""
    article = Article.objects.select_for_update().get(pk=article_id)
    if expected_version is not None and article.version != expected_version:
        raise StaleArticle(article, expected_version)
    return article
