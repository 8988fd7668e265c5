"""The article hand-over: which steps a user may take now, and taking one.

Reporters submit; editors send back (with a comment for the reporter),
publish and unpublish. A user is only ever shown the steps they may take.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from articles.models import Article, ArticleEvent
from articles.services import (
    publish_article,
    send_back_article,
    submit_article,
    unpublish_article,
)
from desk.scheduling import when_text


@dataclass(frozen=True)
class Step:
    """One hand-over step: its name in forms, its button, who may take it, from where."""

    name: str
    label: str
    done: str
    permission: str
    from_status: str
    needs_comment: bool = False


STEPS = [
    Step(
        "submit",
        "Submit for review",
        "submitted for review",
        "articles.change_article",
        Article.Status.DRAFT,
    ),
    Step(
        "send_back",
        "Send back to the reporter",
        "sent back to the reporter",
        "articles.publish_article",
        Article.Status.IN_REVIEW,
        needs_comment=True,
    ),
    Step(
        "publish",
        "Publish",
        "published",
        "articles.publish_article",
        Article.Status.IN_REVIEW,
    ),
    Step(
        "unpublish",
        "Unpublish",
        "unpublished: readers no longer see it",
        "articles.publish_article",
        Article.Status.PUBLISHED,
    ),
]
BY_NAME = {step.name: step for step in STEPS}


def available_steps(user: Any, article: Article) -> list[Step]:
    """The steps this user may take on the article as it stands."""
    steps = [
        step
        for step in STEPS
        if step.from_status == article.status and user.has_perm(step.permission)
    ]
    # An editor may also publish a draft directly, as the service allows.
    if article.status == Article.Status.DRAFT and user.has_perm(
        "articles.publish_article"
    ):
        steps.append(BY_NAME["publish"])
    return steps


def take(  # noqa: PLR0913 - keyword-only, one per thing the step sends
    step: Step,
    article: Article,
    *,
    actor: Any,
    comment: str,
    expected_version: int | None = None,
    confirmed: bool = False,
    schedule: datetime | None = None,
) -> Article:
    """Take one step through its service (errors are the service's own; a
    stale ``expected_version`` is StaleArticle); ``schedule``, a time ahead,
    publishes under embargo until then."""
    version = expected_version
    services: dict[str, Callable[..., Article]] = {
        "submit": lambda: submit_article(
            article.pk, actor=actor, comment=comment, expected_version=version
        ),
        "send_back": lambda: send_back_article(
            article.pk, actor=actor, comment=comment, expected_version=version
        ),
        "publish": lambda: publish_article(
            article.pk,
            actor=actor,
            expected_version=version,
            confirmed=confirmed,
            schedule=schedule,
        ),
        "unpublish": lambda: unpublish_article(
            article.pk, actor=actor, expected_version=version
        ),
    }
    return services[step.name]()


def done_words(step: Step, article: Article) -> str:
    """What a step did, in words: a publication under embargo says until when."""
    if step.name == "publish" and article.embargoed and article.publish_at:
        return f"scheduled: it goes out at {when_text(article.publish_at)}"
    return step.done


def workflow_log(article: Article) -> list[ArticleEvent]:
    """The article's workflow log, newest first, with who did each step."""
    return list(
        ArticleEvent.objects.filter(article=article)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
