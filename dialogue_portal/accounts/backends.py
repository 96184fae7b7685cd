from django.contrib.auth.backends import ModelBackend

from . import usercache


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, reading the signed-in user from the cache (``usercache``)."""

    def get_user(self, user_id):
        return usercache.get_user(user_id, super().get_user)
