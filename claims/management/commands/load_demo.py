"""manage.py load_demo: load the demo story (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from claims.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo story: its agencies, the published article, its claims and reviews."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_demo()
        if not any(counts.values()):
            self.stdout.write("The demo story is already loaded; nothing changed.")
            return
        summary = ", ".join(
            f"{name}: {count}" for name, count in counts.items() if count
        )
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo story ({summary})."))
