"""Cached users are forgotten whenever their row, their roles or a role changes."""

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


@receiver(post_save, sender=Group)
@receiver(pre_delete, sender=Group)
def role_changed(sender, instance, **kwargs):
    usercache.forget(list(instance.user_set.values_list("pk", flat=True)))
