"""Kept page bodies (dialogue_portal/pagebody.py): a deploy starts new keys; nothing unfinished is kept."""

import pytest
from django.db import connection, transaction

from dialogue_portal import datastamp, pagebody, writes
from dialogue_portal.datastamp import STATS, WRITES
from dialogues.models import DialogueSession


def test_a_changed_catalogue_template_or_module_gives_new_keys(tmp_path, settings):
    catalogue = tmp_path / "vi" / "LC_MESSAGES" / "django.mo"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_bytes(b"old")
    settings.LOCALE_PATHS = [tmp_path]
    pagebody.code_stamp.cache_clear()
    before = pagebody.code_stamp()

    catalogue.write_bytes(b"a new translation")
    pagebody.code_stamp.cache_clear()

    try:
        assert pagebody.code_stamp() != before
    finally:
        pagebody.code_stamp.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_a_transaction_stays_unfinished_after_a_savepoint_rolls_back():
    """A write, then a savepoint that writes and rolls back: the transaction has still written, so what it
    renders is neither read from nor put in the cache."""
    with transaction.atomic():
        assert not writes.pending(connection)
        DialogueSession.objects.filter(pk=-1).update(title="x")  # a write, even of no row
        assert writes.pending(connection)
        with pytest.raises(RuntimeError), transaction.atomic():
            DialogueSession.objects.filter(pk=-2).update(title="y")
            raise RuntimeError
        assert writes.pending(connection)
    assert not writes.pending(connection)


@pytest.mark.django_db
def test_a_replaced_database_leaves_nothing_kept_to_serve():
    """A restore replaces the data under the portal without SQL it could watch: every stamp and version moves."""
    from petitions import pagecache

    before = (pagecache.parts_key(1), WRITES.value(), STATS.value())

    datastamp.everything_changed()

    after = (pagecache.parts_key(1), WRITES.value(), STATS.value())
    assert all(old != new for old, new in zip(before, after, strict=True))
