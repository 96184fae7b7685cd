"""Journey 4: a department representative answers, in the admin panel, a petition sent to their department."""

from petitions.models import Answer, Assignment, AssignmentStatus, Petition


def test_department_rep_sees_only_their_petitions_in_the_admin_and_answers_one(demo, desktop_page, screenshots):
    page = desktop_page
    shot = screenshots("04-department-rep-admin")
    # so_ldtbxh was re-bound by the 2025 reform to Sở Nội vụ, which took over its open work.
    mine = set(Petition.objects.filter(assignments__department__code="noi-vu").values_list("code", flat=True))
    others = set(Petition.objects.exclude(code__in=mine).values_list("code", flat=True))
    waiting = (
        Assignment.objects.filter(department__code="noi-vu", status=AssignmentStatus.PENDING)
        .select_related("petition")
        .order_by("pk")
        .first()
    )

    page.goto("/admin/")
    page.get_by_label("Tên đăng nhập").fill("so_ldtbxh")
    page.get_by_label("Mật khẩu").fill("demo-Portal-2024")
    page.get_by_role("button", name="Đăng nhập").click()
    shot(page, "admin-index")
    page.locator(".model-petition").get_by_role("link", name="Ý kiến, kiến nghị").click()
    page.wait_for_url("**/admin/petitions/petition/")
    shot(page, "my-department-petitions")
    listed = set(page.locator("#result_list tbody th a, #result_list tbody td.field-code a").all_inner_texts())
    listed = {text for text in listed if text.startswith("KN-")}
    page.get_by_role("link", name=waiting.petition.code, exact=True).first.click()
    page.get_by_label("Trả lời:", exact=True).fill("Sở đã phối hợp Trường Cao đẳng nghề mở lớp may trong quý I.")
    page.get_by_label("Hình thức trả lời").select_option(label="Trả lời bằng văn bản")
    shot(page, "answer-written")
    page.get_by_role("button", name="Lưu lại").click()
    page.wait_for_load_state()
    shot(page, "answer-saved")

    assert listed == mine
    assert listed.isdisjoint(others)
    answer = Answer.objects.get(assignment=waiting)
    assert (answer.text, answer.method) == ("Sở đã phối hợp Trường Cao đẳng nghề mở lớp may trong quý I.", "in_writing")
