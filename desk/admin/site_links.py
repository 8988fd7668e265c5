"""Where "View on site" takes an editor: the readers' page of what readers
can see, the staff preview of anything else (a draft, a story in review or
under embargo), never a 404."""

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from claims.models import Claim


def is_live(article: Article) -> bool:
    """``articles.models.live_q``'s rule, on the row in hand."""
    return article.status == Article.Status.PUBLISHED and (
        article.publish_at is None or article.publish_at <= timezone.now()
    )


def article_url(article: Article) -> str:
    """The story as readers see it, or its preview."""
    if is_live(article):
        return article.get_absolute_url()
    return reverse("desk:preview", kwargs={"article_id": article.pk})


def claim_url(claim: Claim) -> str:
    """The claim's public page, or its place in the story's preview."""
    if is_live(claim.article) and claim.withdrawn_at is None:
        return claim.get_absolute_url()
    return f"{article_url(claim.article)}#claim-{claim.pk}"
