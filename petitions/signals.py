"""``Petition.next_due`` follows every saved or deleted assignment, whoever saves it (service, admin, shell);
the petition page's cached parts are dropped by every write behind them (cache invalidation only)."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dialogue_portal.datastamp import data_replaced
from dialogue_portal.directory.models import Department, DepartmentSuccession, TopicCategory

from . import pagecache
from .models import Answer, Assignment, Attachment, Petition, PetitionStatusChange
from .services import refresh_next_due


@receiver(post_save, sender=Assignment, dispatch_uid="petitions-next-due-save")
@receiver(post_delete, sender=Assignment, dispatch_uid="petitions-next-due-delete")
def assignment_changed(sender, instance, **kwargs):
    refresh_next_due([instance.petition_id])


# --- The petition page's cached parts (petitions/pagecache.py) ------------------------------------------------


@receiver(post_save, sender=Petition, dispatch_uid="petitions-page-petition-save")
@receiver(post_delete, sender=Petition, dispatch_uid="petitions-page-petition-delete")
def petition_changed(sender, instance, **kwargs):
    # A merged duplicate's steps show on the petition it was merged into.
    pagecache.petitions_changed(instance.pk, instance.merged_into_id)


@receiver(post_save, sender=PetitionStatusChange, dispatch_uid="petitions-page-step-save")
@receiver(post_delete, sender=PetitionStatusChange, dispatch_uid="petitions-page-step-delete")
def step_changed(sender, instance, **kwargs):
    kept = Petition.objects.filter(pk=instance.petition_id).values_list("merged_into_id", flat=True).first()
    pagecache.petitions_changed(instance.petition_id, kept)


@receiver(post_save, sender=Assignment, dispatch_uid="petitions-page-assignment-save")
@receiver(post_delete, sender=Assignment, dispatch_uid="petitions-page-assignment-delete")
@receiver(post_save, sender=Attachment, dispatch_uid="petitions-page-attachment-save")
@receiver(post_delete, sender=Attachment, dispatch_uid="petitions-page-attachment-delete")
def part_changed(sender, instance, **kwargs):
    pagecache.petitions_changed(instance.petition_id)


@receiver(post_save, sender=Answer, dispatch_uid="petitions-page-answer-save")
@receiver(post_delete, sender=Answer, dispatch_uid="petitions-page-answer-delete")
def answer_changed(sender, instance, **kwargs):
    assignment = Answer.assignment.field.get_cached_value(instance, None)
    if assignment is not None:
        pagecache.petitions_changed(assignment.petition_id)
    else:  # (an assignment deleted with its answer moves the page itself)
        petition = Assignment.objects.filter(pk=instance.assignment_id).values_list("petition_id", flat=True).first()
        pagecache.petitions_changed(petition)


@receiver(m2m_changed, sender=Petition.topics.through, dispatch_uid="petitions-page-topics")
def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        pagecache.petitions_changed(instance.pk)
    elif pk_set:
        pagecache.petitions_changed(*pk_set)
    else:  # a topic's petitions all cleared: which ones is not told
        pagecache.names_changed()


@receiver(post_save, sender=Department, dispatch_uid="petitions-page-department-save")
@receiver(post_delete, sender=Department, dispatch_uid="petitions-page-department-delete")
@receiver(post_save, sender=DepartmentSuccession, dispatch_uid="petitions-page-succession-save")
@receiver(post_delete, sender=DepartmentSuccession, dispatch_uid="petitions-page-succession-delete")
@receiver(post_save, sender=TopicCategory, dispatch_uid="petitions-page-topic-save")
@receiver(post_delete, sender=TopicCategory, dispatch_uid="petitions-page-topic-delete")
def name_changed(sender, **kwargs):
    pagecache.names_changed()


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="petitions-page-user-save")
def user_saved(sender, instance, update_fields, **kwargs):
    # Saved at every login (``last_login`` alone): only a save that may rename the user moves the pages.
    if update_fields is None or {"full_name", "username"} & set(update_fields):
        pagecache.names_changed()


@receiver(data_replaced, dispatch_uid="petitions-page-data-replaced")
def data_restored(**kwargs):
    pagecache.names_changed()  # in every page's key
