"""Login hardening: lock-out, session rotation, logout, deactivation, idle timeout, password rules."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.audit.models import AuditEvent
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def _client(ip="10.0.0.1"):
    return Client(REMOTE_ADDR=ip)


def _login(client, username, password, url=LOGIN):
    return client.post(url, {"username": username, "password": password})


def test_login_locks_user_out_after_five_failures(users):
    client = _client()
    answers = [_login(client, "staff", "wrong-password").status_code for _ in range(5)]

    assert answers == [200, 200, 200, 200, 429]
    assert _login(client, "staff", PASSWORD).status_code == 429


def test_login_lockout_follows_user_name_from_another_address(users):
    for i in range(5):
        _login(_client(f"10.0.1.{i}"), "staff", "wrong-password")

    response = _login(_client("10.0.2.1"), "staff", PASSWORD)

    assert response.status_code == 429


def test_login_lockout_follows_address_for_other_user_names(users):
    client = _client("10.0.3.1")
    for name in ["leader_a", "leader_b", "rep_x", "rep_y", "nobody"]:
        _login(client, name, "wrong-password")

    assert _login(client, "staff", PASSWORD).status_code == 429
    assert _login(_client("10.0.3.2"), "staff", PASSWORD).status_code == 302


def test_login_lockout_ends_after_cool_off(users):
    client = _client()
    for _ in range(5):
        _login(client, "staff", "wrong-password")

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = _login(client, "staff", PASSWORD)

    assert response.status_code == 302


def test_login_lockout_page_is_vietnamese_in_site_layout(users):
    client = _client()
    for _ in range(4):
        _login(client, "staff", "wrong-password")

    response = _login(client, "staff", "wrong-password")

    text = response.content.decode()
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in text
    assert "15 phút" in text
    assert 'id="main"' in text


def test_admin_login_locks_out_too(users):
    client = _client()
    answers = [_login(client, "admin", "wrong-password", ADMIN_LOGIN).status_code for _ in range(5)]

    assert answers == [200, 200, 200, 200, 429]
    assert _login(client, "admin", PASSWORD, ADMIN_LOGIN).status_code == 429


def test_login_lockout_is_recorded_in_audit_log(users):
    client = _client("10.0.4.1")
    for _ in range(5):
        _login(client, "staff", "wrong-password")

    event = AuditEvent.objects.get(action="locked_out")

    assert (event.ip_address, event.details) == ("10.0.4.1", {"username": "staff"})
    assert AuditEvent.objects.filter(action="login_failed").count() == 5


def test_login_rotates_session_key(users):
    client = _client()
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key

    _login(client, "staff", PASSWORD)

    after = client.cookies["sessionid"].value
    assert after != before
    assert Session.objects.filter(session_key=before).exists() is False


def test_logout_ends_session(users):
    client = _client()
    _login(client, "staff", PASSWORD)
    key = client.cookies["sessionid"].value

    client.post(reverse("logout"))

    assert Session.objects.filter(session_key=key).exists() is False
    replay = Client()
    replay.cookies["sessionid"] = key
    assert replay.get(reverse("home")).status_code == 302


def test_deactivated_user_is_logged_out_on_next_request(users, client_for):
    client = client_for("rep_x")
    assert client.get(reverse("home")).status_code == 200

    users["rep_x"].is_active = False
    users["rep_x"].save()

    response = client.get(reverse("home"))
    assert (response.status_code, response.url.split("?")[0]) == (302, LOGIN)


@pytest.mark.parametrize("name", ["staff", "admin", "rep_x"])
def test_idle_timeout_logs_staff_out_after_thirty_minutes(users, client_for, name):
    client = client_for(name)
    client.get(reverse("home"))

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(reverse("home"))
        follow = client.get(reverse("home"))

    assert (response.status_code, response.url.split("?")[0]) == (302, LOGIN)
    assert follow.status_code == 302
    assert AuditEvent.objects.filter(action="session_expired", actor=users[name]).count() == 1


def test_idle_timeout_message_is_shown_on_login_page(users, client_for):
    client = client_for("staff")
    client.get(reverse("home"))

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(reverse("home"), follow=True)

    assert "Bạn đã được đăng xuất sau 30 phút không hoạt động" in response.content.decode()


def test_idle_timeout_counts_from_last_request(users, client_for):
    client = client_for("staff")
    start = timezone.now()
    client.get(reverse("home"))

    with time_machine.travel(start + timedelta(minutes=20)):
        client.get(reverse("home"))
    with time_machine.travel(start + timedelta(minutes=40)):
        response = client.get(reverse("home"))

    assert response.status_code == 200


def test_idle_timeout_leaves_branch_leaders_alone(users, client_for):
    client = client_for("leader_a")
    client.get(reverse("home"))

    with time_machine.travel(timezone.now() + timedelta(minutes=90)):
        response = client.get(reverse("home"))

    assert response.status_code == 200


def test_idle_timeout_follows_setting(users, client_for, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 5
    client = client_for("staff")
    client.get(reverse("home"))

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = client.get(reverse("home"))

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1!x", "Mật khẩu quá ngắn"),
        ("12345678901", "Mật khẩu này hoàn toàn là số"),
        ("password123", "Mật khẩu này quá phổ biến"),
    ],
)
def test_password_change_refuses_weak_password(users, client_for, password, message):
    client = client_for("leader_a")

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    users["leader_a"].refresh_from_db()
    assert users["leader_a"].check_password(PASSWORD) is True


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
@pytest.mark.parametrize(
    ("username", "password"), [("x" * 100_000, "wrong-password"), ("staff", "p" * 5_000), ("s" * 151, PASSWORD)]
)
def test_over_long_credentials_are_a_wrong_login(users, url, username, password):
    from axes.models import AccessAttempt

    response = _login(_client(), username, password, url)

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["invalid_login"]
    assert AccessAttempt.objects.filter(username__startswith="xxxxxxxx").count() == 0


def test_over_long_password_never_logs_in_even_with_the_right_prefix(users):
    response = _login(_client(), "staff", PASSWORD + "!" * 5_000)

    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session


def _change_password(client, old, url=None):
    new = "Doi-mat-khau-2025!"
    return client.post(
        url or reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new}
    )


@pytest.mark.parametrize("url", ["/accounts/password/", "/admin/password_change/"])
def test_wrong_old_passwords_lock_the_account_out_like_failed_logins(users, url):
    client = _client()
    client.force_login(users["staff"])

    answers = [_change_password(client, "doan-sai", url) for _ in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert "Tạm khóa đăng nhập" in answers[-1].content.decode()
    assert client.get(reverse("home")).status_code == 302  # logged out
    assert _login(_client(), "staff", PASSWORD).status_code == 429  # and locked out, from anywhere
    assert AuditEvent.objects.filter(action="locked_out", details__username="staff").exists()
    users["staff"].refresh_from_db()
    assert users["staff"].check_password(PASSWORD)


def test_wrong_old_password_counts_once_and_a_right_one_still_works(users):
    from axes.models import AccessAttempt

    client = _client()
    client.force_login(users["leader_a"])

    wrong = _change_password(client, "doan-sai")
    right = _change_password(client, PASSWORD)

    assert wrong.status_code == 200
    assert AccessAttempt.objects.get(username="leader_a").failures_since_start == 1
    assert right.status_code == 302
