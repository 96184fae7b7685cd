"""The session page's body is kept per user until the portal's data changes (dialogue_portal/pagebody.py):
a repeat view costs the access check and the layout, yet every change shows at once, however it was made,
and the access check, the rights, the language and the form tokens stay each request's own."""

import re

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from dialogue_portal import pagebody
from dialogue_portal.writes import moves_pages
from dialogues.models import AgendaItem, DialogueSession

# Real commits: what a transaction that wrote renders is never kept (it may roll back), and a test's own
# transaction has always written.
pytestmark = pytest.mark.django_db(transaction=True)

# Without Redis (a local run) the session is read from the database on every request.
SESSION_READ = 0 if settings.USER_CACHE else 1
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="[^"]+"')


def _page(client, session, **kwargs):
    return client.get(reverse("dialogues:detail", args=[session.pk]), **kwargs)


def _tokens(response) -> set[str]:
    return set(TOKEN.findall(response.content.decode()))


def _without_tokens(response) -> str:
    return NONCE.sub("", TOKEN.sub("", response.content.decode()))


def test_a_repeat_view_is_served_from_the_kept_body(
    make_session, departments, client_for, django_assert_max_num_queries
):
    session = make_session(unit="qt", status="planned", departments=[departments["x"]])
    client = client_for("staff")
    first = _page(client, session)
    # the session through the viewer's scope, and the user and roles (their login's tombstone is still fresh)
    with django_assert_max_num_queries(3 + SESSION_READ):
        second = _page(client, session)
    assert second.status_code == 200
    assert _without_tokens(second) == _without_tokens(first)
    assert departments["x"].name in second.content.decode()


def test_a_change_made_without_signals_shows_on_the_next_view(make_session, client_for):
    session = make_session(unit="qt", status="planned")
    client = client_for("staff")
    heading = '<h1 class="h3">Hội nghị đổi tên</h1>'
    assert heading not in _page(client, session).content.decode()

    DialogueSession.objects.filter(pk=session.pk).update(title="Hội nghị đổi tên")  # a queryset update: no signal

    assert heading in _page(client, session).content.decode()


def test_what_a_service_adds_shows_on_the_next_view(make_session, users, client_for):
    from dialogues import services

    session = make_session(unit="qt", status="planned")
    client = client_for("staff")
    _page(client, session)

    services.add_agenda_item(session=session, actor=users["staff"], title="Báo cáo tình hình vay vốn")

    assert "Báo cáo tình hình vay vốn" in _page(client, session).content.decode()


def test_each_user_gets_their_own_page_and_the_scope_is_checked_on_every_view(
    make_session, units, users, departments, client_for
):
    session = make_session(unit="a1", status="planned", departments=[departments["x"]])
    edit = reverse("dialogues:edit", args=[session.pk])
    leader, rep, other = client_for("leader_a"), client_for("rep_x"), client_for("leader_b")  # (logins are writes)
    assert edit in _page(leader, session).content.decode()  # the host's district leader manages it
    invited = _page(rep, session)
    assert invited.status_code == 200 and edit not in invited.content.decode()  # the invited department: reads
    assert _page(other, session).status_code == 404  # another district's leader: not in scope

    users["leader_a"].unit = units["b"]
    users["leader_a"].save()

    assert _page(leader, session).status_code == 404  # scope moved away: the kept body is never reached


def test_a_kept_page_carries_the_requests_own_valid_token(make_session, users):
    session = make_session(unit="qt", status="planned")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["staff"])
    _page(browser, session)
    kept = _page(browser, session)
    tokens = _tokens(kept)  # the layout's (sign out) and the body's forms'
    assert tokens and pagebody.csrf_stand_in() not in kept.content.decode()

    added = browser.post(
        reverse("dialogues:agenda_add", args=[session.pk]),
        {"title": "Giải đáp về bảo hiểm y tế", "planned_minutes": "20", "csrfmiddlewaretoken": _agenda_token(kept)},
    )

    assert added.status_code == 302
    assert AgendaItem.objects.filter(session=session, title="Giải đáp về bảo hiểm y tế").exists()
    assert "Giải đáp về bảo hiểm y tế" in _page(browser, session).content.decode()


def _agenda_token(response) -> str:
    form = response.content.decode().split(reverse("dialogues:agenda_add", args=[response.context["session"].pk]))[1]
    return TOKEN.search(form).group(1)


def test_the_language_of_each_view_is_its_own(make_session, client_for):
    session = make_session(unit="qt", status="planned")
    client = client_for("staff")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Invited departments" in _page(client, session).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = _page(client, session).content.decode()
    assert "Invited departments" not in vietnamese and "Sở, ban, ngành được mời" in vietnamese


def test_what_a_transaction_renders_after_writing_is_not_kept(make_session, client_for):
    session = make_session(unit="qt", status="planned", title="Tên đã lưu")
    client = client_for("staff")

    with pytest.raises(RuntimeError), transaction.atomic():
        DialogueSession.objects.filter(pk=session.pk).update(title="Tên chưa lưu")
        assert "Tên chưa lưu" in _page(client, session).content.decode()
        raise RuntimeError("rolled back")

    page = _page(client, session).content.decode()
    assert "Tên đã lưu" in page and "Tên chưa lưu" not in page


@pytest.mark.parametrize(
    ("sql", "moves"),
    [
        ('INSERT INTO "petitions_petition" ("title") VALUES (%s)', True),
        ('UPDATE "dialogues_dialoguesession" SET "title" = %s', True),
        ('DELETE FROM "directory_department" WHERE "id" = %s', True),
        ("update petitions_petition set title = 'x'", True),  # raw SQL, unquoted
        ('TRUNCATE "dialogues_agendaitem"', True),
        ('UPDATE "django_session" SET "session_data" = %s', False),  # the machinery's own tables
        ('INSERT INTO "audit_auditevent" ("action") VALUES (%s)', False),
        ('SELECT "title" FROM "petitions_petition"', False),
        ("WITH x AS (SELECT 1) SELECT * FROM x", False),
    ],
)
def test_which_statements_move_the_pages_stamp(sql, moves):
    assert moves_pages(sql) is moves
