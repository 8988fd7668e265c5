"""manage.py import_story: import stories (article, agencies, claims) from JSON."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.stories import load_story, read_story


class Command(BaseCommand):
    help = (
        "Import stories in the format of claims/fixtures/seed-article.json. Existing "
        "articles are left alone unless --update is given, which saves their new text "
        "and re-anchors their claims."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="story JSON files")
        parser.add_argument(
            "--update",
            action="store_true",
            help="update the text of articles that exist",
        )
        parser.add_argument(
            "--change-kind",
            default="",
            help="for a published article: correction, update, clarification or minor",
        )
        parser.add_argument(
            "--change-note",
            default="",
            help="the note readers see for a correction, update or clarification",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["paths"]:
            try:
                counts = load_story(
                    read_story(path),
                    update=options["update"],
                    change_kind=options["change_kind"],
                    change_note=options["change_note"],
                )
            except ValidationError as error:
                raise CommandError(f"{path}: {'; '.join(error.messages)}") from error
            summary = ", ".join(
                f"{name}: {count}" for name, count in counts.items() if count
            )
            self.stdout.write(f"{path}: {summary or 'nothing changed'}")
