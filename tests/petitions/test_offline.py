"""Offline petition entry, server side: the submission key makes a resend harmless; the worker and manifest."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from petitions import services
from petitions.models import Attachment, Petition

from .conftest import PNG

QUEUE = {"HTTP_X_PETITION_QUEUE": "1"}


def _form(unit):
    return {"kind": "recommendation", "title": "Vay vốn", "content": "Nội dung", "supporters_count": 1, "unit": unit.pk}


def test_the_same_key_twice_through_the_service_makes_one_petition(users, units):
    key = uuid.uuid4()
    first = services.submit_petition(actor=users["leader_a"], unit=units["a1"], title="A", content="B", client_key=key)
    again = services.submit_petition(actor=users["leader_a"], unit=units["a1"], title="A", content="B", client_key=key)
    assert (again.pk, again.replayed, Petition.objects.count()) == (first.pk, True, 1)
    assert first.history.count() == again.history.count()  # nothing written by the resend


def test_another_users_key_is_refused_not_returned(users, units):
    key = uuid.uuid4()
    services.submit_petition(actor=users["leader_a"], unit=units["a1"], title="A", content="B", client_key=key)
    with pytest.raises(ValidationError):
        services.submit_petition(actor=users["staff"], unit=units["a1"], title="A", content="B", client_key=key)
    assert Petition.objects.count() == 1


def test_petitions_without_a_key_are_all_kept(users, units):
    for _ in range(2):
        services.submit_petition(actor=users["leader_a"], unit=units["a1"], title="A", content="B")
    assert Petition.objects.filter(client_key__isnull=True).count() == 2


def test_queued_resend_with_an_attachment_returns_the_first_petition(client_for, units):
    client = client_for("leader_a")
    key = str(uuid.uuid4())
    answers = []
    for _ in range(2):
        data = {**_form(units["a1"]), "client_key": key, "attachment": SimpleUploadedFile("a.png", PNG)}
        answers.append(client.post(reverse("petitions:create"), data, **QUEUE))
    first, second = (json.loads(a.content) for a in answers)
    petition = Petition.objects.get()
    assert [a.status_code for a in answers] == [201, 200]
    assert first["code"] == second["code"] == petition.code
    assert (second["replayed"], str(petition.client_key), Attachment.objects.count()) == (True, key, 1)


def test_resend_after_the_session_closed_still_returns_the_petition(client_for, units):
    """The key is looked up before the form is checked: the first send may have been accepted long ago."""
    client = client_for("leader_a")
    key = str(uuid.uuid4())
    client.post(reverse("petitions:create"), {**_form(units["a1"]), "client_key": key})
    response = client.post(reverse("petitions:create"), {"client_key": key, "title": ""}, **QUEUE)
    assert (response.status_code, Petition.objects.count()) == (200, 1)


def test_a_double_tap_on_the_form_shows_the_petition_once(client_for, units):
    client = client_for("leader_a")
    page = client.get(reverse("petitions:create")).content.decode()
    key = page.split('name="client_key" value="')[1].split('"')[0]
    responses = [client.post(reverse("petitions:create"), {**_form(units["a1"]), "client_key": key}) for _ in "12"]
    petition = Petition.objects.get()
    assert [r.status_code for r in responses] == [302, 302]
    assert {r.url for r in responses} == {petition.get_absolute_url()}


def test_a_queued_petition_the_form_refuses_gets_its_reason_in_vietnamese(client_for, units):
    data = {**_form(units["a1"]), "content": "", "client_key": str(uuid.uuid4())}
    response = client_for("leader_a").post(reverse("petitions:create"), data, **QUEUE)
    assert response.status_code == 400
    assert "Trường này là bắt buộc." in json.loads(response.content)["message"]
    assert Petition.objects.count() == 0


def test_an_expired_login_sends_the_queue_to_the_login_page(client, units):
    response = client.post(
        reverse("petitions:create"), {**_form(units["a1"]), "client_key": str(uuid.uuid4())}, **QUEUE
    )
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert Petition.objects.count() == 0


def test_a_broken_key_is_refused_with_a_message(client_for, units):
    data = {**_form(units["a1"]), "client_key": "not-a-uuid"}
    response = client_for("leader_a").post(reverse("petitions:create"), data, **QUEUE)
    assert response.status_code == 400 and Petition.objects.count() == 0


def test_service_worker_is_served_from_the_root_and_lists_the_offline_pages(client):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert reverse("petitions:create") in body and reverse("petitions:list") in body
    assert "/static/js/offline-queue.js" in body


def test_manifest_names_the_portal_in_vietnamese(client):
    response = client.get("/manifest.webmanifest")
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert data["start_url"] == reverse("petitions:create")
    assert data["lang"] == "vi" and data["name"].startswith("Đối thoại")
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512", "any"}


def test_the_csp_lets_the_site_register_its_own_worker_only(client_for):
    policy = client_for("leader_a").get(reverse("petitions:create"))["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "script-src 'nonce-" in policy and "unsafe-inline" not in policy


def test_the_queue_is_offered_to_submitters_only(client_for):
    assert 'id="petition-queue"' in client_for("leader_a").get(reverse("petitions:list")).content.decode()
    assert 'id="petition-queue"' not in client_for("rep_x").get(reverse("petitions:list")).content.decode()


def test_after_a_refused_submit_an_error_summary_links_to_each_field(client_for, units):
    response = client_for("leader_a").post(reverse("petitions:create"), {**_form(units["a1"]), "title": ""})
    page = response.content.decode()
    summary = page.split("data-error-summary")[1].split("</div>")[0]
    assert "Có lỗi cần sửa" in summary
    assert 'href="#id_title"' in summary


def test_the_file_input_carries_the_servers_limit(client_for):
    page = client_for("leader_a").get(reverse("petitions:create")).content.decode()
    assert f'data-max-bytes="{10 * 1024 * 1024}"' in page


def test_only_a_branchs_own_pages_are_marked_for_keeping_offline(client_for):
    leader, staff = client_for("leader_a"), client_for("staff")
    assert leader.get(reverse("petitions:list"))["X-Offline-Page"] == "1"
    assert leader.get(reverse("petitions:create"))["X-Offline-Page"] == "1"
    province_list = staff.get(reverse("petitions:list"))
    assert "X-Offline-Page" not in province_list
    assert 'id="petition-queue"' not in province_list.content.decode()
