"""``/feeds/claimreview.json``: every published ClaimReview as one schema.org
``DataFeed``, for fact-check aggregators."""

import json

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from claims import selectors
from newsroom.site import site_name
from reader import structured_data


def claimreview_feed(request: HttpRequest) -> HttpResponse:
    """The feed: a ClaimReview for each reviewed claim still in the text of a
    story readers can see, newest review first."""
    claims = selectors.reviewed_public_claims()
    absolute = request.build_absolute_uri
    reviews = [structured_data.claim_review(claim, absolute) for claim in claims]
    newest = max((claim.updated_at for claim in claims), default=timezone.now())
    feed = {
        "@context": structured_data.SCHEMA,
        "@type": "DataFeed",
        "@id": absolute(reverse("claimreview-feed")),
        "name": f"{site_name()}: claim reviews",
        "description": "Every claim our standards desk has reviewed in a "
        "published story, as schema.org ClaimReview.",
        "url": absolute(reverse("claimreview-feed")),
        "publisher": structured_data.publisher(absolute),
        "dateModified": newest.isoformat(),
        "dataFeedElement": reviews,
    }
    return HttpResponse(
        json.dumps(feed, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
