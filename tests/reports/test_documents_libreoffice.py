"""The summary and the period report as the committees' clerks read them: the .docx opened in LibreOffice,
the PDF from WeasyPrint, both read back with pdftotext and checked against the database.

Page 1 of every rendering is kept as a PNG in test-artifacts/documents/ for people to look at.
"""

import datetime
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation

from dialogue_portal.directory.models import Department, ParticipantGroup, TopicCategory
from dialogues.models import Invitation, ParticipantAttendance
from petitions.models import Answer, AnswerMethod, Assignment, AssignmentStatus, Petition, PetitionStatus
from reports.exporters import PeriodReportExporter, SessionSummaryExporter
from reports.scope import scope_of

from .conftest import assign, make_petition

pytestmark = pytest.mark.libreoffice

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "documents"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
OPEN_STATUSES = (
    PetitionStatus.SUBMITTED,
    PetitionStatus.RECEIVED,
    PetitionStatus.RETURNED,
    PetitionStatus.ASSIGNED,
    PetitionStatus.ANSWERED,
    PetitionStatus.FORWARDED,
)


# --- tools ----------------------------------------------------------------------------------------------


def libreoffice_pdf(docx: Path) -> Path:
    """The .docx converted by LibreOffice headless, with a private profile so parallel runs do not clash."""
    profile = Path("/tmp") / f"lo-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx.parent),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return docx.with_suffix(".pdf")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as laid out (pdftotext -layout)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def content_lines(page: str, number: int) -> list[str]:
    """A page's non-empty lines, without the page number at the top of pages 2 and on."""
    lines = [line for line in page.splitlines() if line.strip()]
    if number > 1 and lines and lines[0].strip() == str(number):
        lines = lines[1:]
    return lines


def save_first_page_png(pdf: Path, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
        timeout=60,
    )
    return stem.with_suffix(".png")


def normalised(pages: list[str]) -> str:
    text = "\n".join("\n".join(content_lines(page, n)) for n, page in enumerate(pages, start=1))
    return " ".join(text.split())


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d[\d.,/:%]*", text))


def words(text: str) -> set[str]:
    """The words, split at hyphens too: the two engines may break a line after a hyphen differently."""
    return {word.strip(".,;:()“”\"'") for word in re.split(r"[\s\-–]+", text)} - {""}


def figure(lines: list[str], label: str) -> int:
    """The number at the end of the table line that starts with ``label``."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s{{2,}}(\d[\d.]*)\s*$")
    found = [int(m.group(1).replace(".", "")) for line in lines if (m := pattern.match(line))]
    assert len(found) == 1, f"{label!r}: {found}"
    return found[0]


def department_figures(lines: list[str], name: str) -> list[int]:
    """(sent, answered, waiting, overdue) from the department's line (its name may wrap under it)."""
    pattern = re.compile(r"^\s*(\S.*?)\s{2,}(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$")
    found = [
        [int(n) for n in m.groups()[1:]]
        for line in lines
        if (m := pattern.match(line)) and name.startswith(m.group(1).strip())
    ]
    assert len(found) == 1, f"{name!r}: {found}"
    return found[0]


def assert_tables_break_cleanly(pages: list[str], header: re.Pattern) -> None:
    """No page starts with a table row; every page listing petitions has the repeated header above them."""
    row = re.compile(r"^\s*\d+\s+KN-\d{4}-\d{5}")
    figure_row = re.compile(r"\S\s{2,}\d[\d.,]*%?\s*$")
    for number, page in enumerate(pages, start=1):
        lines = content_lines(page, number)
        if number == 1 or not lines:
            continue
        first = lines[0]
        assert not row.match(first), f"page {number} starts with a petition row without the header: {first!r}"
        assert not figure_row.search(first), f"page {number} starts with a table row: {first!r}"
        listed = [i for i, line in enumerate(lines) if row.match(line)]
        if listed:
            headers = [i for i, line in enumerate(lines) if header.search(line)]
            assert headers and headers[0] < listed[0], f"page {number} lists petitions without the header"


def assert_rows_whole(pages: list[str], petitions) -> None:
    """A row is never split: a petition's code, its title's token and its content's last word share a page."""
    tokens = [set(re.split(r"[\s()]+", page)) for page in pages]
    for n, petition in enumerate(petitions, start=1):
        with_code = {i for i, page in enumerate(pages) if petition.code in page}
        with_title = {i for i, found in enumerate(tokens) if f"V{n:02d}" in found}
        with_end = {i for i, found in enumerate(tokens) if f"HS{n:02d}" in found}
        assert with_code and with_code == with_title and with_end <= with_code, (petition.code, with_code, with_end)


# --- data -----------------------------------------------------------------------------------------------

LONG = (
    "Đề nghị các sở, ngành xem xét tăng mức cho vay hỗ trợ phụ nữ khởi nghiệp ở vùng đồng bào dân tộc thiểu số, "
    "kéo dài thời hạn vay và đơn giản hóa thủ tục hồ sơ tại Ngân hàng Chính sách xã hội."
)


