"""manage.py detect_claims: detect suggested claims now, in this process."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Article
from claims.services import detect_suggestions


class Command(BaseCommand):
    help = (
        "Run claim detection on the articles with these slugs (or --all) and "
        "replace their pending suggestions. Claimed and rejected passages are "
        "not suggested."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="article slugs")
        parser.add_argument("--all", action="store_true", help="every article")

    def handle(self, *args: Any, **options: Any) -> None:
        slugs: list[str] = options["slugs"]
        if options["all"] == bool(slugs):
            raise CommandError("Give article slugs or --all (not both).")
        articles = Article.objects.order_by("pk")
        if slugs:
            found = dict(articles.filter(slug__in=slugs).values_list("slug", "pk"))
            missing = [slug for slug in slugs if slug not in found]
            if missing:
                raise CommandError(f"No article with slug {', '.join(missing)}.")
            ids = [found[slug] for slug in slugs]
        else:
            ids = list(articles.values_list("pk", flat=True))
        for pk in ids:
            try:
                pending = detect_suggestions(pk)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            slug = Article.objects.values_list("slug", flat=True).get(pk=pk)
            self.stdout.write(f"{slug}: {len(pending)} suggestion(s) pending")
