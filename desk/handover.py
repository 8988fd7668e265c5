"""The article hand-over: which steps a user may take now, and taking one.

Reporters submit; editors send back (with a comment for the reporter),
publish and unpublish. A user is only ever shown the steps they may take.
Each step is defined once here: the article page's hand-over panel and the
articles list's bulk actions both take it through ``take``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleEvent
from articles.services import (
    publish_article,
    send_back_article,
    submit_article,
    unpublish_article,
)
from desk.scheduling import when_text

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str


@dataclass(frozen=True)
class Taking:
    """What a step is taken with: who takes it, and what the page asked."""

    actor: Any
    comment: str = ""
    expected_version: int | None = None
    confirmed: bool = False
    schedule: datetime | None = None


NOT_CHANGED = _("was not changed")


@dataclass(frozen=True)
class ListWords:
    """A step's words on the articles list: its action, what went through,
    and what a refused story was not."""

    action: StrOrPromise
    action_plural: StrOrPromise
    done: StrOrPromise
    not_done: StrOrPromise = NOT_CHANGED


@dataclass(frozen=True)
class Step:
    """One hand-over step: its name in forms, its button, who may take it,
    from where, what it asks, the service it calls, and its list's words.

    ``asks`` names what the step needs before it is taken: ``comment`` (a
    word for the reporter) or ``time`` (now, or an embargo, with open items
    confirmed).
    """

    name: str
    label: str
    done: str
    permission: str
    from_status: str
    service: Callable[[int, Taking], Article]
    listed: ListWords
    asks: str = ""

    @property
    def needs_comment(self) -> bool:
        return self.asks == "comment"

    @property
    def admin_permission(self) -> str:
        """The admin's name for the permission: ``change`` or ``publish``."""
        return self.permission.split(".")[1].removesuffix("_article")


def _with_comment(service: Callable[..., Article]) -> Callable[[int, Taking], Article]:
    """A service that takes the step's comment with it."""
    return lambda pk, taking: service(
        pk,
        actor=taking.actor,
        comment=taking.comment,
        expected_version=taking.expected_version,
    )


STEPS = [
    Step(
        "submit",
        "Submit for review",
        "submitted for review",
        "articles.change_article",
        Article.Status.DRAFT,
        _with_comment(submit_article),
        ListWords(
            _("Submit for review"),
            _("Submit selected articles for review"),
            _("submitted"),
        ),
    ),
    Step(
        "send_back",
        "Send back to the reporter",
        "sent back to the reporter",
        "articles.publish_article",
        Article.Status.IN_REVIEW,
        _with_comment(send_back_article),
        ListWords(
            _("Send back to draft…"),
            _("Send selected articles back to draft…"),
            _("sent back to draft"),
        ),
        asks="comment",
    ),
    Step(
        "publish",
        "Publish",
        "published",
        "articles.publish_article",
        Article.Status.IN_REVIEW,
        lambda pk, taking: publish_article(
            pk,
            actor=taking.actor,
            expected_version=taking.expected_version,
            confirmed=taking.confirmed,
            schedule=taking.schedule,
        ),
        ListWords(
            _("Publish…"),
            _("Publish selected articles…"),
            _("published"),
            not_done=_("was not published"),
        ),
        asks="time",
    ),
    Step(
        "unpublish",
        "Unpublish",
        "unpublished: readers no longer see it",
        "articles.publish_article",
        Article.Status.PUBLISHED,
        lambda pk, taking: unpublish_article(
            pk, actor=taking.actor, expected_version=taking.expected_version
        ),
        ListWords(_("Unpublish"), _("Unpublish selected articles"), _("unpublished")),
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


def take(step: Step, article: Article, taking: Taking) -> Article:
    """Take one step through its service (errors are the service's own; a
    stale ``expected_version`` is StaleArticle); ``schedule``, a time ahead,
    publishes under embargo until then."""
    return step.service(article.pk, taking)


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
