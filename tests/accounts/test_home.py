import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_anonymous_redirects_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("staff", "Cán bộ tỉnh"),
        ("leader_a", "Chi hội trưởng của Hội LHPN huyện Gio Linh"),
        ("rep_x", "Đại diện Sở Nội vụ"),
    ],
)
def test_home_greets_each_role_with_its_next_step(client_for, who, expected):
    response = client_for(who).get(reverse("home"))
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_login_with_demo_password_lands_on_home(client, users):
    from tests.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "staff", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"].username == "staff"


def test_login_with_wrong_password_shows_vietnamese_error(client, users):
    response = client.post(reverse("login"), {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_logout_ends_the_session(client_for):
    c = client_for("staff")
    c.post(reverse("logout"))
    assert c.get(reverse("home")).status_code == 302


def test_language_switcher_serves_english(client_for):
    c = client_for("staff")
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log out" in c.get(reverse("home")).content.decode()


def test_revoked_role_takes_effect_on_next_request(client_for, users):
    c = client_for("staff")
    assert "Cán bộ tỉnh" in c.get(reverse("home")).content.decode()
    users["staff"].groups.clear()
    assert "chưa được phân vai trò" in c.get(reverse("home")).content.decode()


def test_pages_stay_vietnamese_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"
