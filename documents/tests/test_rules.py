"""Publishing and withdrawing documents in bulk."""

import pytest

from documents.models import Document

from .factories import make_document

pytestmark = pytest.mark.django_db


def test_publish_and_withdraw_in_bulk():
    shown = make_document(number="1/2024/QĐ-UBND")
    hidden = make_document(number="2/2024/QĐ-UBND", is_published=False)
    assert Document.objects.filter(pk=hidden.pk).publish() == 1
    assert set(Document.objects.published()) == {shown, hidden}
    assert Document.objects.withdraw() == 2
    assert not Document.objects.filter(is_published=True).exists()
