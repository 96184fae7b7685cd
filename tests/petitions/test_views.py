"""Pages: who sees what (404 outside scope), anonymity, constant query counts, bad input."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from petitions import services
from petitions.models import Attachment, Petition

from .conftest import EXE, PDF, PNG, docx_bytes, fake_docx_zip

SECRET_NAME = "Hồ Thị Bí Mật"
SECRET_PHONE = "0999 888 777"


def _urls(petition):
    assignment = petition.assignments.first()
    attachment = petition.attachments.first()
    urls = [
        reverse("petitions:detail", args=[petition.pk]),
        reverse("petitions:edit", args=[petition.pk]),
        reverse("petitions:assign", args=[petition.pk]),
        reverse("petitions:session", args=[petition.pk]),
        reverse("petitions:merge", args=[petition.pk]),
        reverse("petitions:attach", args=[petition.pk]),
        reverse("admin:petitions_petition_change", args=[petition.pk]),
        reverse("admin:petitions_petition_history", args=[petition.pk]),
    ]
    if assignment:
        urls.append(reverse("petitions:answer", args=[petition.pk, assignment.pk]))
    if attachment:
        urls.append(reverse("petitions:download", args=[attachment.pk]))
    return urls


@pytest.fixture
def secret(make_petition, users, departments):
    """An anonymous petition from Gio Linh, with a file, assigned to department x."""
    petition = make_petition(
        title="Tín dụng đen qua ứng dụng",
        petitioner_name=SECRET_NAME,
        petitioner_phone=SECRET_PHONE,
        is_anonymous=True,
        attachments=[SimpleUploadedFile("don.pdf", PDF)],
    )
    services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(days=9))]
    )
    services.update_petition(
        petition=petition,
        actor=users["staff"],
        expected_version=Petition.objects.get(pk=petition.pk).version,
        petitioner_phone="0999 888 777",
        supporters_count=2,
    )
    return Petition.objects.get(pk=petition.pk)


def test_department_gets_404_for_another_departments_petition_on_every_page(secret, client_for):
    client = client_for("rep_y")
    statuses = {url: client.get(url).status_code for url in _urls(secret)}
    posts = {
        url: client.post(url).status_code
        for url in [
            reverse("petitions:status", args=[secret.pk]),
            reverse("petitions:archive", args=[secret.pk]),
            reverse("admin:petitions_petition_change", args=[secret.pk]),
        ]
    }
    assert set(statuses.values()) == {404}
    assert set(posts.values()) == {404}


def test_leader_of_another_district_gets_404(secret, client_for):
    client = client_for("leader_b")
    petition_pages = [url for url in _urls(secret) if not url.startswith("/admin/")]
    assert {client.get(url).status_code for url in petition_pages} == {404}


def test_department_reaches_its_own_petition(secret, client_for):
    client = client_for("rep_x")
    pages = [
        reverse("petitions:detail", args=[secret.pk]),
        reverse("admin:petitions_petition_change", args=[secret.pk]),
    ]
    assert [client.get(url).status_code for url in pages] == [200, 200]


def test_anonymous_petitioner_appears_on_no_page_a_department_sees(secret, client_for):
    client = client_for("rep_x")
    pages = [
        reverse("home"),
        reverse("petitions:list"),
        reverse("petitions:list") + "?q=bi+mat",
        reverse("petitions:detail", args=[secret.pk]),
        reverse("admin:petitions_petition_changelist"),
        reverse("admin:petitions_petition_changelist") + "?q=Bí+Mật",
        reverse("admin:petitions_petition_change", args=[secret.pk]),
        reverse("admin:petitions_petition_history", args=[secret.pk]),
    ]
    leaks = {}
    for url in pages:
        response = client.get(url)
        text = response.content.decode()
        leaks[url] = (response.status_code, SECRET_NAME in text or SECRET_PHONE in text or "0999888777" in text)
    assert leaks == dict.fromkeys(pages, (200, False))
    assert client.get(reverse("admin:petitions_petition_changelist") + "?q=bi+mat").context["cl"].result_count == 0


def test_staff_and_the_submitting_branch_see_the_anonymous_petitioner(secret, client_for):
    url = reverse("petitions:detail", args=[secret.pk])
    assert [SECRET_NAME in client_for(who).get(url).content.decode() for who in ("staff", "leader_a")] == [True, True]


@pytest.mark.parametrize("rows", [1, 20])
def test_list_has_a_constant_query_count(
    make_petition, users, departments, client_for, django_assert_max_num_queries, rows
):
    due = timezone.localdate() + timedelta(days=5)
    for n in range(rows):
        petition = make_petition(title=f"Kiến nghị số {n}")
        services.assign_petition(petition=petition, actor=users["staff"], routes=[(departments["x"], due)])
    client = client_for("leader_a")
    client.get(reverse("petitions:list"))  # warm the session and the content types
    # session, user, roles, former units merged into the leader's (history), matching ids, page,
    # assignments, four filter choice lists, bulk form; the count is the warm-up's, as the data has not changed.
    # With Redis the session (and a user unchanged for half a minute) come from the cache: fewer.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("petitions:list"))
    assert len(response.context["rows"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_triage_has_a_constant_query_count(make_petition, client_for, django_assert_max_num_queries, rows):
    for n in range(rows):
        make_petition(title=f"Kiến nghị số {n}")
    client = client_for("staff")
    client.get(reverse("petitions:triage"))
    with django_assert_max_num_queries(6):
        response = client.get(reverse("petitions:triage"))
    assert len(response.context["rows"]) == rows


def test_list_search_is_accent_insensitive(make_petition, client_for):
    make_petition(title="Hỗ trợ vay vốn ở Đakrông")
    make_petition(title="Nhà vệ sinh")
    response = client_for("leader_a").get(reverse("petitions:list"), {"q": "VAY VON dakrong"})
    assert [row[0].title for row in response.context["rows"]] == ["Hỗ trợ vay vốn ở Đakrông"]


def test_list_filters_by_overdue(assigned, make_petition, client_for):
    make_petition(title="Chưa chuyển")
    for assignment in assigned.assignments.all():
        assignment.due_date = timezone.localdate() - timedelta(days=1)
        assignment.save()
    response = client_for("staff").get(reverse("petitions:list"), {"overdue": "on"})
    assert [row[0].pk for row in response.context["rows"]] == [assigned.pk]


def test_list_filtered_by_status_shows_that_status_alone_newest_first(make_petition, users, client_for):
    made = [make_petition(title=f"Kiến nghị {n}") for n in range(4)]
    for petition in made[:3]:
        services.transition(petition=petition, to_status="received", actor=users["staff"])
    # An older received petition made newer by nothing: creation order is what counts.
    Petition.objects.filter(pk=made[0].pk).update(created_at=timezone.now() - timedelta(days=400))
    response = client_for("staff").get(reverse("petitions:list"), {"status": "received"})
    assert [row[0].title for row in response.context["rows"]] == ["Kiến nghị 2", "Kiến nghị 1", "Kiến nghị 0"]
    response = client_for("staff").get(reverse("petitions:list"), {"status": "submitted"})
    assert [row[0].title for row in response.context["rows"]] == ["Kiến nghị 3"]


def test_list_with_a_forged_department_id_says_so_and_shows_all(make_petition, client_for):
    make_petition()
    response = client_for("staff").get(reverse("petitions:list"), {"department": "999999"})
    assert response.status_code == 200
    assert "Một số bộ lọc không hợp lệ" in response.content.decode()


def _form(**extra):
    return {"kind": "recommendation", "title": "Vay vốn", "content": "Nội dung", "supporters_count": 1, **extra}


def test_submit_form_creates_a_petition(client_for, units):
    response = client_for("leader_a").post(
        reverse("petitions:create"), _form(unit=units["a1"].pk, attachment=SimpleUploadedFile("a.png", PNG))
    )
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert (petition.status, petition.attachments.count(), petition.unit) == ("submitted", 1, units["a1"])


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "Trường này là bắt buộc."), ("x" * 1_000_000, "Giá trị này chỉ có tối đa 10000 kí tự (hiện có 1000000)")],
)
def test_submit_form_refuses_empty_or_huge_content(client_for, units, content, message):
    response = client_for("leader_a").post(reverse("petitions:create"), _form(unit=units["a1"].pk, content=content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Petition.objects.count() == 0


def test_submit_form_refuses_a_unit_outside_the_leaders_subtree(client_for, units):
    response = client_for("leader_a").post(reverse("petitions:create"), _form(unit=units["b1"].pk))
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert Petition.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", EXE, "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx), JPG và PNG"),
        ("bien-ban.docx", fake_docx_zip(), "Tệp bị hỏng, không mở được."),
        ("trong.pdf", b"", "Tập tin được gửi là rỗng."),
    ],
)
def test_submit_form_refuses_a_bad_attachment_and_saves_nothing(client_for, units, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client_for("leader_a").post(reverse("petitions:create"), _form(unit=units["a1"].pk, attachment=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Petition.objects.count(), Attachment.objects.count()) == (0, 0)


def test_submit_form_refuses_a_50_mb_upload(client_for, units):
    """Refused before the body is read (tests/test_uploads.py), with a page saying why."""
    upload = SimpleUploadedFile("lon.pdf", PDF + b"0" * (50 * 1024 * 1024))
    response = client_for("leader_a").post(reverse("petitions:create"), _form(unit=units["a1"].pk, attachment=upload))
    assert response.status_code == 413
    assert "chỉ được tối đa 10,0\xa0MB" in response.content.decode()
    assert Petition.objects.count() == 0


def test_a_real_word_file_is_accepted(make_petition, users, client_for):
    petition = make_petition()
    response = client_for("leader_a").post(
        reverse("petitions:attach", args=[petition.pk]), {"file": SimpleUploadedFile("bb.docx", docx_bytes())}
    )
    assert response.status_code == 302
    assert petition.attachments.get().content_type.endswith("wordprocessingml.document")


def test_download_serves_the_file_to_those_who_may_see_it(secret, client_for):
    attachment = secret.attachments.get()
    url = reverse("petitions:download", args=[attachment.pk])
    response = client_for("rep_x").get(url)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)
    assert client_for("anonymous").get(url).status_code == 302


def test_assign_form_with_a_forged_department_id_shows_an_error(make_petition, client_for):
    petition = make_petition()
    response = client_for("staff").post(
        reverse("petitions:assign", args=[petition.pk]), {"departments": ["999999"], "version": petition.version}
    )
    petition.refresh_from_db()
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert (petition.status, petition.assignments.count()) == ("submitted", 0)


def test_assign_form_sends_to_several_departments_with_default_due_dates(make_petition, client_for, departments):
    petition = make_petition()
    data = {"departments": [departments["x"].pk, departments["y"].pk], "version": petition.version, "note": ""}
    response = client_for("staff").post(reverse("petitions:assign", args=[petition.pk]), data)
    petition.refresh_from_db()
    assert response.status_code == 302
    assert (petition.status, petition.assignments.count()) == ("assigned", 2)


def test_stale_edit_form_is_refused_showing_what_changed(make_petition, users, client_for):
    petition = make_petition()
    stale_version = petition.version
    services.update_petition(
        petition=petition, actor=users["staff"], expected_version=stale_version, title="Tiêu đề của cán bộ"
    )
    response = client_for("leader_a").post(
        reverse("petitions:edit", args=[petition.pk]), _form(title="Tiêu đề của chi hội", version=stale_version)
    )
    petition.refresh_from_db()
    assert response.status_code == 409
    assert "Tiêu đề của cán bộ" in response.content.decode()
    assert petition.title == "Tiêu đề của cán bộ"


def test_status_form_rejects_with_reason(make_petition, client_for):
    petition = make_petition()
    response = client_for("staff").post(
        reverse("petitions:status", args=[petition.pk]),
        {"to_status": "rejected", "note": "Trùng lặp", "version": petition.version},
    )
    petition.refresh_from_db()
    assert (response.status_code, petition.status) == (302, "rejected")


def test_status_form_without_reason_explains_in_vietnamese(make_petition, client_for):
    petition = make_petition()
    response = client_for("staff").post(
        reverse("petitions:status", args=[petition.pk]),
        {"to_status": "rejected", "note": "", "version": petition.version},
        follow=True,
    )
    petition.refresh_from_db()
    assert petition.status == "submitted"
    assert "Hãy nêu lý do từ chối kiến nghị." in response.content.decode()


def test_merge_page_merges_into_the_kept_code(make_petition, client_for):
    keep, duplicate = make_petition(), make_petition()
    response = client_for("staff").post(
        reverse("petitions:merge", args=[duplicate.pk]), {"keep_code": keep.code.lower()}
    )
    duplicate.refresh_from_db()
    assert response.status_code == 302
    assert duplicate.merged_into == keep


def test_bulk_receive_is_all_or_nothing(make_petition, users, client_for):
    first, second = make_petition(), make_petition()
    services.transition(petition=second, to_status="rejected", actor=users["staff"], note="Trùng")
    response = client_for("staff").post(
        reverse("petitions:bulk"), {"action": "receive", "petitions": [first.pk, second.pk]}, follow=True
    )
    first.refresh_from_db()
    assert first.status == "submitted"
    assert "Không có gì thay đổi" in response.content.decode()


def test_home_cards_per_role(assigned, client_for):
    assigned.assignments.update(due_date=timezone.localdate() - timedelta(days=1))
    staff = {c["title"]: c["value"] for c in client_for("staff").get(reverse("home")).context["cards"]}
    rep = {c["title"]: c["value"] for c in client_for("rep_x").get(reverse("home")).context["cards"]}
    leader = {c["title"]: c["value"] for c in client_for("leader_a").get(reverse("home")).context["cards"]}
    assert (staff["Kiến nghị quá hạn"], staff["Kiến nghị cần phân loại"]) == (1, 0)
    assert rep["Kiến nghị chờ đơn vị trả lời"] == 1
    assert leader["Kiến nghị của đơn vị đang chờ"] == 1


def test_list_menus_follow_new_units_and_each_users_scope(make_petition, units, client_for):
    """The menus' options are kept between requests: a new unit shows at once, another scope's units never."""
    from dialogue_portal.directory.models import UnitLevel
    from dialogue_portal.directory.services import ensure_unit

    make_petition()
    staff, leader = client_for("staff"), client_for("leader_a")
    assert "Chi hội thôn Mới" not in staff.get(reverse("petitions:list")).content.decode()

    ensure_unit(code="a1y", name="Chi hội thôn Mới", level=UnitLevel.BRANCH, parent=units["a1"])

    assert "Chi hội thôn Mới" in staff.get(reverse("petitions:list")).content.decode()
    leaders_menu = leader.get(reverse("petitions:list")).content.decode()
    assert "Chi hội thôn Mới" in leaders_menu and "Tà Rụt" not in leaders_menu
