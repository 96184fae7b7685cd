"""The signed-in user comes from the cache, yet every change to the account shows on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from dialogue_portal.accounts import usercache
from dialogue_portal.accounts.backends import CachedModelBackend
from dialogue_portal.accounts.roles import Role

pytestmark = pytest.mark.redis


@pytest.fixture
def backend(settings, users):
    settings.USER_CACHE = True
    # Creating the accounts left tombstones (no caching for half a minute after a change): lift them.
    cache.delete_many([usercache.key(user.pk) for user in users.values()])
    return CachedModelBackend()


def test_second_request_reads_no_user_row(backend, users, django_assert_num_queries):
    backend.get_user(users["staff"].pk)

    with django_assert_num_queries(0):
        user = backend.get_user(users["staff"].pk)

    assert user.is_province_staff


def test_revoked_role_shows_on_the_next_request(backend, users):
    staff = users["staff"]
    assert backend.get_user(staff.pk).is_province_staff

    staff.groups.remove(Group.objects.get(name=Role.PROVINCE_STAFF))

    assert not backend.get_user(staff.pk).is_province_staff


def test_role_taken_from_every_holder_shows_at_once(backend, users):
    leader = users["leader_a"]
    assert backend.get_user(leader.pk).is_branch_leader

    Group.objects.get(name=Role.BRANCH_LEADER).user_set.clear()

    assert not backend.get_user(leader.pk).is_branch_leader


def test_deactivated_account_is_signed_out(client, backend, users):
    client.force_login(users["staff"])
    assert client.get(reverse("home")).status_code == 200

    users["staff"].is_active = False
    users["staff"].save()

    assert client.get(reverse("home")).status_code == 302


def test_password_change_signs_out_other_sessions(client, backend, users):
    client.force_login(users["staff"])
    assert client.get(reverse("home")).status_code == 200

    users["staff"].set_password("Another-long-passphrase-2026")
    users["staff"].save()

    assert client.get(reverse("home")).status_code == 302


def test_a_row_read_before_a_change_is_not_cached_after_it(backend, users):
    staff = users["staff"]
    stale = type(staff).objects.get(pk=staff.pk)  # a slow request read the row…
    staff.full_name = "Nguyễn Thị Mới"
    staff.save()  # …the account changed…

    usercache.get_user(staff.pk, lambda pk: stale)  # …and the slow request offers the cache what it read

    assert backend.get_user(staff.pk).full_name == "Nguyễn Thị Mới"


def test_moving_users_in_a_reorganisation_shows_their_new_unit(backend, users, units):
    from dialogue_portal.directory.reorganisation import _rebind_users

    leader = users["leader_a"]
    backend.get_user(leader.pk)

    _rebind_users({"unit": units["b"]}, unit=units["a"])

    assert backend.get_user(leader.pk).unit_id == units["b"].pk


def test_menu_follows_the_language_and_the_rights(client_for):
    """The header is kept rendered per language and rights: neither leaks into another visitor's page."""
    staff, leader = client_for("staff"), client_for("leader_a")
    staff.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = staff.get(reverse("home")).content.decode()
    staff.post(reverse("set_language"), {"language": "vi", "next": "/"})

    vietnamese = staff.get(reverse("home")).content.decode()
    leaders = leader.get(reverse("home")).content.decode()

    assert "Triage queue" in english
    assert "Triage queue" not in vietnamese and reverse("petitions:triage") in vietnamese
    assert reverse("petitions:triage") not in leaders
    assert "Staff" in vietnamese and "Leader_A" in leaders  # the signed-in user's own name


def test_a_permission_given_to_a_role_counts_on_the_next_request(backend, users):
    from django.contrib.auth.models import Permission

    leader = users["leader_a"]
    assert not backend.get_user(leader.pk).has_perm("auth.view_group")

    Group.objects.get(name=Role.BRANCH_LEADER).permissions.add(Permission.objects.get(codename="view_group"))

    assert backend.get_user(leader.pk).has_perm("auth.view_group")


# --- the session and the user in one round trip (dialogue_portal/accounts/sessions.py) --------------------


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys of each read the page sends to Redis, one list per round trip (the real cache answers)."""
    from django.core.cache import caches

    redis = caches["default"]
    reads = []
    get, get_many = redis.get, redis.get_many

    def one(key, *args, **kwargs):
        reads.append([key])
        return get(key, *args, **kwargs)

    def many(keys, *args, **kwargs):
        reads.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(redis, "get", one)
    monkeypatch.setattr(redis, "get_many", many)
    return reads


@pytest.fixture
def signed_in(settings, client, users):
    settings.SESSION_ENGINE = "dialogue_portal.accounts.sessions"
    settings.USER_CACHE = True
    client.force_login(users["staff"])
    cache.delete(usercache.key(users["staff"].pk))  # the login's tombstone: the steady state
    return client


def _auth_reads(reads):
    return [keys for keys in reads if any("sessions" in key or key.startswith("auth:user") for key in keys)]


def test_a_signed_in_page_reads_its_session_user_and_data_stamp_in_one_round_trip(signed_in, cache_reads):
    from dialogue_portal.datastamp import VERSION_KEY

    signed_in.get(reverse("home"))  # this process learns whose session it is
    cache_reads.clear()

    assert "Staff" in signed_in.get(reverse("home")).content.decode()  # the home page's counts need the stamp

    assert len(_auth_reads(cache_reads)) == 1
    assert [keys for keys in cache_reads if VERSION_KEY in keys] == _auth_reads(cache_reads)


def test_a_role_revoked_shows_on_the_next_page_with_the_session_read_together(signed_in, users):
    assert reverse("petitions:triage") in signed_in.get(reverse("home")).content.decode()

    users["staff"].groups.remove(Group.objects.get(name=Role.PROVINCE_STAFF))

    assert reverse("petitions:triage") not in signed_in.get(reverse("home")).content.decode()


def test_a_session_is_never_served_the_entry_of_the_user_this_process_guessed(signed_in, users):
    from dialogue_portal.accounts import sessions

    signed_in.get(reverse("home"))
    leader = users["leader_a"]
    cache.delete(usercache.key(leader.pk))
    usercache.get_user(leader.pk, lambda pk: type(leader).objects.get(pk=pk))  # the leader's entry is in Redis
    session_key = signed_in.cookies["sessionid"].value
    sessions._user_of_session[session_key] = str(leader.pk)  # a wrong guess: this session is the staff's

    page = signed_in.get(reverse("home")).content.decode()

    assert "Staff" in page and "Leader_A" not in page
