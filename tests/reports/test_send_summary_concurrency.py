"""Two staff members press "send summary" at the same moment: one transmittal, two answers without error."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from dialogues.models import SessionStatus
from reports.models import Transmittal
from reports.services import send_summary

from .conftest import make_petition


def _two_posts_at_once(users, session, monkeypatch):
    from reports.documents import render_docx

    # Widen the window: building the document takes a moment, while the first sender holds the lock.
    original = render_docx.render

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return original(*args, **kwargs)

    monkeypatch.setattr(render_docx, "render", slow)
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(users["staff"])
        clients.append(client)
    start, answers = threading.Barrier(2), []

    def post(client):
        try:
            start.wait()
            answers.append(client.post(reverse("reports:send_summary", args=[session.pk]), follow=True))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _assert_sent_once(answers, session):
    pages = sorted(answer.content.decode() for answer in answers)
    session.refresh_from_db()
    assert sorted(answer.status_code for answer in answers) == [200, 200]
    assert Transmittal.objects.count() == 1
    assert session.status == SessionStatus.SUMMARY_SENT
    assert session.status_changes.filter(to_status=SessionStatus.SUMMARY_SENT).count() == 1
    assert sum("Báo cáo tổng hợp của hội nghị này đã được gửi." in page for page in pages) == 1
    assert sum("01/BC-HPN" in page for page in pages) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_on_postgres_make_one_transmittal(users, units, session_held, report_settings, monkeypatch):
    make_petition(unit=units["a1"], title="Hỗ trợ vay vốn", session=session_held)

    answers = _two_posts_at_once(users, session_held, monkeypatch)

    _assert_sent_once(answers, session_held)


def test_sending_again_says_it_was_sent(users, session_held, report_settings):
    send_summary(session=session_held, actor=users["staff"])
    session_held.refresh_from_db()

    with pytest.raises(Exception, match="đã được gửi") as error:
        send_summary(session=session_held, actor=users["staff"])

    assert error.value.code == "already_sent"
    assert Transmittal.objects.count() == 1


def test_transmittal_list_heads_the_document_number_so_ky_hieu(client_for, users, session_held, report_settings):
    send_summary(session=session_held, actor=users["staff"])

    page = client_for("staff").get(reverse("reports:transmittals")).content.decode()

    assert '<th scope="col">Số, ký hiệu</th>' in page
    assert "Số lượng" not in page
