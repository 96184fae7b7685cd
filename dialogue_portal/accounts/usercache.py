"""The signed-in user between requests: one cache read instead of the user, roles and permissions queries.

An entry holds the user row with its roles. Any change to a user, their roles or a role writes a
short-lived tombstone over the entry, and readers only *add* entries: a reader that loaded the
row just before a change cannot put the old row back while the tombstone lives. Entries expire
after TTL seconds anyway, so a change made outside the ORM's signals (a queryset ``update``) that
forgets to call ``forget`` shows within minutes. Django still checks the session's hash against the
cached row, so a changed password logs the other sessions out at once.

Only with a shared cache (Redis): a per-process cache could not be invalidated across workers.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

TTL = 5 * 60
TOMBSTONE_TTL = 30
GONE = "gone"


def enabled() -> bool:
    return settings.USER_CACHE


def key(user_id) -> str:
    return f"auth:user:{user_id}"


def get_user(user_id, load):
    """The user with ``user_id`` from the cache, else ``load(user_id)`` (which may return None)."""
    if not enabled():
        return load(user_id)
    entry_key = key(user_id)
    from .sessions import fetched_user_entry  # sessions imports this module

    fetched, entry = fetched_user_entry(user_id)  # read with the session, in the same round trip
    if not fetched:
        entry = cache.get(entry_key)
    if entry is not None and entry != GONE:
        return entry
    user = load(user_id)
    if user is not None and entry is None:
        from dialogue_portal import policy  # policy reads roles from this app's models

        policy.capabilities(user)  # answered now, so the entry carries the roles and the menu's rules
        user.get_all_permissions()  # and Django's permissions, which the admin asks on every page
        cache.add(entry_key, user, TTL)
    return user


def forget(user_ids) -> None:
    """Drop the cached entries of ``user_ids`` now and again when the transaction commits."""
    if not enabled():
        return
    keys = {key(pk): GONE for pk in user_ids if pk is not None}
    if not keys:
        return
    cache.set_many(keys, TOMBSTONE_TTL)
    transaction.on_commit(lambda: cache.set_many(keys, TOMBSTONE_TTL))
