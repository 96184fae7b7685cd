"""The invitation admin: representatives see and answer only their own department's invitations."""

from django.urls import reverse

from dialogues.models import Invitation, InvitationState, SessionStatus


def _invitations(make_session, departments):
    session = make_session(status=SessionStatus.INVITATIONS_SENT, departments=[departments["x"], departments["y"]])
    return (
        Invitation.objects.get(session=session, department=departments["x"]),
        Invitation.objects.get(session=session, department=departments["y"]),
    )


def test_representative_lists_only_their_departments_invitations(client_for, make_session, departments):
    own, other = _invitations(make_session, departments)

    response = client_for("rep_x").get(reverse("admin:dialogues_invitation_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [own]


def test_representative_gets_404_for_another_departments_invitation(client_for, make_session, departments):
    own, other = _invitations(make_session, departments)
    client = client_for("rep_x")

    assert client.get(reverse("admin:dialogues_invitation_change", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("admin:dialogues_invitation_change", args=[other.pk]), {"state": InvitationState.DECLINED}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.state == InvitationState.PENDING


def test_representative_delegates_naming_who_attends(client_for, make_session, departments):
    own, _ = _invitations(make_session, departments)

    response = client_for("rep_x").post(
        reverse("admin:dialogues_invitation_change", args=[own.pk]),
        {
            "state": InvitationState.DELEGATED,
            "representative_name": "Lê Văn Nam",
            "representative_title": "Phó Giám đốc",
            "delegate_name": "Nguyễn Văn Bình",
        },
    )

    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.state, own.delegate_name, own.responded_at is not None) == (
        InvitationState.DELEGATED,
        "Nguyễn Văn Bình",
        True,
    )
    assert own.history.count() == 2


def test_delegating_without_a_name_is_refused_in_vietnamese(client_for, make_session, departments):
    own, _ = _invitations(make_session, departments)

    response = client_for("rep_x").post(
        reverse("admin:dialogues_invitation_change", args=[own.pk]), {"state": InvitationState.DELEGATED}
    )

    assert response.status_code == 200
    assert "Hãy ghi tên người dự họp thay" in response.content.decode()
    own.refresh_from_db()
    assert own.state == InvitationState.PENDING


def test_representative_cannot_open_the_session_admin_for_uninvited_sessions(client_for, make_session, departments):
    session = make_session(status=SessionStatus.PLANNED, departments=[departments["y"]])

    response = client_for("rep_x").get(reverse("admin:dialogues_dialoguesession_change", args=[session.pk]))

    assert response.status_code in (403, 404)


def test_staff_see_every_invitation(client_for, make_session, departments):
    _invitations(make_session, departments)

    response = client_for("staff").get(reverse("admin:dialogues_invitation_changelist"))

    assert response.context["cl"].result_count == 2
