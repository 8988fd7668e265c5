"""Background tasks (Django's tasks framework) of the articles."""

from django.tasks import task

from articles.scheduled_edits import make_due_changes as make_due


@task
def make_due_changes() -> int:
    """Make the scheduled changes of the text whose time has come (none early:
    a change not yet due is left for its time); how many were made."""
    return make_due()
