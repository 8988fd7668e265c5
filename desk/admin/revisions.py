"""An article's revisions in the admin: compare any two, restore one through the
edit service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from articles.editing import restore_revision
from articles.models import Article, ArticleRevision
from articles.revisions import revision_diff
from desk.admin.forms import ChangeFields


class RevisionViews(admin.ModelAdmin[Article]):
    """The revisions and restore pages of the articles admin."""

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<path:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article_for(self, request: HttpRequest, object_id: str) -> Article:
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two revisions side by side; ``from`` and ``to`` pick them by number."""
        article = self._article_for(request, object_id)
        revisions = list(article.revisions.select_related("actor"))
        if not revisions:
            raise PermissionDenied("This article has no revisions.")
        numbers = {revision.number: revision for revision in revisions}
        newest = revisions[0].number

        def pick(name: str, default: int) -> ArticleRevision:
            raw = request.GET.get(name, "")
            number = int(raw) if raw.isdigit() else default
            return numbers.get(number) or numbers[default]

        older = pick("from", max(newest - 1, revisions[-1].number))
        newer = pick("to", newest)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revisions of “%(article)s”") % {"article": article},
            "opts": self.opts,
            "original": article,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "diff": revision_diff(older, newer),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def restore_view(
        self, request: HttpRequest, object_id: str, number: int
    ) -> HttpResponse:
        """Confirm, then bring back a revision's text as a new edit."""
        article = self._article_for(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        form = ChangeFields(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                restore_revision(
                    article.pk,
                    number,
                    actor=request.user,
                    change_kind=form.cleaned_data["change_kind"],
                    change_note=form.cleaned_data["change_note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("Revision #%(number)d restored.") % {"number": number},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore revision #%(number)d") % {"number": number},
            "opts": self.opts,
            "original": article,
            "revision": revision,
            "form": form,
            "published": article.status == Article.Status.PUBLISHED,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/restore.html", context)
