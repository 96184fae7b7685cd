from django.test import Client


def test_missing_page_answers_404_in_vietnamese_in_the_layout(client, db):
    response = client.get("/khong-co-trang-nay/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang bạn cần" in html
    assert 'class="navbar' in html  # the site's layout
    assert "lang-switch" in html


def test_missing_page_answers_404_in_english_when_chosen(client, db):
    client.cookies["django_language"] = "en"

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()


def test_forbidden_page_answers_403_in_vietnamese(client, db, settings):
    settings.ROOT_URLCONF = "tests.public.urls_raising"

    response = client.get("/forbidden/")

    assert response.status_code == 403
    assert "Bạn không được phép mở trang này" in response.content.decode()


def test_crashing_view_answers_500_in_vietnamese_with_debug_off(db, settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.public.urls_raising"
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống gặp sự cố" in html
    assert "boom" not in html
    assert 'class="navbar' in html


def test_form_without_csrf_token_answers_friendly_403(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "x", "password": "y"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in html
    assert 'class="navbar' in html
