"""``Petition.next_due`` follows every saved or deleted assignment, whoever saves it (service, admin, shell)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Assignment
from .services import refresh_next_due


@receiver(post_save, sender=Assignment, dispatch_uid="petitions-next-due-save")
@receiver(post_delete, sender=Assignment, dispatch_uid="petitions-next-due-delete")
def assignment_changed(sender, instance, **kwargs):
    refresh_next_due([instance.petition_id])
