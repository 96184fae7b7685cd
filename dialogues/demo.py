"""Demo sessions for `manage.py seed_demo`: the province dialogue of November 2024 and a few others."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from dialogue_portal.directory.models import Department, OrgUnit, ParticipantGroup, TopicCategory

from . import services
from .models import DialogueSession, InvitationState, SessionStatus

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# The nine departments invited in November 2024 (the article's names, kept as history after 2025).
ARTICLE_DEPARTMENTS = ["ldtbxh", "noi-vu", "nn-ptnt", "cong-thuong", "gd-dt", "y-te", "bhxh", "ban-dan-toc", "cong-an"]
PROVINCE_TITLE = (
    "Đối thoại chính sách cấp tỉnh: vai trò của phụ nữ và sự tham gia của các ngành trong thúc đẩy bình đẳng giới"
)

PROVINCE_AGENDA = [
    (
        "Đánh giá vai trò và sự tham gia của các cấp hội phụ nữ trong thực hiện bình đẳng giới trên địa bàn tỉnh",
        None,
        30,
    ),
    ("Chính sách đào tạo nghề, lao động việc làm, xuất khẩu lao động", "ldtbxh", 30),
    ("Chính sách vay vốn khởi nghiệp", "ldtbxh", 20),
    (
        "Những điểm mới của Luật Bảo hiểm xã hội sửa đổi liên quan đến phụ nữ và trẻ em",
        "bhxh",
        30,
    ),
    ("Giải đáp ý kiến, kiến nghị của cán bộ, hội viên phụ nữ", None, 60),
]

PROVINCE_ATTENDANCE = {
    "lanh-dao-huyen": (10, 10),
    "phu-nu-luc-luong-vu-trang": (4, 3),
    "chu-tich-hoi-xa": (30, 28),
    "chi-hoi-truong": (25, 22),
    "phu-nu-nong-thon": (20, 19),
    "phu-nu-dan-toc-thieu-so": (15, 15),
    "phu-nu-khuyet-tat": (5, 4),
    "nu-doanh-nhan": (6, 6),
}

PROVINCE_MINUTES = (
    "Hội nghị đối thoại chính sách cấp tỉnh do Ban Thường vụ Hội LHPN tỉnh tổ chức theo kế hoạch thực hiện Dự án 8.\n"
    "Lãnh đạo các sở, ban, ngành đã giới thiệu chính sách về đào tạo nghề, lao động việc làm, xuất khẩu lao động, "
    "vay vốn khởi nghiệp và những điểm mới của Luật Bảo hiểm xã hội sửa đổi.\n"
    "Cán bộ, hội viên phụ nữ nêu kiến nghị về tiêu thụ sản phẩm nông nghiệp, sản phẩm OCOP, phòng chống "
    "bạo lực gia đình, vệ sinh môi trường, an toàn thực phẩm, phòng ngừa tín dụng đen.\n"
    "Các ngành giải đáp trực tiếp; những kiến nghị chưa giải đáp được tiếp thu, ghi nhận để đề xuất cơ quan có "
    "thẩm quyền. Hội LHPN tỉnh tổng hợp gửi Tỉnh ủy, UBND tỉnh."
)

# (text, addressed to, department code, follow-up, published)
PROVINCE_RECOMMENDATIONS = [
    (
        "Đề nghị Tỉnh ủy chỉ đạo lồng ghép mục tiêu bình đẳng giới trong các chương trình phát triển kinh tế - xã hội.",
        "tinh_uy",
        "",
        "waiting",
        False,
    ),
    (
        "Đề nghị UBND tỉnh bố trí thêm nguồn vốn vay ưu đãi cho phụ nữ khởi nghiệp ở vùng đồng bào dân tộc thiểu số.",
        "ubnd_tinh",
        "",
        "in_progress",
        True,
    ),
    (
        "Đề nghị Sở Lao động – Thương binh và Xã hội mở rộng đào tạo nghề gắn với giải quyết việc làm cho lao động nữ.",
        "department",
        "ldtbxh",
        "resolved",
        True,
    ),
]


def _at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def _session(actor, *, title, unit, starts_at, hours, venue, theme, topics, departments):
    existing = DialogueSession.objects.filter(title=title, host_unit=unit).first()
    if existing is not None:
        return existing, False
    data = services.SessionData(
        title=title,
        host_unit=unit,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        venue=venue,
        programme="Dự án 8",
        theme=theme,
        topics=tuple(TopicCategory.objects.filter(code__in=topics)),
        departments=tuple(Department.objects.filter(code__in=departments)),
    )
    return services.create_session(actor=actor, data=data, confirmed=True), True


def _walk(session, actor, *statuses):
    for status in statuses:
        session = services.transition(session=session, to_status=status, actor=actor, notify=False)
    return session


def seed(context: dict) -> list[str]:
    """Create the demo sessions once (matched by title and host unit); returns no login lines."""
    units, users = context["units"], context["users"]
    staff, leader = users["canbo"], users["gio_linh"]
    all_departments = ARTICLE_DEPARTMENTS

    province, made = _session(
        staff,
        title=PROVINCE_TITLE,
        unit=units["qt"],
        starts_at=_at(2024, 11, 21, 8),
        hours=4,
        venue="Hội trường Hội LHPN tỉnh Quảng Trị, Đông Hà",
        theme="Vai trò của phụ nữ và sự tham gia của các ngành trong thúc đẩy bình đẳng giới",
        topics=["dao-tao-nghe", "lao-dong-viec-lam", "xuat-khau-lao-dong", "vay-von-khoi-nghiep", "bhxh-bhyt"],
        departments=all_departments,
    )
    if made:
        for title, dept, minutes in PROVINCE_AGENDA:
            services.add_agenda_item(
                session=province,
                actor=staff,
                title=title,
                presenter_department=Department.objects.filter(code=dept).first(),
                presenter_name="" if dept else "Hội LHPN tỉnh",
                planned_minutes=minutes,
            )
        province.refresh_from_db()
        province = _walk(province, staff, SessionStatus.PLANNED, SessionStatus.INVITATIONS_SENT)
        for invitation in province.invitations.select_related("department"):
            state = InvitationState.DELEGATED if invitation.department.code == "cong-an" else InvitationState.ACCEPTED
            services.reply_to_invitation(
                invitation=invitation,
                actor=staff,
                state=state,
                representative_name="Lãnh đạo " + (invitation.department.short_name or invitation.department.name),
                delegate_name="Đại diện Phòng Cảnh sát hình sự" if state == InvitationState.DELEGATED else "",
            )
        province = _walk(province, staff, SessionStatus.HELD)
        groups = {g.code: g.pk for g in ParticipantGroup.objects.all()}
        services.record_attendance(
            session=province,
            actor=staff,
            departments={inv.pk: True for inv in province.invitations.all()},
            groups={groups[code]: counts for code, counts in PROVINCE_ATTENDANCE.items() if code in groups},
        )
        province.refresh_from_db()
        services.record_minutes(
            session=province,
            actor=staff,
            version=province.version,
            minutes=PROVINCE_MINUTES,
            chair_name="Nguyễn Thị Hoa",
            chair_title="Chủ tịch Hội LHPN tỉnh",
            secretary_name="Lê Thị Mai",
            secretary_title="Chuyên viên Văn phòng Hội LHPN tỉnh",
        )
        services.add_opinion(
            session=province,
            actor=staff,
            speaker="Hội LHPN huyện Đakrông",
            text="Đề nghị mở thêm lớp dạy nghề may cho phụ nữ dân tộc thiểu số tại xã.",
            answer_text="Sở sẽ phối hợp mở lớp trong năm 2025.",
            answered_by=Department.objects.filter(code="ldtbxh").first(),
        )
        for text, to, code, follow_up, published in PROVINCE_RECOMMENDATIONS:
            rec = services.create_recommendation(
                session=province,
                actor=staff,
                text=text,
                addressed_to=to,
                department=Department.objects.filter(code=code).first() if code else None,
            )
            if follow_up != "waiting":
                services.set_follow_up(
                    recommendation=rec, actor=staff, follow_up=follow_up, response_note="Đã đưa vào kế hoạch năm 2025."
                )
            if published:
                services.publish_recommendation(recommendation=rec, actor=staff)

    district, made = _session(
        leader,
        title="Đối thoại chính sách huyện Gio Linh: vay vốn khởi nghiệp và tiêu thụ sản phẩm OCOP",
        unit=units["gio-linh"],
        starts_at=_at(2024, 9, 12, 14),
        hours=3,
        venue="Hội trường UBND huyện Gio Linh",
        theme="Hỗ trợ phụ nữ khởi nghiệp",
        topics=["vay-von-khoi-nghiep", "tieu-thu-san-pham"],
        departments=["ldtbxh", "cong-thuong"],
    )
    if made:
        services.add_agenda_item(
            session=district, actor=leader, title="Chính sách vay vốn khởi nghiệp", planned_minutes=30
        )
        district.refresh_from_db()
        _walk(district, leader, SessionStatus.PLANNED, SessionStatus.INVITATIONS_SENT, SessionStatus.HELD)

    return []


def seed_after_reform(context: dict) -> list[str]:
    """Sessions of today's structure (after the 2025 reform): a commune dialogue and a province one."""
    from dialogue_portal.accounts.models import User

    staff = context["users"]["canbo"]
    leader = User.objects.get(username="dakrong")  # re-bound by the reform to xã Đakrông
    soon = timezone.localtime() + timedelta(days=20)
    upcoming, made = _session(
        leader,
        title="Đối thoại chính sách xã Đakrông: phòng chống bạo lực gia đình",
        unit=OrgUnit.objects.get(code="xa-dakrong"),
        starts_at=soon.replace(hour=8, minute=0, second=0, microsecond=0),
        hours=3,
        venue="Nhà văn hóa xã Đakrông",
        theme="Phòng chống bạo lực gia đình và tệ nạn xã hội",
        topics=["bao-luc-gia-dinh", "te-nan-xa-hoi"],
        departments=["cong-an", "dan-toc-ton-giao"],
    )
    if made:
        services.add_agenda_item(
            session=upcoming, actor=leader, title="Pháp luật phòng chống bạo lực gia đình", planned_minutes=30
        )
        upcoming.refresh_from_db()
        _walk(upcoming, leader, SessionStatus.PLANNED, SessionStatus.INVITATIONS_SENT)

    later = timezone.localtime() + timedelta(days=60)
    _session(
        staff,
        title="Đối thoại chính sách cấp tỉnh: phòng ngừa tín dụng đen",
        unit=OrgUnit.objects.get(code="qt"),
        starts_at=later.replace(hour=8, minute=0, second=0, microsecond=0),
        hours=4,
        venue="Hội trường Hội LHPN tỉnh Quảng Trị, Đồng Hới",
        theme="Phòng ngừa tín dụng đen trong hội viên phụ nữ",
        topics=["tin-dung-den"],
        departments=["cong-an", "noi-vu"],
    )
    return []
