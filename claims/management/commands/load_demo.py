"""manage.py load_demo: load the demo story (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from claims.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo story: its agencies, the published article, its claims and reviews."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo()
        if not any(created.values()):
            self.stdout.write("The demo story is already loaded; nothing changed.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo story: {summary}."))