@pytest.fixture
def big_session(session_held, units, departments, topics):
    """60 petitions: a third never routed, the rest answered in every way, some overdue, some with two topics."""
    x, y = departments["x"], departments["y"]
    Invitation.objects.filter(session=session_held, department=x).update(
        delegate_name="Trần Thị Bình", representative_title="Giám đốc"
    )
    groups = list(ParticipantGroup.objects.order_by("pk")[:2])
    for group, (expected, actual) in zip(groups, [(40, 38), (25, None)], strict=False):
        ParticipantAttendance.objects.create(session=session_held, group=group, expected=expected, actual=actual)
    session_held.theme = "Vai trò của phụ nữ và sự tham gia của các ngành trong thúc đẩy bình đẳng giới"
    session_held.save()
    when = timezone.make_aware(datetime.datetime(2024, 11, 5, 9, 0))
    made = []
    for n in range(60):
        status = [PetitionStatus.SUBMITTED, PetitionStatus.RECEIVED, PetitionStatus.ASSIGNED][n % 3]
        petition = make_petition(
            unit=[units["a1"], units["b1"], units["a"]][n % 3],
            title=f"Kiến nghị V{n + 1:02d} về vay vốn khởi nghiệp",
            content=f"{LONG} (HS{n + 1:02d})",
            topics=[topics[n % 3]] + ([topics[(n + 1) % 3]] if n % 4 == 0 else []),
            status=status,
            session=session_held,
            when=when,
        )
        made.append(petition)
        if status != PetitionStatus.ASSIGNED:
            continue  # never routed
        kind = n % 5
        if kind == 0:
            assign(petition, x, due=datetime.date(2024, 11, 25))  # overdue
        elif kind == 1:
            assign(petition, x, answer="Sở sẽ phối hợp Ngân hàng Chính sách xã hội tỉnh để xem xét.")
            assign(petition, y)
        elif kind == 2:
            assign(
                petition,
                y,
                answer="Chuyển Bộ Lao động.",
                method=AnswerMethod.FORWARDED,
                forwarded_authority="Bộ LĐ-TB&XH",
            )
        elif kind == 3:
            assign(petition, x, answer="Đã trả lời bằng văn bản.", method=AnswerMethod.IN_WRITING)
            Petition.objects.filter(pk=petition.pk).update(status=PetitionStatus.RESOLVED)
        else:
            assign(petition, y, answer="Trả lời tại hội nghị.")
            Petition.objects.filter(pk=petition.pk).update(status=PetitionStatus.ANSWERED)
    return session_held, made


# --- the tests ------------------------------------------------------------------------------------------


