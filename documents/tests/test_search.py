import importlib

import pytest
from django.apps import apps
from django.db.models.functions import Trim
from hypothesis import given
from hypothesis import strategies as st

from documents.models import Document
from dolisa_site import stored_search
from dolisa_site.text import fold, query_words

from .factories import make_document


def test_normalise_drops_diacritics_case_and_punctuation():
    assert fold("Số 15/2024/QĐ-UBND về Trợ cấp ĐỘT XUẤT") == "so 15 2024 qd ubnd ve tro cap dot xuat"


def test_normalise_turns_d_with_stroke_into_d():
    assert fold("Lao động") == "lao dong"


@given(st.text())
def test_normalised_text_is_plain_lowercase_words(text):
    result = fold(text)
    assert result == fold(result)
    assert all(char.isascii() and (char.isalnum() or char == " ") for char in result)
    assert result == result.lower()


def test_query_words_are_distinct_and_bounded():
    assert query_words("trợ cấp tro cap") == ["tro", "cap"]
    assert len(query_words(" ".join(f"w{n}" for n in range(30)))) == 8


@pytest.mark.django_db
def test_search_matches_with_or_without_diacritics():
    wanted = make_document()
    make_document(number="20/2024/KH-SLĐTBXH", title="Kế hoạch tuyển sinh giáo dục nghề nghiệp", subject=None)
    for query in ("trợ cấp", "tro cap", "TRỢ CẤP", "15/2024", "qd-ubnd", "bao tro"):
        assert list(wanted.__class__.objects.search(query)) == [wanted], query


@pytest.mark.django_db
def test_every_word_must_match():
    make_document()
    assert not make_document().__class__.objects.search("trợ cấp học nghề").exists()


@pytest.mark.django_db
def test_search_text_follows_edits():
    document = make_document()
    document.title = "Quyết định phê duyệt danh sách hộ nghèo"
    document.save()
    assert list(type(document).objects.search("ho ngheo")) == [document]
    assert not type(document).objects.search("tro cap").exists()


@pytest.mark.django_db
def test_postgresql_has_a_trigram_index_that_serves_the_search():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    make_document()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_document_search_trgm'")
        (definition,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Document.objects.search("15/2024 tro cap").explain()
    assert "gin" in definition and "gin_trgm_ops" in definition
    assert "documents_document_search_trgm" in plan, plan


@pytest.mark.django_db
def test_migration_0005_pads_the_stored_search_text_in_batches(monkeypatch):
    operation = importlib.import_module("documents.migrations.0005_search_text_padded").Migration.operations[0]
    monkeypatch.setattr(stored_search, "BATCH", 2)
    documents = [make_document(title=f"Quyết định số {n}") for n in range(5)]
    saved = dict(Document.objects.values_list("pk", "search_text"))
    assert all(value.startswith(" ") and value.endswith(" ") for value in saved.values())
    Document.objects.update(search_text=Trim("search_text"))  # as stored before 0005
    Document.objects.filter(pk=documents[0].pk).update(search_text="")

    operation.code(apps, None)
    assert dict(Document.objects.values_list("pk", "search_text")) == {**saved, documents[0].pk: ""}
    operation.code(apps, None)  # a second run changes nothing
    assert dict(Document.objects.values_list("pk", "search_text")) == {**saved, documents[0].pk: ""}
    operation.reverse_code(apps, None)
    assert Document.objects.get(pk=documents[1].pk).search_text == fold(documents[1].catalogue_text())
