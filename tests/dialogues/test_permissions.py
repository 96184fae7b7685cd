"""One permission matrix: every dialogues URL × every role. A URL missing here fails the test."""

import pytest
from django.urls import get_resolver, reverse

from dialogues.models import AgendaItem, SessionStatus

ROLES = ["anonymous", "staff", "leader_a", "leader_b", "rep_x", "rep_y"]

# GET status per role for a planned session hosted by commune a1 (under leader_a) inviting department x.
MATRIX = {
    "list": [302, 200, 200, 200, 200, 200],
    "calendar": [302, 200, 200, 200, 200, 200],
    "agenda": [302, 200, 200, 200, 200, 200],
    "stats": [302, 200, 200, 200, 403, 403],
    "create": [302, 200, 200, 200, 403, 403],
    "detail": [302, 200, 200, 404, 200, 404],
    "edit": [302, 200, 200, 404, 403, 404],
    "ics": [302, 200, 200, 404, 200, 404],
    "transition": [302, 200, 200, 404, 403, 404],
    "attendance": [302, 200, 200, 404, 403, 404],
    "plan": [302, 200, 200, 404, 403, 404],
    # POST-only endpoints answer GET with 405 once logged in and allowed to reach them
    "agenda_add": [302, 405, 405, 405, 405, 405],
    "agenda_reorder": [302, 405, 405, 405, 405, 405],
    "agenda_move": [302, 405, 405, 405, 405, 405],
    "agenda_remove": [302, 405, 405, 405, 405, 405],
    "minutes": [302, 405, 405, 405, 405, 405],
    "archive": [302, 405, 405, 405, 405, 405],
    "plan_task_remove": [302, 405, 405, 405, 405, 405],
    "rotate_feed": [302, 405, 405, 405, 405, 405],
    "publish_preview": [302, 200, 403, 404, 403, 404],
    "publish": [302, 405, 405, 405, 405, 405],
    "withdraw": [302, 405, 405, 405, 405, 405],
    "feed": [404, 404, 404, 404, 404, 404],  # a wrong token, whoever asks
    "recommendation_add": [302, 405, 405, 405, 405, 405],
    "recommendation_edit": [302, 405, 405, 405, 405, 405],
    "recommendation_follow_up": [302, 405, 405, 405, 405, 405],
    "recommendation_publish": [302, 405, 405, 405, 405, 405],
    "recommendation_remove": [302, 405, 405, 405, 405, 405],
    "opinion_add": [302, 405, 405, 405, 405, 405],
    "opinion_edit": [302, 405, 405, 405, 405, 405],
    "opinion_remove": [302, 405, 405, 405, 405, 405],
}


def _url(name, session, item):
    args = {
        "detail": [session.pk],
        "edit": [session.pk],
        "ics": [session.pk],
        "transition": [session.pk, "postponed"],
        "attendance": [session.pk],
        "plan": [session.pk],
        "plan_task_remove": [session.pk, 1],
        "agenda_add": [session.pk],
        "agenda_reorder": [session.pk],
        "agenda_move": [session.pk, item.pk, "up"],
        "agenda_remove": [session.pk, item.pk],
        "minutes": [session.pk],
        "archive": [session.pk],
        "publish_preview": [session.pk],
        "publish": [session.pk],
        "withdraw": [session.pk],
        "feed": ["not-a-token"],
        "recommendation_add": [session.pk],
        "opinion_add": [session.pk],
    }.get(name, [])
    if name.startswith(("recommendation_", "opinion_")) and not name.endswith("_add"):
        args = [session.pk, item.pk]  # any id: the method is refused before the lookup
    return reverse(f"dialogues:{name}", args=args)


def test_matrix_covers_every_url_name():
    names = {name for name in get_resolver().namespace_dict["dialogues"][1].reverse_dict if isinstance(name, str)}

    assert names == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_matrix_says(client_for, make_session, departments, role):
    session = make_session(unit="a1", status=SessionStatus.PLANNED, departments=[departments["x"]])
    item = AgendaItem.objects.create(session=session, title="Mục 1", position=1)
    client = client_for(role)

    seen = {name: client.get(_url(name, session, item)).status_code for name in MATRIX}

    assert seen == {name: codes[ROLES.index(role)] for name, codes in MATRIX.items()}
