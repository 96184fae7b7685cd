import pytest

from bench.datagen import SPECIAL_PETITION_ID, SPECIAL_SESSION_ID, SPECIAL_SESSION_PETITIONS
from dialogue_portal.text import fold
from petitions.models import Answer, Assignment, Petition, PetitionStatusChange

pytestmark = pytest.mark.postgres


def test_generated_province_holds_what_the_benchmark_measures(bench_data):
    assert Petition.objects.count() == 300
    assert Petition.objects.filter(session_id=SPECIAL_SESSION_ID).count() == SPECIAL_SESSION_PETITIONS + 1
    special = Petition.objects.get(pk=SPECIAL_PETITION_ID)
    assert (
        special.status,
        special.assignments.count(),
        Answer.objects.filter(assignment__petition=special).count(),
    ) == (
        "resolved",
        2,
        2,
    )
    assert special.history.count() == 2


def test_generated_petitions_are_searchable_without_accents(bench_data):
    petition = Petition.objects.get(pk=SPECIAL_PETITION_ID)
    assert fold(petition.title) in petition.search_text
    # The rare words: in RARE_MATCHES petitions at the benchmark's sizes (1,000 and 100,000), at most every
    # tenth petition in a small set like this one.
    assert Petition.objects.filter(search_text__contains="gac").count() == 300 // 10
    assert Petition.objects.filter(search_text__contains="ruoi").count() == 300 // 10


def test_generated_rows_keep_the_models_invariants(bench_data):
    assert not Petition.objects.filter(status="merged", merged_into__isnull=True).exists()
    assert not Assignment.objects.filter(status="pending", answer__isnull=False).exists()
    assert PetitionStatusChange.objects.filter(petition_id=SPECIAL_PETITION_ID).count() == 6
    # Sequences continue after the generated ids, so the portal can add rows.
    assert Petition.objects.create(title="x", content="y", unit_id=special_unit(), year=2099, number=1).pk == 301


def special_unit():
    return Petition.objects.get(pk=SPECIAL_PETITION_ID).unit_id
