"""Background tasks (Django's tasks framework): detection after an import or edit."""

import logging

from django.tasks import task

from claims.services import detect_suggestions

logger = logging.getLogger(__name__)


@task
def detect_article(article_id: int) -> int:
    """Detect the article's suggestions; returns how many are pending.

    A failure is logged with the article and raised, so the queue records
    the task as failed; the edit that scheduled it is already committed.
    """
    try:
        return len(detect_suggestions(article_id))
    except Exception:
        logger.exception("Detection failed for article %s", article_id)
        raise
