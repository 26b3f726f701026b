"""The one search rule (dolisa_site.text.matching()) and the three lists a visitor searches with it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from documents.models import Document
from documents.tests.factories import make_document
from dolisa_site import text
from news.tests.factories import make_article
from procedures.models import Procedure
from procedures.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def found(model, query):
    return set(model.objects.filter(text.matching("search_text", query)).values_list("pk", flat=True))


@pytest.fixture
def allowance():
    return make_procedure("1.001234", "Giải quyết hưởng trợ cấp thất nghiệp").pk


@pytest.mark.parametrize("query", ["tro cap", "TRỢ CẤP", "trợ cấp thất nghiệp", "Thất NGH", "giai q"])
def test_every_word_found_as_a_word_or_its_beginning(allowance, query):
    assert found(Procedure, query) == {allowance}


@pytest.mark.parametrize("query", ["ap", "rợ cấp", "nghiep giai x", "tro cap hoc nghe", "!!!", ""])
def test_a_word_inside_another_or_a_missing_word_finds_nothing(allowance, query):
    assert found(Procedure, query) == set()


@pytest.mark.parametrize("query", ["1.001234", "1.0012", "001234", "1.001234 thất nghiệp"])
def test_a_procedure_code_is_found_in_full_or_by_its_beginning(allowance, query):
    assert text.fold("1.001234") == "1 001234"  # the dot separates words
    assert found(Procedure, query) == {allowance}
    assert found(Procedure, "1.01234") == found(Procedure, "1.000123") == set()  # neither begins 1.001234


@pytest.mark.parametrize("query", ["15/2024", "15/2024/TT", "15/2024/TT-BLĐTBXH", "15 tt-bldtbxh", "2024 15"])
def test_a_document_number_is_found_by_its_parts(query):
    wanted = make_document(number="15/2024/TT-BLĐTBXH").pk
    make_document(number="16/2024/TT-BLĐTBXH")
    assert text.fold("15/2024/TT-BLĐTBXH") == "15 2024 tt bldtbxh"  # slashes and dashes separate words
    assert found(Document, query) == {wanted}


def test_the_query_is_read_as_at_most_eight_distinct_words(allowance):
    words = ["giai", "quyet", "huong", "tro", "cap", "that", "nghiep", "1"]
    assert len(text.matching("search_text", " ".join(words * 3 + ["x"] * 30))) == 8
    # A ninth word is not part of the search: it cannot exclude the procedure.
    assert found(Procedure, " ".join([*words, "khong"])) == {allowance}
    assert found(Procedure, " ".join([*words[:7], "khong"])) == set()


@pytest.mark.parametrize(
    "query, matches",
    [
        ("tro cap", True),
        ("TRỢ CẤP thất", True),
        ("thất ngh", True),
        ("ap", False),
        ("tro cap hoc", False),
        ("!!!", False),
    ],
)
def test_the_news_documents_and_procedures_lists_answer_a_query_alike(client, settings, query, matches):
    settings.PAGE_CACHE = False
    title = "Hướng dẫn trợ cấp thất nghiệp"
    make_article(title=title, summary="", body="<p>.</p>")
    make_document(title=title, summary="", signer="", subject=None)
    make_procedure(name=title)
    lists = {"/tim-kiem/": "title", "/van-ban/": "title", "/thu-tuc-hanh-chinh/": "name"}
    answers = {
        url: [getattr(item, name) for item in client.get(url, {"q": query}).context["page_obj"]]
        for url, name in lists.items()
    }
    assert answers == {url: [title] if matches else [] for url in lists}


def test_the_demo_documents_and_procedures_hold_the_search_text_a_save_would_store():
    for name in ("50_documents.json", "30_procedures.json"):
        call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / name), verbosity=0)
    documents, procedures = Document.objects.all(), Procedure.objects.all()
    assert documents and procedures
    for document in documents:
        assert document.search_text == document.catalogue_text(), document.number
    for procedure in procedures:
        assert procedure.search_text == Procedure.make_search_text(procedure.code, procedure.name), procedure.code
