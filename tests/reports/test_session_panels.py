"""The session page's panels: petitions and reports add them through dialogues.panels, not by being imported."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogues import panels
from reports.models import Transmittal

from .conftest import assign, make_petition


def _page(client, session):
    return client.get(reverse("dialogues:detail", args=[session.pk]))


def test_petitions_and_reports_register_their_panels_when_the_apps_load():
    assert [(panel.name, panel.place) for panel in panels.registered()] == [
        ("petitions", panels.AFTER_ATTENDANCE),
        ("minutes_document", panels.AFTER_MINUTES),
        ("summary", panels.AFTER_MINUTES),
        ("documents", panels.AFTER_ATTENDANCE),
    ]


def test_session_page_renders_both_panels_in_their_places(client_for, session_held, report_settings, units):
    petition = make_petition(unit=units["a"], title="Hỗ trợ vay vốn khởi nghiệp", session=session_held)
    client = client_for("staff")
    client.post(reverse("reports:send_summary", args=[session_held.pk]))

    page = _page(client, session_held).content.decode()

    order = [
        'id="attendance"',
        'id="petitions"',
        'id="minutes"',
        'id="minutes-document"',
        'id="summary"',
        'id="history"',
    ]
    assert [page.find(marker) for marker in order] == sorted(page.find(marker) for marker in order)
    assert -1 not in [page.find(marker) for marker in order]
    assert petition.code in page
    assert Transmittal.objects.get().filename in page
    assert "Ý kiến, kiến nghị nêu hoặc được trả lời tại hội nghị" in page
    assert "Báo cáo đã gửi" in page


def test_a_panel_that_declines_is_left_out(client_for, session_held, report_settings, users):
    # A department representative invited to the session sees its petitions, not the committees' summary.
    response = _page(client_for("rep_x"), session_held)

    shown = {place: [p["name"] for p in rows] for place, rows in response.context["panels"].items()}
    assert shown == {panels.AFTER_ATTENDANCE: ["petitions"], panels.AFTER_MINUTES: []}
    assert 'id="summary"' not in response.content.decode()


def test_session_page_query_count_does_not_grow_with_its_petitions(
    client_for, session_held, report_settings, units, departments
):
    assign(make_petition(unit=units["a"], session=session_held), departments["x"])
    client = client_for("staff")
    with CaptureQueriesContext(connection) as one:
        _page(client, session_held)
    for n in range(24):
        assign(make_petition(unit=units["a"], title=f"Kiến nghị {n}", session=session_held), departments["x"])

    with CaptureQueriesContext(connection) as many:
        page = _page(client, session_held).content.decode()

    assert len(many) == len(one)
    assert f"{reverse('petitions:list')}?session={session_held.pk}" in page


def test_a_panel_must_name_a_place_on_the_page():
    stray = panels.SessionPanel(name="stray", place="sidebar", template="x.html", context=lambda *a, **k: {})

    with pytest.raises(ValueError, match="sidebar"):
        panels.register(stray)

    assert "stray" not in [panel.name for panel in panels.registered()]
