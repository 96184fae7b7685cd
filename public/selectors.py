"""Reads for the public outcomes page: only what staff chose to publish, and never personal data."""

from django.db.models import Prefetch, QuerySet

from dialogues.models import DialogueSession, Invitation, Recommendation, SessionStatus
from petitions.models import Assignment, Petition

# The only petition columns the public page may load: no petitioner, phone, unit or submitter.
PUBLIC_PETITION_FIELDS = ("id", "code", "kind", "title", "content", "session_id", "submitted_at", "created_at")


def published_sessions() -> QuerySet[DialogueSession]:
    """Published, not archived, not cancelled sessions, newest first.

    Each carries ``topics`` and ``attended_invitations`` (the departments recorded
    as present, with their department loaded). Three queries whatever the count.
    """
    attended = Invitation.objects.filter(attended=True).select_related("department").order_by("department__sort_order")
    return (
        DialogueSession.objects.filter(is_published=True, is_archived=False)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("host_unit")
        .only("id", "title", "theme", "starts_at", "ends_at", "venue", "status", "host_unit__name")
        .prefetch_related("topics", Prefetch("invitations", queryset=attended, to_attr="attended_invitations"))
        .order_by("-starts_at", "-pk")
    )


def published_petitions() -> QuerySet[Petition]:
    """Published, not archived petitions with their topics and the departments' answers.

    Loads only PUBLIC_PETITION_FIELDS, so no personal field can reach the page;
    each petition carries ``answered_assignments`` (department and answer loaded).
    """
    answered = (
        Assignment.objects.filter(answer__isnull=False)
        .select_related("department", "answer")
        .only(
            "id",
            "petition_id",
            "department__name",
            "answer__id",
            "answer__text",
            "answer__method",
            "answer__forwarded_authority",
            "answer__resolve_by",
        )
        .order_by("department__sort_order", "pk")
    )
    return (
        Petition.objects.filter(is_published=True, is_archived=False)
        .only(*PUBLIC_PETITION_FIELDS)
        .prefetch_related("topics", Prefetch("assignments", queryset=answered, to_attr="answered_assignments"))
        .order_by("-submitted_at", "-created_at", "-pk")
    )


def published_recommendations() -> QuerySet[Recommendation]:
    """Published recommendations of sessions not archived or cancelled, newest session first.

    Only the text, the addressee and the follow-up status (with the session's title and date): no author,
    no response note, nothing personal.
    """
    return (
        Recommendation.objects.filter(is_published=True, session__is_archived=False)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session", "department")
        .only(
            "id",
            "text",
            "addressed_to",
            "department__name",
            "follow_up",
            "session__id",
            "session__title",
            "session__starts_at",
        )
        .order_by("-session__starts_at", "session_id", "created_at", "pk")
    )
