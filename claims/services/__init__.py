"""The claims app's services: one function per state change, each in the
module of what it changes. Everything is named here, so callers import
``claims.services`` alone."""

from claims.services.agencies import (
    LABEL_FIELDS,
    change_agency,
    change_agency_label,
    create_agency,
)
from claims.services.anchors import (
    REANCHOR_FIELDS,
    UNDER_REVIEW_NOTE,
    follow_text,
    reanchor_claims,
)
from claims.services.claims import (
    change_attribution,
    create_claim,
    reattach_claim,
    withdraw_claim,
)
from claims.services.common import (
    DETECTION_TASK,
    PERMISSION_WORDS,
    UNCHANGED,
    Actor,
    StaleReview,
    Unchanged,
    acting_user,
    check_version,
    last_changed_by,
    lock_group_of,
    locked,
    locked_claim,
    place_quote,
    require,
    schedule_detection,
)
from claims.services.reviews import review_claim
from claims.services.suggestions import (
    accept_confident,
    accept_suggestion,
    agency_refs,
    detect_suggestions,
    normalized_quote,
    person_for,
    person_refs,
    reject_suggestion,
    write_article,
)

__all__ = [
    "DETECTION_TASK",
    "LABEL_FIELDS",
    "PERMISSION_WORDS",
    "REANCHOR_FIELDS",
    "UNCHANGED",
    "UNDER_REVIEW_NOTE",
    "Actor",
    "StaleReview",
    "Unchanged",
    "accept_confident",
    "accept_suggestion",
    "acting_user",
    "agency_refs",
    "change_agency",
    "change_agency_label",
    "change_attribution",
    "check_version",
    "create_agency",
    "create_claim",
    "detect_suggestions",
    "follow_text",
    "last_changed_by",
    "lock_group_of",
    "locked",
    "locked_claim",
    "normalized_quote",
    "person_for",
    "person_refs",
    "place_quote",
    "reanchor_claims",
    "reattach_claim",
    "reject_suggestion",
    "require",
    "review_claim",
    "schedule_detection",
    "withdraw_claim",
    "write_article",
]
