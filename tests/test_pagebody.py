"""Kept page bodies (dialogue_portal/pagebody.py): a deploy starts new keys."""

from dialogue_portal import pagebody


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
