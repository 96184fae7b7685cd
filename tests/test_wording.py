"""Wording a Vietnamese reader noticed: a petition sent today, the overdue filter's "all", headings, unit and
session menus, the export heading, the calendar's cells."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from dialogues.models import DialogueSession, SessionStatus

pytestmark = pytest.mark.django_db


def test_a_petition_sent_today_reads_gui_hom_nay(client, users, units):
    from petitions import services

    petition = services.submit_petition(actor=users["leader_a"], unit=units["a1"], title="Nước sạch", content="Thiếu")
    client.force_login(users["leader_a"])
    for url in (reverse("petitions:detail", args=[petition.pk]), reverse("petitions:list")):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        assert "Gửi hôm nay" in html and "Đã chờ 0 ngày" not in html


def test_the_overdue_filter_offers_all_not_unknown(users):
    from reports.filters import PetitionFilter

    with translation.override("vi"):
        html = str(PetitionFilter(user=users["staff"]).form["overdue"])
    assert "Tất cả" in html and "Chưa xác định" not in html


def test_unit_menus_start_without_a_dash(client, users, units):
    from petitions.filters import PetitionFilter

    field = PetitionFilter(user=users["leader_a"], queryset=None).form.fields["unit"]
    labels = [label for _, label in field.choices if label and not str(label).startswith("-----")]
    assert labels[0] == units["a"].name  # the leader's own district heads her list, no "— "
    assert "— " + units["a1"].name in labels
    assert units["qt"].label == units["qt"].name


def test_session_menus_show_the_date(users, units):
    from petitions.forms import PetitionForm

    start = timezone.now() + timedelta(days=3)
    session = DialogueSession.objects.create(
        title="Đối thoại về vay vốn",
        host_unit=units["a1"],
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=SessionStatus.PLANNED,
    )
    labels = [label for _, label in PetitionForm(user=users["leader_a"]).fields["session"].choices]
    assert f"{timezone.localtime(session.starts_at):%d/%m/%Y} — Đối thoại về vay vốn" in labels


def test_calendar_cells_show_what_differs_and_the_whole_title_on_hover(client, users, units):
    start = timezone.localtime(timezone.now()).replace(hour=8, minute=0, second=0, microsecond=0)
    for title in ("Đối thoại chính sách về vay vốn khởi nghiệp", "Đối thoại chính sách về bảo hiểm xã hội"):
        DialogueSession.objects.create(
            title=title, host_unit=units["a1"], starts_at=start, ends_at=start + timedelta(hours=3), status="planned"
        )
    client.force_login(users["staff"])
    html = client.get(reverse("dialogues:calendar")).content.decode()
    assert "08:00 Vay vốn khởi nghiệp" in html and "08:00 Bảo hiểm xã hội" in html
    assert 'title="08:00 Đối thoại chính sách về vay vốn khởi nghiệp — Hội LHPN xã Linh Trường"' in html


def test_the_public_list_heading_names_a_list(client):
    html = client.get(reverse("public:outcomes"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Các hội nghị đối thoại đã tổ chức" in html
