"""The portal by keyboard alone: every stop shows where the focus is, and the main actions are reachable."""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    text: (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim(),
    tag: el.tagName.toLowerCase(),
    name: el.getAttribute('name') || '',
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    visible: el.getBoundingClientRect().width > 0,
  };
}"""


def tab_until(page, wanted, limit=25):
    """Press Tab until ``wanted(focused)``; return every stop on the way, for the focus-ring check."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        stops.append(focused)
        if wanted(focused):
            return stops
    raise AssertionError(f"not reached by Tab: {stops}")


def test_keyboard_user_skips_to_content_logs_in_and_reaches_the_outcomes_page(demo, desktop_page, screenshots):
    page = desktop_page
    shot = screenshots("keyboard")
    page.goto("/public/")

    skip = tab_until(page, lambda f: True)
    shot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    in_main = page.evaluate("document.activeElement.id")
    page.goto("/accounts/login/")
    autofocused = page.evaluate(FOCUSED)
    page.keyboard.type("gio_linh")
    stops = tab_until(page, lambda f: f["name"] == "password")
    page.keyboard.type("demo-Portal-2024")
    shot(page, "login-form-by-keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    stops += tab_until(page, lambda f: f["text"] == "Kết quả đối thoại")
    shot(page, "menu-link-focused")
    page.keyboard.press("Enter")
    page.wait_for_url("**/public/")

    assert (skip[0]["text"], skip[0]["ring"], in_main) == ("Chuyển đến nội dung chính", True, "main")
    assert autofocused["name"] == "username"
    assert [s for s in skip + stops if not (s["ring"] and s["visible"])] == []
    assert page.get_by_role("heading", level=1).inner_text() == "Kết quả đối thoại"


def test_keyboard_user_on_a_phone_opens_the_menu_and_switches_language(demo, phone_page):
    page = phone_page
    page.goto("/public/")

    tab_until(page, lambda f: f["text"] == "Mở menu")
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["text"] == "English")
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Dialogue outcomes"
