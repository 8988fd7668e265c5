"""``manage.py make_due_changes``: make the scheduled changes of the text now due."""

from typing import Any

from django.core.management.base import BaseCommand

from articles.scheduled_edits import make_due_changes


class Command(BaseCommand):
    help = (
        "Make the scheduled changes of articles' text whose time has come, "
        "and tell subscribed systems of scheduled notes now shown. "
        "Not needed for them to appear: the first read after their time, or "
        "the task queue, makes them; this is for an operator who wants it now."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = make_due_changes()
        self.stdout.write(f"{made} scheduled change(s) made.")