def test_session_summary_in_libreoffice_states_true_figures(users, big_session, report_settings, tmp_path):
    session, petitions = big_session
    exporter = SessionSummaryExporter(parameters={"session": session.pk}, scope=scope_of(users["staff"]))
    docx, weasy = tmp_path / "summary.docx", tmp_path / "summary-weasyprint.pdf"

    docx_rows = exporter.write("docx", str(docx), lambda d, t: None)
    pdf_rows = exporter.write("pdf", str(weasy), lambda d, t: None)
    office = libreoffice_pdf(docx)
    save_first_page_png(office, "session-summary-libreoffice")
    save_first_page_png(weasy, "session-summary-weasyprint")

    pages = pdf_pages(office)
    lines = [line for page in pages for line in page.splitlines()]
    text = normalised(pages)
    assert docx_rows == pdf_rows == len(petitions)
    assert any(MOTTO in line for line in lines), "the motto wraps"
    assert "Kính gửi:" in text
    assert "- Lưu: VT, VP." in text
    assert "Tất cả ý kiến, kiến nghị đã được trả lời" not in text
    assert "đối thoại chính sách “Đối thoại chính sách" not in text
    assert "Trần Thị Bình, dự thay Lê Văn Nam" in text and "Bình, Giám đốc" not in text

    # The statistics, each against an independent count (unrouted petitions included).
    listed = Petition.objects.filter(session=session).exclude(status__in=["draft", "merged"])
    routed = listed.filter(pk__in=Assignment.objects.values("petition_id"))
    waiting = Assignment.objects.filter(status=AssignmentStatus.PENDING).values("petition_id")
    still_open = listed.filter(status__in=OPEN_STATUSES)
    assert figure(lines, "Ý kiến, kiến nghị tiếp nhận") == listed.count() == 60
    assert figure(lines, "Đã chuyển ít nhất một sở, ngành") == routed.count()
    assert figure(lines, "Chưa chuyển sở, ngành nào") == listed.exclude(pk__in=routed.values("pk")).count() == 40
    assert figure(lines, "Đã được tất cả các sở, ngành được chuyển đến trả lời") == (
        routed.exclude(pk__in=waiting).count()
    )
    assert figure(lines, "Chưa giải quyết xong") == still_open.count() == 56
    assert figure(lines, "Đã giải quyết, kết thúc hoặc không tiếp nhận") == listed.count() - still_open.count()
    today = timezone.localdate()
    for department in Department.objects.filter(assignments__petition__session=session).distinct():
        sent = Assignment.objects.filter(department=department, petition__session=session)
        assert department_figures(lines, department.name) == [
            sent.count(),
            sent.exclude(status=AssignmentStatus.PENDING).count(),
            sent.filter(status=AssignmentStatus.PENDING).count(),
            sent.filter(status=AssignmentStatus.PENDING, due_date__lt=today).count(),
        ]
    answers = Answer.objects.filter(assignment__petition__session=session)
    assert figure(lines, "Trả lời trực tiếp tại hội nghị") == answers.filter(method=AnswerMethod.AT_DIALOGUE).count()
    assert figure(lines, "Trả lời bằng văn bản") == answers.filter(method=AnswerMethod.IN_WRITING).count()
    # Topics per petition-topic pair: a petition's second topic counts too.
    for topic in TopicCategory.objects.filter(petition__session=session).distinct():
        assert f"{topic.name} ({listed.filter(topics=topic).count()})" in text

    # The PDF says what the .docx says.
    weasy_pages = pdf_pages(weasy)
    weasy_text = normalised(weasy_pages)
    assert any(MOTTO in line for page in weasy_pages for line in page.splitlines())
    assert numbers(weasy_text) == numbers(text)
    assert words(weasy_text) == words(text)
    for sentence in (
        "Theo lĩnh vực (ý kiến, kiến nghị liên quan nhiều lĩnh vực được tính ở mỗi lĩnh vực)",
        f"Được mời nhưng vắng mặt: {session.invitations.get(attended=False).department.name}.",
        "Tổng số hội viên, phụ nữ tham dự: 38 người.",
        "Hội nghị đã tiếp nhận 60 ý kiến, kiến nghị.",
        "Còn 56 ý kiến, kiến nghị chưa được giải quyết xong (trong đó 40 ý kiến, kiến nghị chưa chuyển sở, ngành nào):",
    ):
        assert sentence in text and sentence in weasy_text, sentence

    # 60 petitions over several pages: headers repeated, no row split.
    assert len(pages) > 3 and len(weasy_pages) > 3
    header = re.compile(r"^\s*TT\s+Mã\s")
    for rendering in (pages, weasy_pages):
        assert_tables_break_cleanly(rendering, header)
        assert_rows_whole(rendering, petitions)


def test_period_report_in_libreoffice_and_weasyprint_say_the_same(users, big_session, departments, tmp_path):
    import time_machine

    session, petitions = big_session
    with time_machine.travel(datetime.datetime(2025, 1, 10, 9, 0, tzinfo=datetime.UTC)):
        exporter = PeriodReportExporter(parameters={"year": 2024, "quarter": 4}, scope=scope_of(users["staff"]))
        docx, weasy = tmp_path / "period.docx", tmp_path / "period-weasyprint.pdf"
        docx_rows = exporter.write("docx", str(docx), lambda d, t: None)
        pdf_rows = exporter.write("pdf", str(weasy), lambda d, t: None)
    office = libreoffice_pdf(docx)
    save_first_page_png(office, "period-report-libreoffice")
    save_first_page_png(weasy, "period-report-weasyprint")

    pages, weasy_pages = pdf_pages(office), pdf_pages(weasy)
    text, weasy_text = normalised(pages), normalised(weasy_pages)
    lines = [line for page in pages for line in page.splitlines()]
    # One meaning of "rows" in every format: the petitions the report covers.
    assert docx_rows == pdf_rows == len(petitions)
    assert any(MOTTO in line for line in lines)
    assert "Kính gửi:" in text
    assert "Hội LHPN tỉnh Quảng Trị" in text and "Hội Lhpn" not in text + weasy_text
    # Vietnamese decimal comma everywhere, never "87.5%" or "0.0".
    x_sent = Assignment.objects.filter(department=departments["x"]).count()
    x_answered = Assignment.objects.filter(department=departments["x"]).exclude(status="pending").count()
    rate = f"{100 * x_answered / x_sent:.1f}".replace(".", ",") + "%"
    assert rate in text and rate in weasy_text
    for rendering in (text, weasy_text):
        assert not re.search(r"\d\.\d%|\b0\.0\b", rendering)
    for status in (PetitionStatus.SUBMITTED, PetitionStatus.RECEIVED, PetitionStatus.ASSIGNED):
        with translation.override("vi"):
            label = str(PetitionStatus(status).label)
        assert figure(lines, label) == Petition.objects.filter(status=status).count()
    assert numbers(weasy_text) == numbers(text)
    assert words(weasy_text) == words(text)
    header = re.compile(r"^\s*TT\s+Mã\s")
    for rendering in (pages, weasy_pages):
        assert_tables_break_cleanly(rendering, header)
