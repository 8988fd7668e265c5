"""Articles: the stories the desk publishes."""

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.rendering import plain_text, render_markdown
from newsroom.validators import validate_text


class ArticleQuerySet(models.QuerySet["Article"]):
    """Reads of articles; a body change through ``update()`` re-anchors claims too."""

    def published(self) -> "ArticleQuerySet":
        return self.filter(status=Article.Status.PUBLISHED)

    def update(self, **kwargs: Any) -> int:
        if "body" not in kwargs:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            for article in self.model._base_manager.using(self.db).filter(pk__in=pks):
                article.save(update_fields=["plain_text"])
        return count


class Article(models.Model):
    """A story: Markdown body, editorial status, and the claims anchored in it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

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
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and unpublish articles"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="article_slug_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, and re-anchor every claim in the same transaction if the text changed."""
        from claims.services import reanchor_claims

        text, previous = plain_text(self.body), self.plain_text
        changed = text != previous
        self.plain_text = text
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "plain_text"}
        with transaction.atomic(using=kwargs.get("using") or self._state.db):
            adding = self._state.adding
            super().save(*args, **kwargs)
            if changed and not adding:
                reanchor_claims(self, previous_text=previous)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def body_html(self) -> str:
        """The body rendered and sanitized, without claim marks."""
        return render_markdown(self.body)
