"""Control characters in a path, a query string or a form answer 400 with the site's page, and are audited."""

import pytest
from django.test import Client
from django.urls import reverse

from dialogue_portal.audit.models import AuditAction, AuditEvent
from dialogues.models import DialogueSession

from .test_access_matrix import MATRIX, url_for


def _refusals():
    return AuditEvent.objects.filter(action=AuditAction.BAD_REQUEST)


@pytest.mark.parametrize("path", ["/sessions/{pk}/status/held%00/", "/sessions/feed/%00.ics", "/petitions/%01/"])
def test_control_character_in_path_is_a_bad_request_in_vietnamese(world, login, path):
    client = login("leader_a")
    before = _refusals().count()

    response = client.get(path.format(pk=world.session.pk))

    text = response.content.decode()
    assert response.status_code == 400
    assert "Không hiểu được yêu cầu này" in text and 'id="main"' in text
    event = _refusals().order_by("-pk").first()
    assert _refusals().count() == before + 1
    assert event.actor == world.users["leader_a"]
    assert "\x00" not in event.details["path"]


@pytest.mark.parametrize("role", ["anonymous", "leader_a", "rep_x", "staff", "admin"])
def test_nul_in_query_string_of_every_url_is_a_bad_request(world, login, role):
    client = login(role)
    answers = {}
    for name in sorted(MATRIX):
        method = "post" if MATRIX[name].startswith("post:") else "get"
        url = url_for(name, world)
        answers[name] = getattr(client, method)(f"{url}?q=a%00b").status_code

    assert {name: status for name, status in answers.items() if status != 400} == {}


def test_control_character_in_a_form_field_is_refused_and_nothing_saved(world, login):
    client = login("leader_a")
    url = reverse("dialogues:edit", args=[world.session.pk])
    before = DialogueSession.objects.values("title", "version").get(pk=world.session.pk)

    response = client.post(url, {"title": "Đối thoại\x00mới", "venue": "Hội trường"})

    assert response.status_code == 400
    assert DialogueSession.objects.values("title", "version").get(pk=world.session.pk) == before


def test_tabs_and_line_breaks_in_form_text_pass(world, login):
    response = Client().post(reverse("login"), {"username": "m_staff\t", "password": "dòng một\r\ndòng hai\n"})

    assert response.status_code == 200  # the login form's own answer: a wrong password
    assert response.context["form"].non_field_errors()


def test_control_character_in_a_field_name_is_refused(world, login):
    response = login("staff").post(reverse("petitions:bulk"), {"\x1bname": "x"})

    assert response.status_code == 400
