"""Articles: the stories the desk publishes."""

from datetime import datetime
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.kinds import READER_KINDS, ChangeKind
from articles.pending import PendingChange
from articles.rendering import plain_text, render_markdown
from newsroom.fields import user_field
from newsroom.fulltext import ParagraphDocuments, SearchDocument
from newsroom.validators import validate_text
from newsroom.writes import ProtectedFields, ProtectedQuerySet

__all__ = [
    "READER_KINDS",
    "Article",
    "ArticleEvent",
    "ArticleRevision",
    "ChangeKind",
    "PendingChange",
    "live_q",
    "revision_live_q",
]


def live_q(prefix: str = "", now: datetime | None = None) -> models.Q:
    """The one rule of what readers may see: a published article whose
    publication time has come (``prefix`` reaches it from another model,
    e.g. ``"article__"``).

    A scheduled or embargoed story is published with a ``publish_at`` ahead;
    it becomes public at that moment, by this comparison alone.
    """
    now = now or timezone.now()
    return models.Q(**{f"{prefix}status": ArticleStatus.PUBLISHED}) & (
        models.Q(**{f"{prefix}publish_at__isnull": True})
        | models.Q(**{f"{prefix}publish_at__lte": now})
    )


class ArticleQuerySet(ProtectedQuerySet["Article"]):
    """Reads of articles; text and status change only through the services."""

    def published(self) -> "ArticleQuerySet":
        """What readers, anonymous clients and partners may see now."""
        return self.filter(live_q())

    def scheduled(self) -> "ArticleQuerySet":
        """Published stories still under embargo: they go out at ``publish_at``."""
        return self.filter(
            status=ArticleStatus.PUBLISHED, publish_at__gt=timezone.now()
        )

    def belonging_to(self, user: Any) -> "ArticleQuerySet":
        """The stories the user created or submitted for review."""
        submitted = ArticleEvent.objects.filter(
            article=models.OuterRef("pk"),
            kind=ArticleEvent.Kind.SUBMITTED,
            actor_id=user.pk,
        )
        return self.filter(
            models.Q(created_by_id=user.pk) | models.Q(models.Exists(submitted))
        )


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


# What search reads of a story, stored by the database: left out of reads
# that show the story (a long story's documents weigh as much as its text).
SEARCH_COLUMNS = ("search_document", "paragraph_documents")


def search_columns(related: str = "") -> list[str]:
    """``SEARCH_COLUMNS`` as read through a relation (``"article__"``)."""
    return [f"{related}{column}" for column in SEARCH_COLUMNS]


