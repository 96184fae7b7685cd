"""Journey 9: a branch leader in a commune without signal. The form opens from the service worker, two petitions
(one with a file) wait on the phone, and go out once when the signal returns; an expired login asks to log in
and then sends; what is typed survives a reload."""

import gzip
import time
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.test import Client

from dialogue_portal.accounts.demo import DEMO_PASSWORD
from petitions.models import Petition

from .conftest import log_in
from .test_pages import serious_violations

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore

FORM = "/petitions/new/"
TITLES = ["Mở lớp dạy nghề may ở thôn Hà Thượng", "Sửa đường vào điểm trường Tà Rụt"]


def poll(page, function, timeout=15):
    """page.wait_for_function evaluates strings, which the site's CSP forbids; page.evaluate does not."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(function):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {function}")
        page.wait_for_timeout(100)


def wait_until_offline_ready(page):
    """The worker controls the page and has kept the form (it fills its cache on install)."""
    poll(page, "() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)")
    poll(
        page,
        """async () => {
            for (const key of await caches.keys()) {
                if (await (await caches.open(key)).match('/petitions/new/', {ignoreVary: true})) return true;
            }
            return false;
        }""",
    )


def wait_for_sent(page):
    """The queue drains on the "online" event, retrying after 5 s when the first try finds no network yet."""
    page.get_by_text("Đã gửi:").wait_for(timeout=30_000)


def fill(page, title, content):
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Nội dung").fill(content)


def queued_count(page):
    return page.locator("[data-queue-count]")


def test_petitions_typed_without_signal_wait_on_the_phone_and_are_sent_once(demo, phone_page, screenshots, tmp_path):
    page, context = phone_page, phone_page.context
    shot = screenshots("09-offline-petitions")
    scan = tmp_path / "bien-ban-thon-ha-thuong.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    sends = []
    # On the context: the worker's requests too (Background Sync may send the queue before the page does).
    context.on("request", lambda r: r.method == "POST" and r.headers.get("x-petition-queue") == "1" and sends.append(r))

    log_in(page, "gio_linh")
    page.goto(FORM)
    wait_until_offline_ready(page)
    context.set_offline(True)
    reloaded = page.reload()
    from_worker = reloaded.from_service_worker
    shot(page, "offline-form")
    fill(page, TITLES[0], "Chị em đề nghị mở lớp may công nghiệp trong năm tới.")
    page.get_by_label("Tệp đính kèm").set_input_files(scan)
    page.get_by_role("button", name="Gửi kiến nghị").click()
    page.get_by_text("1 ý kiến chờ gửi").wait_for()
    fill(page, TITLES[1], "Đường đất trơn trượt mỗi mùa mưa, học sinh đi lại khó khăn.")
    page.get_by_role("button", name="Gửi kiến nghị").click()
    page.get_by_text("2 ý kiến chờ gửi").wait_for()
    form_emptied = page.get_by_label("Tiêu đề").input_value() == ""
    shot(page, "two-queued-on-the-form")
    page.goto("/petitions/")  # her list opens offline too, with the same queue
    page.get_by_text("2 ý kiến chờ gửi").wait_for()
    list_queue = queued_count(page).inner_text()
    shot(page, "two-queued-on-the-list")
    nothing_sent_offline = Petition.objects.filter(title__in=TITLES).count()

    context.set_offline(False)
    page.locator("#petition-queue").wait_for(state="hidden", timeout=30_000)
    wait_for_sent(page)
    queue_hidden = page.locator("#petition-queue").is_hidden()
    shot(page, "queue-sent")
    sent = {p.title: p for p in Petition.objects.filter(title__in=TITLES)}
    replay = context.request.fetch(sends[0])

    assert from_worker
    assert form_emptied
    assert list_queue == "2 ý kiến chờ gửi"
    assert nothing_sent_offline == 0
    assert queue_hidden
    assert sorted(sent) == sorted(TITLES) and len(sent) == 2
    assert sent[TITLES[0]].attachments.get().original_name == "bien-ban-thon-ha-thuong.pdf"
    assert sent[TITLES[1]].attachments.count() == 0
    assert all(p.client_key is not None for p in sent.values())
    assert (replay.status, replay.json()["replayed"]) == (200, True)
    assert replay.json()["code"] in {p.code for p in sent.values()}
    assert Petition.objects.filter(title__in=TITLES).count() == 2


def test_an_expired_login_asks_to_log_in_and_then_sends(demo, phone_page, screenshots):
    page, context = phone_page, phone_page.context
    shot = screenshots("10-offline-expired-login")
    title = "Hỗ trợ vay vốn nuôi bò cho chị em Đakrông"

    log_in(page, "gio_linh")
    page.goto(FORM)
    wait_until_offline_ready(page)
    context.set_offline(True)
    page.reload()
    fill(page, title, "Đề nghị ưu tiên vốn vay cho hộ phụ nữ nghèo.")
    page.get_by_role("button", name="Gửi kiến nghị").click()
    page.get_by_text("1 ý kiến chờ gửi").wait_for()
    for key in Session.objects.values_list("session_key", flat=True):  # the login ends while out of signal:
        SessionStore(session_key=key).delete()  # from the database and from the cache in front of it
    context.set_offline(False)
    page.get_by_role("link", name="Đăng nhập lại").wait_for()
    shot(page, "asked-to-log-in")
    still_waiting = Petition.objects.filter(title=title).count()
    page.get_by_role("link", name="Đăng nhập lại").click()
    page.get_by_label("Tên đăng nhập").fill("gio_linh")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"**{FORM}")
    wait_for_sent(page)
    shot(page, "sent-after-login")

    assert still_waiting == 0
    assert Petition.objects.filter(title=title).count() == 1


def test_nothing_typed_is_lost_on_a_reload_and_a_refused_file_never_uploads(demo, phone_page, tmp_path):
    page = phone_page
    big = tmp_path / "anh-chup-20mb.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024))
    uploads = []

    log_in(page, "gio_linh")
    page.on("request", lambda r: r.method == "POST" and uploads.append(r.url))
    page.goto(FORM)
    fill(page, "Nước sạch cho thôn Ba Lòng", "Giếng khoan bị nhiễm phèn.")
    page.reload()
    restored = (page.get_by_label("Tiêu đề").input_value(), page.get_by_label("Nội dung").input_value())
    page.get_by_label("Tệp đính kèm").set_input_files(big)
    refusal = page.get_by_role("alert").filter(has_text="lớn hơn 10 MB")
    refusal.wait_for()
    kept_files = page.get_by_label("Tệp đính kèm").evaluate("input => input.files.length")

    assert restored == ("Nước sạch cho thôn Ba Lòng", "Giếng khoan bị nhiễm phèn.")
    assert kept_files == 0
    assert uploads == []


def test_a_refused_submit_shows_a_summary_keeps_the_file_and_the_form_passes_axe(
    demo, phone_page, screenshots, tmp_path
):
    page = phone_page
    shot = screenshots("11-petition-errors-phone")
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    log_in(page, "gio_linh")
    page.goto(FORM)
    page.get_by_label("Nội dung").fill("Thiếu tiêu đề.")
    page.get_by_label("Tệp đính kèm").set_input_files(scan)
    page.get_by_role("button", name="Gửi kiến nghị").click()
    page.wait_for_load_state("load")
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    poll(page, "() => document.querySelector('input[type=file]').files.length === 1")
    focused = page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    shot(page, "error-summary")
    problems = serious_violations(page)
    summary.get_by_role("link").first.click()
    jumped_to = page.evaluate("location.hash")
    kept = page.get_by_label("Tệp đính kèm").evaluate("input => input.files[0].name")

    assert focused
    assert "Có lỗi cần sửa" in summary.inner_text()
    assert jumped_to == "#id_title"
    assert kept == "bien-ban.pdf"
    assert problems == []


def test_the_worker_and_manifest_add_at_most_30_kb_compressed(db):
    """What the offline form adds to a phone's download: the worker, the manifest and the two scripts."""
    client = Client()
    parts = [client.get("/sw.js").content, client.get("/manifest.webmanifest").content]
    for name in ("js/offline.js", "js/offline-queue.js", "icons/icon.svg"):
        with open(finders.find(name), "rb") as handle:
            parts.append(handle.read())
    sizes = [len(gzip.compress(part, compresslevel=9)) for part in parts]

    assert sum(sizes) <= 30 * 1024, sizes


def test_logging_out_forgets_the_pages_kept_for_offline_use(demo, phone_page):
    page = phone_page
    log_in(page, "gio_linh")
    page.goto(FORM)
    wait_until_offline_ready(page)
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")
    poll(page, "async () => (await caches.keys()).filter((key) => key.startsWith('portal-offline-')).length === 0")
    page.context.set_offline(True)
    offline_form_shown = True
    try:
        page.goto(FORM)
    except Exception:  # noqa: BLE001 -- Chromium's own "no connection" page: nothing of hers is left
        offline_form_shown = False

    assert not offline_form_shown
