"""The audit log in the admin: readable by administrators, by nobody else, changeable by nobody."""

import pytest

from dialogue_portal.audit.services import record_event


@pytest.fixture
def event(users):
    return record_event(action="login_failed", details={"username": "ghost"})


def test_administrator_reads_audit_log(client_for, event):
    client = client_for("admin")

    listing = client.get("/admin/audit/auditevent/")
    detail = client.get(f"/admin/audit/auditevent/{event.pk}/change/")

    assert (listing.status_code, detail.status_code) == (200, 200)
    assert "Đăng nhập không thành công" in listing.content.decode()
    assert "ghost" in detail.content.decode()


@pytest.mark.parametrize("name", ["staff", "rep_x"])
def test_audit_log_is_hidden_from_other_staff(client_for, event, name):
    client = client_for(name)

    assert client.get("/admin/audit/auditevent/").status_code == 403
    assert "auditevent" not in client.get("/admin/").content.decode()


def test_audit_log_cannot_be_added_changed_or_deleted(client_for, event):
    client = client_for("admin")

    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "changed"})
    event.refresh_from_db()
    assert event.action == "login_failed"


@pytest.mark.parametrize("rows", [1, 20])
def test_audit_log_list_query_count_is_constant(client_for, users, django_assert_num_queries, rows):
    client = client_for("admin")
    client.get("/admin/audit/auditevent/")
    for _ in range(rows):
        record_event(action="petition.export", actor=users["staff"], target=users["leader_a"])

    with django_assert_num_queries(8):
        response = client.get("/admin/audit/auditevent/")

    assert response.status_code == 200
