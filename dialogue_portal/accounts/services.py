"""Writes for users and roles."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from dialogue_portal.text import nfc

from .models import User
from .roles import ROLE_PERMISSIONS, Role


@transaction.atomic
def sync_roles() -> dict[str, int]:
    """Create the role groups and give each exactly the permissions in ROLE_PERMISSIONS.

    Idempotent. Returns the number of permissions per group.
    """
    result = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = ROLE_PERMISSIONS[role]
        if wanted == "__all__":
            perms = Permission.objects.all()
        else:
            pairs = [name.split(".", 1) for name in wanted]
            perms = [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in pairs]
        group.permissions.set(perms)
        result[role.value] = group.permissions.count()
    return result


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str | None,
    role: str,
    full_name: str = "",
    email: str = "",
    unit=None,
    department=None,
    job_title: str = "",
) -> User:
    """Create or update a user with exactly one role.

    Side effects: group membership replaced; department representatives and
    administrators get ``is_staff`` for the admin panel.
    """
    user = User.objects.filter(username=username).first() or User(username=username)
    user.full_name, user.email, user.job_title = nfc(full_name), email, nfc(job_title)
    user.unit, user.department = unit, department
    user.is_staff = role in (Role.DEPARTMENT_REP, Role.ADMINISTRATOR, Role.PROVINCE_STAFF)
    user.is_superuser = role == Role.ADMINISTRATOR
    if password:
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    user.save()
    user.groups.set([Group.objects.get_or_create(name=role)[0]])
    return user


def rotate_feed_token(*, user: User) -> str:
    """Give the user a new calendar-feed secret; old subscription URLs stop working."""
    from .models import new_token

    user.feed_token = new_token()
    user.save(update_fields=["feed_token"])
    return user.feed_token
