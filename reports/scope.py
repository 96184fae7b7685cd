"""A user's visibility frozen as data, so a job runs (and its file is checked) against what the requester saw.

The rules are ``policy.scope_of``; a stored scope is its ``as_dict`` form.
"""

from dialogue_portal.policy import Scope
from dialogue_portal.policy import scope_of as _scope_of


def scope_of(user) -> dict:
    """The visibility ``user`` has now, as stored on a job."""
    return _scope_of(user).as_dict()


def covers(outer: dict, inner: dict) -> bool:
    """True when everything visible under ``inner`` is visible under ``outer``."""
    return Scope.from_dict(outer).covers(Scope.from_dict(inner))


def viewer_of(scope: dict) -> Scope:
    """A stored scope as the viewer the models' ``visible_to`` methods take."""
    return Scope.from_dict(scope)
