"""manage.py find_repeats: propose possible repeats for claims made before
matching existed (new claims are matched when they are created)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims import matching
from claims.models import Claim


class Command(BaseCommand):
    help = (
        "Find each claim's possible repeats in other stories and store them for "
        "the desk to decide; pairs already proposed or decided stay as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--article", help="Only the claims of the article with this slug."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        claims = Claim.objects.filter(withdrawn_at__isnull=True).order_by("pk")
        if options["article"]:
            claims = claims.filter(article__slug=options["article"])
        found = 0
        for claim in claims.iterator(chunk_size=500):
            found += len(matching.record_candidates(claim))
        self.stdout.write(
            self.style.SUCCESS(
                f"{found} possible repeats found (pairs already known are kept as they were)."
            )
        )
