"""Cached users are forgotten whenever their row, their roles, a role or a permission of theirs changes."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from . import usercache
from .models import User


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def user_changed(sender, instance, **kwargs):
    usercache.forget([instance.pk])


@receiver(m2m_changed, sender=User.groups.through)
def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_") and action != "pre_clear":
        return
    if reverse:  # group.user_set changed: pk_set holds users, or all of the group's on clear
        ids = pk_set if pk_set is not None else instance.user_set.values_list("pk", flat=True)
    else:
        ids = [instance.pk]
    usercache.forget(list(ids))


@receiver(m2m_changed, sender=User.user_permissions.through)
def permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not (action.startswith("post_") or action == "pre_clear"):
        return
    if not reverse:
        usercache.forget([instance.pk])
    else:  # permission.user_set changed: pk_set holds users, or all of the permission's on clear
        usercache.forget(list(pk_set) if pk_set is not None else list(instance.user_set.values_list("pk", flat=True)))


@receiver(m2m_changed, sender=Group.permissions.through)
def role_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse and (action.startswith("post_") or action == "pre_clear"):
        usercache.forget(list(instance.user_set.values_list("pk", flat=True)))
    elif reverse and action.startswith("post_"):  # permission.group_set changed: pk_set holds groups
        usercache.forget(list(User.objects.filter(groups__in=pk_set or ()).values_list("pk", flat=True)))


@receiver(post_save, sender=Group)
@receiver(pre_delete, sender=Group)
def role_changed(sender, instance, **kwargs):
    usercache.forget(list(instance.user_set.values_list("pk", flat=True)))
