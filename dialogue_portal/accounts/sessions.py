"""Django's cached_db sessions, reading the signed-in user's cache entry (``usercache``) and the data stamp most
pages need (``datastamp``: figures and rendered pages) in the same round trip.

Every signed-in request read the session, then the user it names: two round trips to Redis, a fifth of a
plain page's time. The user's id is known only once the session is read, so each process remembers which
user a session key belonged to last time and asks for both entries at once. The guess only chooses what
to fetch: the user entry is used only if the session read with it names that same user, and only within
the request that fetched it, so it is exactly as fresh as a read of its own.
"""

from contextvars import ContextVar

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

from dialogue_portal import datastamp

from . import usercache

# The user entry fetched with this request's session: (user id as stored in the session, entry or None).
_fetched: ContextVar[tuple | None] = ContextVar("session_user_entry", default=None)
# Session key → the user id its data held when last read in this process.
_user_of_session: dict[str, str] = {}
_REMEMBERED = 10_000


def fetched_user_entry(user_id):
    """The entry fetched with this request's session for ``user_id``: (True, entry or None), else (False, None)."""
    fetched = _fetched.get()
    if fetched is None or str(fetched[0]) != str(user_id):
        return False, None
    _fetched.set(None)
    return True, fetched[1]


class SessionStore(CachedDBStore):
    def __init__(self, session_key=None):
        _fetched.set(None)  # a store per request: nothing fetched by an earlier request is ever used
        super().__init__(session_key)

    def load(self):
        guess = _user_of_session.get(self.session_key) if self.session_key else None
        data = None
        if guess is not None and usercache.enabled():
            user_key = usercache.key(guess)
            try:
                found = self._cache.get_many([self.cache_key, user_key, *datastamp.KEYS])
            except Exception:  # an invalid key, as Django's load() allows for
                found = {}
            datastamp.prime(found)
            data = found.get(self.cache_key)
            if data is not None and str(data.get(SESSION_KEY)) == str(guess):
                _fetched.set((guess, found.get(user_key)))
        if data is None:
            data = super().load()
        self._remember(data.get(SESSION_KEY))
        return data

    def _remember(self, user_id):
        if not self.session_key:
            return
        if user_id is None:
            _user_of_session.pop(self.session_key, None)
            return
        if len(_user_of_session) >= _REMEMBERED:
            _user_of_session.clear()
        _user_of_session[self.session_key] = str(user_id)
