"""Journey 6: a visitor with no account reads the public outcomes page."""

from petitions.models import Petition


def test_visitor_without_account_reads_public_outcomes(demo, phone_page, screenshots):
    page = phone_page
    shot = screenshots("06-public-outcomes")
    published = Petition.objects.filter(is_published=True).first()

    page.goto("/accounts/login/")
    shot(page, "login-page")
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("link", name="Kết quả đối thoại").click()
    page.wait_for_url("**/public/")
    shot(page, "public-outcomes")

    assert page.get_by_role("heading", level=1).inner_text() == "Kết quả đối thoại"
    assert page.get_by_text(published.code).is_visible()
    assert page.get_by_text(published.petitioner_name).count() == 0
    assert page.get_by_text("Sở Lao động – Thương binh và Xã hội").first.is_visible()

    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    shot(page, "public-outcomes-english")

    assert page.get_by_role("heading", level=1).inner_text() == "Dialogue outcomes"
