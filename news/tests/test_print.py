"""Printing an article: the print view is the article as a document, without the readers' comments or the form."""

import pytest

from dolisa_site.tests.factories import make_menu, make_profile

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    make_menu()
    make_profile(name="Sở Lao động - Thương binh và Xã hội")
    return make_article(
        title="Hội chợ việc làm tháng Ba",
        body="<p>Phiên giao dịch có hơn 2.000 vị trí.</p>",
        author="Thu Hà",
        source_note="Trung tâm Dịch vụ việc làm",
        comments_open=True,
    )


def test_the_print_view_is_the_article_as_a_document(client, article):
    html = client.get(article.get_print_url()).content.decode()
    for text in (
        article.title,
        "Phiên giao dịch có hơn 2.000 vị trí.",
        "Thu Hà",
        "Trung tâm Dịch vụ việc làm",
        article.category.name,
        "Sở Lao động - Thương binh và Xã hội",
        f"http://testserver{article.get_absolute_url()}",
    ):
        assert text in html
    assert "comment-form" not in html and 'name="body"' not in html and "y-kien-ban-doc" not in html
    # The site's font and the shared print rules, not a stylesheet of its own for paper.
    assert "site/css/site.css" in html and 'site/css/print.css" media="print"' in html
    assert "In bài viết</button>" in html and "Quay lại bài viết" in html


def test_the_article_links_to_its_print_view_and_prints_its_address(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{article.get_print_url()}"' in html
    assert f'class="article__address">Địa chỉ bài viết: http://testserver{article.get_absolute_url()}<' in html
