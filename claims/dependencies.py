"""What every cached page, feed, part and API answer shows: the one declaration.

Each ``Output`` names answers about one object by its scope and lists every
relation they read from it; ``newsroom.dependencies`` derives from this
which scopes a change retires, and the services call it with what they
changed. ``tests/newsroom/test_dependencies.py`` renders every reader page
and API answer, records each relation it reads, and fails on one missing
here.
"""

from articles.models import Article, ArticleRevision
from claims.group_models import ClaimGroup
from claims.models import Agency, AgencyLabelChange, Claim, Person, ReviewEvent
from newsroom.caching import ATTRIBUTIONS, LISTS
from newsroom.dependencies import Everywhere, Output

# The people a claim quotes, and their agencies (a speaker's affiliation).
_SPEAKERS = ("person", "person__agency")
# Where else a grouped claim appears: its group, the group's members (one
# joining or leaving, or reviewed with the group) and their stories (one
# published, renamed, unpublished or out of embargo).
_GROUP = ("group", "group__claims", "group__claims__article")

OUTPUTS = (
    # /articles/<slug>/, /api/articles/<slug>/ and its annotations: the text,
    # corrections, every claim with its agency, speaker, review log and
    # other appearances.
    Output(
        "article",
        Article,
        "slug",
        reads=(
            "",
            "revisions",
            "claims",
            "claims__agency",
            *(f"claims__{path}" for path in _SPEAKERS),
            "claims__events",
            *(f"claims__{path}" for path in _GROUP),
        ),
    ),
    # The article page's own text and corrections, kept apart from its claims
    # (reader.article_views.published_story): a review leaves them standing.
    Output("article-text", Article, "slug", reads=("", "revisions")),
    # /agencies/<slug>/, /api/agencies/<slug>/: the agency, its label
    # history, and its claims with their articles and speakers.
    Output(
        "agency",
        Agency,
        "slug",
        reads=(
            "",
            "label_changes",
            "claims",
            "claims__article",
            *(f"claims__{path}" for path in _SPEAKERS),
        ),
    ),
    # /claims/<pk>/, /api/claims/<pk>/: the claim, its article's text, its
    # agency, speaker, history and other appearances.
    Output(
        "claim",
        Claim,
        "pk",
        reads=("", "article", "agency", *_SPEAKERS, "events", *_GROUP),
    ),
    # The index, search, the agency index, the feeds, the sitemaps, the
    # ClaimReview feed and the API's lists.
    Everywhere(
        LISTS,
        reads=(
            Article,
            ArticleRevision,
            Claim,
            ClaimGroup,
            ReviewEvent,
            Agency,
            AgencyLabelChange,
            Person,
        ),
    ),
    # Each claim's kept note and label (reader.article_parts) name the agency
    # and the speaker.
    Everywhere(ATTRIBUTIONS, reads=(Agency, Person)),
)
