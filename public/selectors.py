"""Reads for the public outcomes page: only what staff chose to publish, and never personal data.

The public view of one session or petition is defined beside its model (dialogues and petitions
selectors), so the staff's publish preview and this page load exactly the same thing.
"""

from django.db.models import QuerySet

from dialogues.models import DialogueSession, Recommendation
from dialogues.selectors import public_recommendations, public_sessions, session_as_public
from petitions.models import Petition
from petitions.selectors import PUBLIC_PETITION_FIELDS, petition_as_public, public_petitions

__all__ = [
    "PUBLIC_PETITION_FIELDS",
    "petition_as_public",
    "published_petitions",
    "published_recommendations",
    "published_sessions",
    "session_as_public",
]


def published_sessions() -> QuerySet[DialogueSession]:
    """Published, not archived, not cancelled sessions, newest first.

    Each carries ``topics`` and ``attended_invitations`` (the departments recorded
    as present, with their department loaded). Three queries whatever the count.
    """
    return public_sessions().filter(is_published=True)


def published_petitions() -> QuerySet[Petition]:
    """Published, not archived petitions with their topics and the departments' answers.

    Loads only PUBLIC_PETITION_FIELDS, so no personal field can reach the page;
    each petition carries ``answered_assignments`` (department and answer loaded).
    """
    return public_petitions().filter(is_published=True)


def published_recommendations() -> QuerySet[Recommendation]:
    """Published recommendations of sessions not archived or cancelled, newest session first: their text,
    addressee and follow-up status with the session's title and date — no author, no response, nothing personal.
    """
    return public_recommendations().filter(is_published=True)
