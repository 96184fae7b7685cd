"""Bump the statistics version stamp when data behind the dashboard changes (cache invalidation only)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from dialogue_portal.datastamp import bump_stats_version
from dialogues.models import DialogueSession
from petitions.models import Answer, Assignment, Petition


def _bump(**kwargs):
    bump_stats_version()


for model in (Petition, Assignment, Answer, DialogueSession):
    post_save.connect(_bump, sender=model, dispatch_uid=f"reports-stats-save-{model.__name__}")
    post_delete.connect(_bump, sender=model, dispatch_uid=f"reports-stats-delete-{model.__name__}")
m2m_changed.connect(_bump, sender=Petition.topics.through, dispatch_uid="reports-stats-topics")
