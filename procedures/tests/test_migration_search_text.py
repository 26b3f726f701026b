"""Migration 0010: the stored search text gets the padded search form, so the shared search rule finds codes."""

import importlib

import pytest
from django.apps import apps
from django.db.models.functions import Trim

from dolisa_site import stored_search
from procedures.models import Procedure

from .factories import make_procedure

pytestmark = pytest.mark.django_db
operation = importlib.import_module("procedures.migrations.0010_search_text_padded").Migration.operations[0]


def test_the_search_text_stored_before_0010_is_padded_in_batches_and_found_again(monkeypatch):
    monkeypatch.setattr(stored_search, "BATCH", 2)
    for n in range(5):
        make_procedure(f"1.00123{n}", f"Thủ tục số {n}")
    saved = dict(Procedure.objects.values_list("pk", "search_text"))
    Procedure.objects.update(search_text=Trim("search_text"))  # as stored before 0010
    assert not Procedure.objects.search("1.001234").exists()

    operation.code(apps, None)
    assert dict(Procedure.objects.values_list("pk", "search_text")) == saved
    assert list(Procedure.objects.search("1.001234").values_list("code", flat=True)) == ["1.001234"]
    operation.code(apps, None)  # a second run changes nothing
    assert dict(Procedure.objects.values_list("pk", "search_text")) == saved
    operation.reverse_code(apps, None)
    assert Procedure.objects.get(code="1.001230").search_text == "1 001230 thu tuc so 0"
