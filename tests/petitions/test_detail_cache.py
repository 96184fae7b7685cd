"""The petition page keeps its parts in the cache: every change shows at once, and nothing one viewer may see
reaches another who may not."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dialogue_portal.directory.models import TopicCategory
from petitions import services
from petitions.models import AnswerMethod, PetitionStatus

from .conftest import PDF, PHONE


def page(client, petition) -> str:
    return client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()


@pytest.mark.django_db
def test_a_status_change_shows_on_a_page_seen_before(sent, users, client_for):
    staff = client_for("staff")
    assert "Hồ sơ đủ, chuyển xử lý" not in page(staff, sent)
    services.transition(
        petition=sent, to_status=PetitionStatus.RESOLVED, actor=users["staff"], note="Hồ sơ đủ, chuyển xử lý"
    )
    assert "Hồ sơ đủ, chuyển xử lý" in page(staff, sent)


@pytest.mark.django_db
def test_a_new_answer_and_its_correction_show_on_a_page_seen_before(sent, users, client_for):
    staff = client_for("staff")
    assert "Đã bố trí vốn vay." not in page(staff, sent)
    assignment = sent.assignments.get()
    services.answer_assignment(
        assignment=assignment, actor=users["rep_x"], text="Đã bố trí vốn vay.", method=AnswerMethod.IN_WRITING
    )
    assert "Đã bố trí vốn vay." in page(staff, sent)
    assignment.refresh_from_db()
    services.answer_assignment(
        assignment=assignment, actor=users["rep_x"], text="Đã bố trí 50 triệu.", method=AnswerMethod.IN_WRITING
    )
    shown = page(staff, sent)
    assert "Đã bố trí 50 triệu." in shown and "Đã bố trí vốn vay." not in shown


@pytest.mark.django_db
def test_a_new_file_shows_on_a_page_seen_before(sent, users, client_for):
    staff = client_for("staff")
    assert "bien-ban.pdf" not in page(staff, sent)
    services.add_attachment(petition=sent, upload=SimpleUploadedFile("bien-ban.pdf", PDF), actor=users["staff"])
    assert "bien-ban.pdf" in page(staff, sent)


@pytest.mark.django_db
def test_an_edit_of_the_topics_shows_on_a_page_seen_before(sent, users, client_for):
    topic = TopicCategory.objects.create(name="Vay vốn ưu đãi", code="vay-von")
    staff = client_for("staff")
    assert "Vay vốn ưu đãi" not in page(staff, sent)
    services.update_petition(petition=sent, actor=users["staff"], expected_version=sent.version, topics=[topic])
    assert "Vay vốn ưu đãi" in page(staff, sent)
    topic.name = "Tín dụng chính sách"
    topic.save()
    assert "Tín dụng chính sách" in page(staff, sent)


@pytest.mark.django_db
def test_a_merge_shows_the_duplicate_and_its_files_on_the_kept_page(sent, make_petition, users, client_for):
    duplicate = make_petition(title="Vay vốn cho chị em")
    in_timeline = f" · {duplicate.code}</div>"  # its steps, under its code
    services.add_attachment(petition=duplicate, upload=SimpleUploadedFile("danh-sach.pdf", PDF), actor=users["staff"])
    staff = client_for("staff")
    before = page(staff, sent)
    assert in_timeline not in before and "danh-sach.pdf" not in before
    assert "danh-sach.pdf" in page(staff, duplicate)
    services.merge_petitions(duplicate=duplicate, keep=sent, actor=users["staff"])
    after = page(staff, sent)
    assert in_timeline in after and "danh-sach.pdf" in after
    assert "danh-sach.pdf" not in page(staff, duplicate)


@pytest.mark.django_db
def test_renamed_people_and_departments_show_on_a_page_seen_before(sent, users, departments, client_for):
    leader = client_for("leader_a")  # not the renamed user: the layout prints the viewer's own name
    assert "Staff" in page(leader, sent)  # who sent it on, in the timeline
    users["staff"].full_name = "Trần Văn Bình"
    users["staff"].save()
    department = departments["x"]
    department.name = "Sở Nội vụ tỉnh"
    department.save()
    shown = page(leader, sent)
    assert "Trần Văn Bình" in shown and "Sở Nội vụ tỉnh" in shown


@pytest.mark.django_db
def test_a_representative_after_staff_sees_neither_the_phone_nor_staff_buttons(sent, client_for):
    staff_page = page(client_for("staff"), sent)
    assert PHONE in staff_page and "Nguyễn Thị Lan" in staff_page
    answer_url = reverse("petitions:answer", args=[sent.pk, sent.assignments.get().pk])
    assert answer_url in staff_page  # staff may answer for any department

    rep_page = page(client_for("rep_x"), sent)
    assert PHONE not in rep_page and "Nguyễn Thị Lan" not in rep_page
    assert answer_url in rep_page  # its own department's assignment
    assert reverse("petitions:merge", args=[sent.pk]) not in rep_page
    assert reverse("petitions:assign", args=[sent.pk]) not in rep_page

    # …and the other department's representative, who has no part in it, is still refused.
    assert client_for("rep_y").get(reverse("petitions:detail", args=[sent.pk])).status_code == 404
    # Staff after the representative: the phone again.
    assert PHONE in page(client_for("staff"), sent)


@pytest.mark.django_db
def test_a_page_from_the_cache_is_the_page_worked_out_afresh(sent, users, client_for):
    services.answer_assignment(
        assignment=sent.assignments.get(), actor=users["rep_x"], text="Đã trả lời.", method=AnswerMethod.IN_WRITING
    )
    staff = client_for("staff")
    first, second = page(staff, sent), page(staff, sent)  # worked out, then from the cache

    def without_tokens(html):  # the CSRF tokens and the script nonce differ on every response
        return re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", html)

    assert without_tokens(first) == without_tokens(second)
