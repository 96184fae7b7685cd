"""Response headers: CSP with nonces, no-store for logged-in users, cookies, framing, referrer, HSTS."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";"))


def test_csp_allows_only_nonced_scripts_on_site_pages(users, client_for):
    response = client_for("staff").get(reverse("home"))

    directives = _directives(response)
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert directives["script-src"] == f"'nonce-{nonce}'"
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert directives["style-src"] == "'self'"
    assert (directives["object-src"], directives["base-uri"], directives["frame-ancestors"]) == ("'none'",) * 3
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_csp_nonce_changes_with_every_response(users):
    first, second = Client().get(reverse("login")), Client().get(reverse("login"))

    assert _directives(first)["script-src"] != _directives(second)["script-src"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/directory/workdayoverride/add/",
        "/admin/login/",
    ],
)
def test_admin_pages_work_under_csp_with_scripts_from_own_origin(users, client_for, path):
    client = Client() if path == "/admin/login/" else client_for("admin")

    response = client.get(path)

    html = response.content.decode()
    inline_scripts = [body for body in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S) if body.strip()]
    assert response.status_code == 200
    assert _directives(response)["script-src"].split() == ["'self'"]
    assert inline_scripts == []
    assert re.findall(r"\sstyle=\"|<style|\son[a-z]+=\"", html) == []


def test_user_change_page_in_admin_has_no_inline_code(users, client_for):
    response = client_for("admin").get(f"/admin/accounts/user/{users['staff'].pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert [b for b in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S) if b.strip()] == []
    assert re.findall(r"\sstyle=\"|<style|\son[a-z]+=\"", html) == []


@pytest.mark.parametrize("name", ["leader_a", "rep_x", "staff", "admin"])
def test_pages_for_logged_in_users_are_not_stored(users, client_for, name):
    response = client_for(name).get(reverse("home"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_admin_pages_are_not_stored(users, client_for):
    response = client_for("admin").get("/admin/accounts/user/")

    assert "no-store" in response["Cache-Control"]


def test_anonymous_public_page_may_be_cached(db):
    response = Client().get(reverse("public:outcomes"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_security_headers_on_every_page(db):
    response = Client().get(reverse("login"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_secure_and_http_only(users):
    client = Client()
    client.get(reverse("login"))
    response = client.post(reverse("login"), {"username": "staff", "password": PASSWORD})

    session, csrf = response.cookies["sessionid"], client.cookies["csrftoken"]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
    assert (csrf["secure"], csrf["httponly"]) == (True, True)


def test_hsts_header_on_https_when_configured(db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = Client().get(reverse("login"), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
