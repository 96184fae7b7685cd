"""Publishing on the public outcomes page: staff preview, publish and withdraw, through the services, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dialogue_portal.audit.models import AuditEvent
from dialogues import services as session_services
from dialogues.models import DialogueSession, SessionStatus
from petitions import services as petition_services
from petitions.models import Petition

from .test_outcomes import make_petition, make_session

URL = "/public/"


@pytest.fixture
def session(units, departments):
    return make_session(units, departments, title="Đối thoại về vay vốn 2024", published=False)


@pytest.fixture
def petition(units, departments):
    made = make_petition(units, departments, 7, published=False)
    Petition.objects.filter(pk=made.pk).update(is_anonymous=True)
    made.refresh_from_db()
    return made


def _url(name, obj):
    app = "dialogues" if isinstance(obj, DialogueSession) else "petitions"
    return reverse(f"{app}:{name}", args=[obj.pk])


def _events(action):
    return list(AuditEvent.objects.filter(action=action).values_list("actor_username", "target_id"))


def test_staff_previews_publishes_and_withdraws_a_session(client_for, session):
    client = client_for("staff")
    detail = client.get(session.get_absolute_url()).content.decode()
    assert _url("publish_preview", session) in detail

    preview = client.get(_url("publish_preview", session)).content.decode()
    assert session.title in preview and "Hội trường UBND tỉnh" in preview
    assert f'action="{_url("publish", session)}"' in preview
    assert session.title not in client.get(URL).content.decode()

    response = client.post(_url("publish", session), follow=True)
    assert "Phiên đối thoại đã được công bố trên trang kết quả công khai." in response.content.decode()
    assert session.title in client.get(URL).content.decode()
    assert _events("session.published") == [("staff", str(session.pk))]

    client.post(_url("withdraw", session))
    assert session.title not in client.get(URL).content.decode()
    assert _events("session.withdrawn") == [("staff", str(session.pk))]


def test_staff_previews_publishes_and_withdraws_a_petition_never_showing_the_petitioner(client_for, petition):
    client = client_for("staff")
    assert _url("publish_preview", petition) in client.get(petition.get_absolute_url()).content.decode()

    preview = client.get(_url("publish_preview", petition)).content.decode()
    assert petition.title in preview and "Sở sẽ phối hợp Ngân hàng Chính sách xã hội." in preview
    assert petition.petitioner_name not in preview and petition.petitioner_phone not in preview

    client.post(_url("publish", petition))
    public = client_for("anonymous").get(URL).content.decode()
    assert petition.title in public
    assert petition.petitioner_name not in public and petition.petitioner_phone not in public
    assert _events("petition.published") == [("staff", str(petition.pk))]

    client.post(_url("withdraw", petition))
    assert petition.title not in client_for("anonymous").get(URL).content.decode()
    assert _events("petition.withdrawn") == [("staff", str(petition.pk))]


def test_the_preview_renders_what_the_public_page_renders(client_for, session, petition):
    """The same partial on both pages: the card in the preview is the card on the public page."""
    client = client_for("staff")
    previews = [client.get(_url("publish_preview", obj)).content.decode() for obj in (session, petition)]
    client.post(_url("publish", session))
    client.post(_url("publish", petition))
    public = client.get(URL).content.decode()

    for preview in previews:
        card = preview[preview.index('<article class="card mb-3">') : preview.index("</article>") + len("</article>")]
        assert card in public


def test_a_session_not_held_is_refused_with_a_message(client_for, session):
    DialogueSession.objects.filter(pk=session.pk).update(status=SessionStatus.PLANNED)
    client = client_for("staff")

    preview = client.get(_url("publish_preview", session)).content.decode()
    assert "Chỉ công bố được phiên đã tổ chức; phiên này đang ở trạng thái “Đã lên kế hoạch”." in preview
    response = client.post(_url("publish", session), follow=True)

    assert "Chỉ công bố được phiên đã tổ chức" in response.content.decode()
    session.refresh_from_db()
    assert session.is_published is False
    assert _events("session.published") == []


def test_a_petition_without_an_answer_is_refused_with_a_message(client_for, units, departments):
    waiting = make_petition(units, departments, 8, published=False, answered=False)
    response = client_for("staff").post(_url("publish", waiting), follow=True)
    assert "Chỉ công bố được kiến nghị đã trả lời, đã giải quyết hoặc đã đóng" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.is_published is False


@pytest.mark.parametrize("name", ["publish_preview", "publish", "withdraw"])
def test_leaders_and_departments_get_404_outside_their_scope_and_403_inside(client_for, session, petition, name):
    # The session is hosted by the province: every branch leader sees it (her members take part) but may not
    # publish it; department x attended it.
    # The petition comes from Gio Linh (leader_a) and is assigned to department x.
    expected = {
        ("leader_a", "session"): 403,
        ("leader_b", "session"): 403,
        ("rep_x", "session"): 403,
        ("rep_y", "session"): 403,  # invited (did not attend): still visible
        ("leader_a", "petition"): 403,
        ("leader_b", "petition"): 404,
        ("rep_x", "petition"): 403,
        ("rep_y", "petition"): 404,
    }
    for (who, kind), status in expected.items():
        obj = session if kind == "session" else petition
        client = client_for(who)
        send = client.get if name == "publish_preview" else client.post
        assert (who, kind, send(_url(name, obj)).status_code) == (who, kind, status)
    assert AuditEvent.objects.filter(action__endswith=".published").count() == 0
    session.refresh_from_db()
    petition.refresh_from_db()
    assert (session.is_published, petition.is_published) == (False, False)


def test_the_services_ask_the_policy(users, session, petition):
    for who in ("leader_a", "rep_x"):
        with pytest.raises(PermissionDenied):
            session_services.publish_session_outcomes(users[who], session)
        with pytest.raises(PermissionDenied):
            petition_services.withdraw_answer(users[who], petition)
    petition_services.publish_answer(users["staff"], petition)
    assert Petition.objects.get(pk=petition.pk).is_published is True
    Petition.objects.filter(pk=petition.pk).update(is_archived=True, is_published=False)
    with pytest.raises(ValidationError, match="Kiến nghị đã lưu trữ không hiện trên trang công khai"):
        petition_services.publish_answer(users["staff"], petition)


def test_the_admin_no_longer_edits_publishing(client_for, session):
    client = client_for("staff")
    url = reverse("admin:dialogues_dialoguesession_change", args=[session.pk])
    page = client.get(url).content.decode()
    assert 'name="is_published"' not in page
    client.post(url, {"is_published": "on"})
    session.refresh_from_db()
    assert session.is_published is False
