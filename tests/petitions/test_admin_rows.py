"""The admin list of petitions writes its rows and actions bar in Python: the page must be what Django writes."""

from datetime import date, timedelta

import pytest
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import admin_list_filter, result_list
from django.template.loader import get_template
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from dialogue_portal import admin_rows
from petitions import services


@pytest.fixture
def listed(assigned, make_petition, users, departments):
    """Department x's list: an overdue petition, one with markup in its title, one answered (no due date)."""
    today = timezone.localdate()
    late = make_petition(title="Quá hạn")
    marked = make_petition(title='Đường <b>xấu</b> & "hẹp"', kind="question")
    answered = make_petition(title="Đã trả lời")
    for petition in (late, marked, answered):
        services.assign_petition(
            petition=petition, actor=users["staff"], routes=[(departments["x"], today + timedelta(days=3))]
        )
    late.assignments.update(due_date=today - timedelta(days=1))
    services.refresh_next_due([late.pk])
    services.answer_assignment(
        assignment=answered.assignments.get(), actor=users["rep_x"], text="Đã giải quyết.", method="in_writing"
    )
    return [assigned, late, marked, answered]


@pytest.mark.parametrize(
    ("who", "params"),
    [
        ("rep_x", {}),
        ("rep_x", {"o": "-2.1"}),
        ("rep_x", {"o": "5.-6", "status__exact": "assigned"}),
        ("rep_x", {"overdue": "yes"}),
        ("staff", {"o": "3.-4", "q": "đường"}),
        ("staff", {"kind__exact": "question", "_facets": "True"}),
    ],
    ids=["department", "sorted", "filtered and sorted", "overdue", "staff searching", "staff with counts"],
)
def test_admin_list_table_is_the_one_django_writes(listed, client_for, who, params):
    response = client_for(who).get(reverse("admin:petitions_petition_changelist"), params)
    cl = response.context["cl"]
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        djangos = get_template("admin/change_list_results.html").render(result_list(cl))
    assert cl.result_list
    assert djangos in response.content.decode()


@pytest.mark.parametrize(
    ("who", "params"),
    [("rep_x", {"overdue": "yes"}), ("staff", {"kind__exact": "question", "_facets": "True", "o": "2"})],
    ids=["department filtering", "staff with counts"],
)
def test_admin_list_filters_are_the_ones_django_writes(listed, client_for, who, params):
    response = client_for(who).get(reverse("admin:petitions_petition_changelist"), params)
    cl = response.context["cl"]
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        djangos = [admin_list_filter(cl, spec) for spec in cl.filter_specs]
    assert len(djangos) == 4
    assert "".join(djangos) in response.content.decode()


def test_admin_list_links_keep_the_filters(listed, client_for):
    response = client_for("rep_x").get(reverse("admin:petitions_petition_changelist"), {"status__exact": "assigned"})
    change = reverse("admin:petitions_petition_change", args=[listed[2].pk])
    assert f'<a href="{change}?_changelist_filters=status__exact%3Dassigned">' in response.content.decode()


@pytest.mark.parametrize("chosen", [None, {"action": "mark_resolved", "select_across": "1"}], ids=["blank", "chosen"])
def test_actions_bar_is_the_one_django_writes(chosen):
    choices = [("", "---------"), ("answer_together", "Trả lời <chung>"), ("mark_resolved", 'Đã "xong" & đóng')]
    forms = admin_rows.ActionForm(chosen, auto_id=None), helpers.ActionForm(chosen, auto_id=None)
    for form in forms:
        form.fields["action"].choices = choices
    ours, djangos = ([str(field) for field in form] for form in forms)
    assert ours == djangos


@pytest.mark.parametrize("written", ["d/m/Y", "j.n.y", "Y-m-d", "N j, Y"])
def test_numeric_date_formats_are_written_as_django_formats_them(written):
    pattern = admin_rows._date_writer(written)
    for day in (date(2024, 2, 4), date(2026, 12, 31), date(987, 1, 9)):
        shown = dateformat.format(day, written)
        assert pattern is None or pattern.format(day.day, day.month, day.year, day.year % 100) == shown
    assert (pattern is None) == (written == "N j, Y")