class Article(ProtectedFields):
    """A story: Markdown body, editorial status, and the claims anchored in it."""

    Status = ArticleStatus

    headline = models.CharField(
        _("headline"), max_length=300, validators=[validate_text]
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    standfirst = models.TextField(
        _("standfirst"), blank=True, validators=[validate_text]
    )
    body = models.TextField(
        _("body"),
        validators=[validate_text],
        help_text=_("Markdown. Raw HTML is not allowed and is shown as text."),
    )
    plain_text = models.TextField(_("plain text"), editable=False, default="")
    byline = models.CharField(
        _("byline"), max_length=200, blank=True, validators=[validate_text]
    )
    dateline = models.CharField(
        _("dateline"), max_length=100, blank=True, validators=[validate_text]
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    section = models.CharField(
        _("section"),
        max_length=60,
        blank=True,
        validators=[validate_text],
        help_text=_(
            "Where the story runs (World, Politics…): shown to search "
            "engines and social previews."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    publish_at = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A published story stays out of public view until this time."),
    )
    # Bumped by every change (an edit, a new address, a hand-over step): a
    # save made from an older version is refused, never written over a newer.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = user_field(_("created by"))
    # What a story is searched by, stored by the database (PostgreSQL; empty
    # elsewhere) so a search reads it rather than parsing every body again.
    search_document = models.GeneratedField(
        expression=SearchDocument(
            ("headline", "A"), ("standfirst", "B"), ("plain_text", "C")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search document"),
    )
    # Each paragraph of the text, as the search document holds it: a search
    # cuts a story's excerpt from the paragraphs that hold its words.
    paragraph_documents = models.GeneratedField(
        expression=ParagraphDocuments("plain_text"),
        output_field=ArrayField(SearchVectorField()),
        db_persist=True,
        verbose_name=_("paragraph documents"),
    )

    objects = ArticleQuerySet.as_manager()

    PROTECTED_FIELDS = (
        "headline",
        "body",
        "status",
        "published_at",
        "publish_at",
        "version",
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and unpublish articles"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ArticleStatus.values),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ArticleStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="article_slug_not_empty"
            ),
        ]
        # Newest first, to the row: lists and the newest matches of a search
        # are read from it rather than sorted.
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id"], name="article_newest"
            ),
            # Which stories are live (published, embargo past), read without
            # the rows: counts of public claims join on it (the agency index
            # counts 100,000 claims in a third of the time).
            models.Index(fields=["status", "publish_at", "id"], name="article_live"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, keeping ``plain_text`` in step with the body.

        Re-anchoring the claims is the edit service's work, not the model's.
        """
        self.plain_text = plain_text(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "plain_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def corrections(self) -> "models.QuerySet[ArticleRevision]":
        """The changes readers are told about (not minor ones, nor those
        scheduled ahead), oldest first."""
        return self.revisions.filter(
            revision_live_q(), change_kind__in=READER_KINDS
        ).order_by(Coalesce("publish_at", "created_at"), "number")

    @property
    def embargoed(self) -> bool:
        """Published, but kept from readers until ``publish_at``."""
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def public_since(self) -> datetime | None:
        """When readers first could (or can) see the story."""
        return self.publish_at or self.published_at

    def body_html(self) -> str:
        """The body rendered and sanitized, without claim marks."""
        return render_markdown(self.body)


class ArticleEventKind(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    SUBMITTED = "submitted", _("Submitted for review")
    SENT_BACK = "sent_back", _("Sent back to draft")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    SCHEDULED = "scheduled", _("Scheduled")
    EMBARGO_LIFTED = "embargo_lifted", _("Embargo lifted early")
    CHANGE_SCHEDULED = "change_scheduled", _("Change of the text scheduled")
    CHANGE_CANCELLED = "change_cancelled", _("Scheduled change cancelled")
    CHANGE_APPLIED_EARLY = "change_applied_early", _("Scheduled change made early")


class ArticleEvent(models.Model):
    """One step of an article's editorial workflow: who, when, what, and why."""

    Kind = ArticleEventKind

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    old_status = models.CharField(
        _("old status"), max_length=20, choices=Article.Status.choices
    )
    new_status = models.CharField(
        _("new status"), max_length=20, choices=Article.Status.choices
    )
    comment = models.TextField(_("comment"), blank=True)
    # The article's version this step made, and the fields an edit changed:
    # what a refused stale save names.
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    fields = models.JSONField(_("fields changed"), default=list, blank=True)
    actor = user_field(_("by"))
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("article event")
        verbose_name_plural = _("article events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ArticleEventKind.values),
                name="article_event_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article_id}"


def revision_live_q(prefix: str = "") -> models.Q:
    """A correction readers may see: one not scheduled ahead of now."""
    return models.Q(**{f"{prefix}publish_at__isnull": True}) | models.Q(
        **{f"{prefix}publish_at__lte": timezone.now()}
    )


class ArticleRevision(models.Model):
    """An article's text as one save left it, with the kind of change and its note."""

    ChangeKind = ChangeKind

    READER_KINDS = READER_KINDS
    PUBLISHED_KINDS = (*READER_KINDS, ChangeKind.MINOR)

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("revision"))
    headline = models.CharField(_("headline"), max_length=300)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"))
    change_kind = models.CharField(
        _("kind of change"),
        max_length=20,
        choices=ChangeKind.choices,
        default=ChangeKind.DRAFT,
    )
    change_note = models.TextField(
        _("note for readers"), blank=True, validators=[validate_text]
    )
    actor = user_field(_("by"))
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    publish_at = models.DateTimeField(
        _("shown to readers from"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A scheduled correction's note appears at this time."),
    )
    # A scheduled note is told to subscribed systems at its time, not before:
    # empty until then (``articles.scheduled_edits.announce_due_notes``).
    announced_at = models.DateTimeField(
        _("subscribed systems told"), null=True, blank=True
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(change_kind__in=ChangeKind.values),
                name="article_revision_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(change_kind__in=[k.value for k in READER_KINDS])
                | models.Q(change_note__regex=r"\S"),
                name="article_revision_reader_note_required",
            ),
            models.UniqueConstraint(
                fields=["article", "number"], name="article_revision_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} #{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Article revisions are append-only.")
        super().save(*args, **kwargs)

    @property
    def shown_at(self) -> datetime:
        """When readers are told of this change: its scheduled time, else when made."""
        return self.publish_at or self.created_at

    @property
    def for_readers(self) -> bool:
        """Whether readers are told about this change (a non-minor published change)."""
        return self.change_kind in self.READER_KINDS
