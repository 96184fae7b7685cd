"""The minutes (biên bản) as the chair and the secretary sign them, and the recommendations in the summary and the
period report: .docx opened in LibreOffice, PDF from WeasyPrint, both read back with pdftotext."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.directory.models import ParticipantGroup
from dialogues.models import (
    AgendaItem,
    Invitation,
    ParticipantAttendance,
    Recommendation,
    SessionOpinion,
)
from reports.exporters import PeriodReportExporter, SessionMinutesExporter, SessionSummaryExporter
from reports.scope import scope_of

from .test_documents_libreoffice import (
    ARTIFACTS,
    MOTTO,
    libreoffice_pdf,
    normalised,
    pdf_pages,
    save_first_page_png,
)

pytestmark = pytest.mark.libreoffice


@pytest.fixture
def recorded(session_held, departments):
    """A held session with its chair, secretary, programme, attendance, an oral opinion and two recommendations."""
    session = session_held
    session.chair_name, session.chair_title = "Nguyễn Thị Hương", "Chủ tịch Hội LHPN tỉnh"
    session.secretary_name, session.secretary_title = "Lê Thị Mai", "Chuyên viên Ban Tổ chức"
    session.save()
    for position, title in enumerate(["Khai mạc", "Đối thoại về vay vốn", "Tổng kết"], start=1):
        AgendaItem.objects.create(session=session, position=position, title=title)
    Invitation.objects.get_or_create(session=session, department=departments["x"], defaults={"attended": True})
    groups = list(ParticipantGroup.objects.order_by("sort_order")[:2])
    for group, (expected, actual) in zip(groups, [(40, 38), (25, 21)], strict=True):
        ParticipantAttendance.objects.update_or_create(
            session=session, group=group, defaults={"expected": expected, "actual": actual}
        )
    SessionOpinion.objects.create(
        session=session,
        position=1,
        speaker="Chi hội thôn Hà Thượng",
        text="Đề nghị mở lớp dạy nghề may cho chị em.",
        answer_text="Sở sẽ mở lớp trong quý tới.",
        answered_by=departments["x"],
    )
    Recommendation.objects.create(
        session=session, text="Tăng vốn vay ưu đãi cho hộ nghèo.", addressed_to="ubnd_tinh", follow_up="in_progress"
    )
    Recommendation.objects.create(
        session=session,
        text="Hỗ trợ tiêu thụ sản phẩm OCOP.",
        addressed_to="department",
        department=departments["x"],
    )
    return session


def _texts(exporter_class, parameters, user, tmp_path, name):
    """(LibreOffice text of the .docx, WeasyPrint text of the PDF), page 1 of each kept as PNG."""
    exporter = exporter_class(parameters=parameters, scope=scope_of(user))
    docx = tmp_path / f"{name}.docx"
    exporter.write("docx", str(docx), lambda done, total: None)
    office = libreoffice_pdf(docx)
    weasy = tmp_path / f"{name}-weasyprint.pdf"
    exporter_class(parameters=parameters, scope=scope_of(user)).write("pdf", str(weasy), lambda done, total: None)
    save_first_page_png(office, f"{name}-libreoffice")
    save_first_page_png(weasy, f"{name}-weasyprint")
    return pdf_pages(office), pdf_pages(weasy)


def test_the_minutes_in_libreoffice_state_the_record(users, recorded, report_settings, tmp_path):
    office_pages, weasy_pages = _texts(
        SessionMinutesExporter, {"session": recorded.pk}, users["staff"], tmp_path, "minutes"
    )
    office, weasy = normalised(office_pages), normalised(weasy_pages)
    opened = timezone.localtime(recorded.starts_at)

    assert any(MOTTO in line for line in office_pages[0].splitlines())
    for text in (office, weasy):
        assert "BIÊN BẢN" in text
        assert "Kính gửi" not in text
        assert f"Hội nghị bắt đầu lúc {opened:%H:%M} ngày {opened:%d/%m/%Y}." in text
        assert "Chủ trì: Nguyễn Thị Hương, Chủ tịch Hội LHPN tỉnh." in text
        assert "Thư ký: Lê Thị Mai, Chuyên viên Ban Tổ chức." in text
        # Attendance: each group, then the totals, which are the sums of the rows.
        assert "Tổng cộng 65 59" in text
        # The programme in order.
        assert text.index("1. Khai mạc") < text.index("2. Đối thoại về vay vốn") < text.index("3. Tổng kết")
        assert "Đề nghị mở lớp dạy nghề may cho chị em." in text
        assert f"Trả lời của {recorded.invitations.first().department.name}: Sở sẽ mở lớp trong quý tới." in text
        assert "Tăng vốn vay ưu đãi cho hộ nghèo." in text
        # Signed by the secretary and the chair.
        assert "THƯ KÝ" in text and "CHỦ TRÌ" in text
        assert "Nơi nhận" not in text
    assert (ARTIFACTS / "minutes-libreoffice.png").exists()


def test_the_summary_lists_the_recommendations_with_their_follow_up(users, recorded, report_settings, tmp_path):
    office_pages, weasy_pages = _texts(
        SessionSummaryExporter, {"session": recorded.pk}, users["staff"], tmp_path, "summary-recommendations"
    )
    for text in (normalised(office_pages), normalised(weasy_pages)):
        assert "Đề xuất, kiến nghị với cấp ủy, chính quyền và các sở, ngành" in text
        assert "Tăng vốn vay ưu đãi cho hộ nghèo." in text
        assert "Hỗ trợ tiêu thụ sản phẩm OCOP." in text


def test_the_period_report_counts_the_recommendations_by_addressee(users, recorded, report_settings, tmp_path):
    year = timezone.localtime(recorded.starts_at).year
    office_pages, _weasy = _texts(
        PeriodReportExporter, {"year": year}, users["staff"], tmp_path, "period-recommendations"
    )
    text = normalised(office_pages)
    assert "Các hội nghị đã nêu 2 đề xuất, kiến nghị" in text


def test_the_hosting_leader_generates_the_minutes_from_the_session_page(client_for, recorded, report_settings):
    page = client_for("staff").get(reverse("dialogues:detail", args=[recorded.pk])).content.decode()
    assert reverse("reports:export", args=["session_minutes"]) in page
    # Before the session is held there is nothing to record.
    recorded.status = "planned"
    recorded.starts_at = timezone.now() + datetime.timedelta(days=3)
    recorded.ends_at = recorded.starts_at + datetime.timedelta(hours=2)
    recorded.save()
    page = client_for("staff").get(reverse("dialogues:detail", args=[recorded.pk])).content.decode()
    assert reverse("reports:export", args=["session_minutes"]) not in page
