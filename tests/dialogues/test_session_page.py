"""The session page prints every row of the session in its order, whatever way they are read for it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from dialogue_portal.directory.models import Department, ParticipantGroup, TopicCategory
from dialogues.models import (
    AgendaItem,
    Invitation,
    InvitationState,
    ParticipantAttendance,
    SessionOpinion,
    SessionStatus,
    SessionStatusChange,
)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _section(html: str, section_id: str, *, start_at: str = "") -> str:
    """The text of the section (from ``start_at`` in it, e.g. its table's body)."""
    start = html.index(f'id="{section_id}"')
    start = html.index(start_at, start) if start_at else start
    return _text(html[start : html.index("</section>", start)])


@pytest.fixture
def full_session(make_session, users):
    """A held session with two of each of its rows, entered out of their display order."""
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-2)
    first, second = Department.objects.filter(is_active=True).order_by("sort_order", "name")[:2]
    session.topics.set(TopicCategory.objects.order_by("sort_order", "name")[:2])
    AgendaItem.objects.create(session=session, position=2, title="Mục <hai>", presenter_name="Chị Lan")
    AgendaItem.objects.create(session=session, position=1, title="Mục một", presenter_department=second)
    Invitation.objects.create(session=session, department=second, state=InvitationState.PENDING)
    Invitation.objects.create(
        session=session,
        department=first,
        representative_name="Ông Nam",
        state=InvitationState.DELEGATED,
        delegate_name="Bà Hoa",
        attended=True,
        sent_at=session.starts_at - timedelta(days=7),
    )
    big, small = ParticipantGroup.objects.order_by("-sort_order", "-name")[:2]
    ParticipantAttendance.objects.create(session=session, group=big, expected=1500, actual=None)
    ParticipantAttendance.objects.create(session=session, group=small, expected=20, actual=18)
    SessionStatusChange.objects.create(
        session=session,
        from_status=SessionStatus.PLANNED,
        to_status=SessionStatus.HELD,
        actor=users["staff"],
        note="Xong",
    )
    SessionStatusChange.objects.create(session=session, from_status="", to_status=SessionStatus.DRAFT)
    SessionOpinion.objects.create(session=session, position=2, speaker="Chị B", text="Ý kiến hai", answer_text="Đáp")
    SessionOpinion.objects.create(
        session=session, position=1, speaker="Chị A", text="Ý kiến một", answer_text="Trả lời", answered_by=first
    )
    return session, first, second, small, big


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["staff", "leader_a"])
def test_the_session_page_prints_every_row_in_order(client_for, full_session, viewer):
    session, first, second, small, big = full_session
    client = client_for(viewer)

    html = client.get(reverse("dialogues:detail", args=[session.pk])).content.decode()

    topics = " ; ".join(TopicCategory.objects.order_by("sort_order", "name").values_list("name", flat=True)[:2])
    assert topics.replace(" ;", ";") in _text(html)
    agenda = _section(html, "agenda")
    assert agenda.index("Mục một") < agenda.index("Mục &lt;hai&gt;")
    assert f"{second.name} ·" in agenda and "Chị Lan ·" in agenda
    invited = _section(html, "invitations", start_at="<tbody>")
    assert invited.index(first.name) < invited.index(second.name)
    assert "Ông Nam" in invited and "Bà Hoa" in invited
    participants = _section(html, "attendance", start_at="<tbody>")
    assert participants.index(small.name) < participants.index(big.name)
    assert f"{small.name} 20 18" in participants and f"{big.name} 1500 —" in participants
    history = _section(html, "history")
    with translation.override("vi"):
        planned, held, draft = (str(s.label) for s in (SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.DRAFT))
    assert f"{planned} → {held} — Staff: Xong" in history  # in the order recorded, with who and why
    assert history.index("Xong") < history.index(f"— {draft}")
    opinions = _text(html[html.index('id="opinions"') :])
    assert opinions.index("Ý kiến một") < opinions.index("Ý kiến hai")
    assert f"— {first.name}:" in opinions
