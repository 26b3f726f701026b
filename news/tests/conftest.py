import pytest

from dolisa_site.tests.factories import make_menu, make_profile

from .factories import make_article


@pytest.fixture
def article(db):
    """An article open for comments, in the site's layout."""
    make_menu()
    make_profile()
    return make_article(title="Hội chợ việc làm tháng Ba", comments_open=True)
