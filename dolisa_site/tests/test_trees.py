"""The two-level tree rule (dolisa_site.trees) on the main menu and on the news categories."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from dolisa_site.models import MenuItem
from news.models import Category

pytestmark = pytest.mark.django_db


def menu_entry(title, parent=None):
    return MenuItem(title=title, link="/muc/", parent=parent)


def category(title, parent=None):
    return Category(name=title, parent=parent)


TREES = pytest.mark.parametrize("make", [menu_entry, category], ids=["menu", "categories"])


def refusal(entry):
    with pytest.raises(ValidationError) as refused:
        entry.clean()
    return refused.value.message_dict


@TREES
def test_a_parent_is_top_level_and_an_entry_with_children_stays_top_level(make):
    top, other = make("Tin tức"), make("Giới thiệu")
    top.save()
    other.save()
    child = make("Lao động", parent=top)
    child.clean()
    child.save()
    model = type(top)
    assert set(model.objects.top_level()) == {top, other}

    assert refusal(make("Cấp ba", parent=child)) == {"parent": [str(model.parent_not_top_level_message)]}
    other.parent_id = other.pk  # as the admin's form sets it: the parent read is the stored, top-level row
    assert refusal(other) == {"parent": [str(model.parent_not_top_level_message)]}
    other.parent_id = None
    top.parent = other
    assert refusal(top) == {"parent": [str(model.has_children_message)]}


@TREES
def test_the_sub_entry_inline_offers_new_rows_on_a_top_level_entry_only(make, superuser):
    top = make("Tin tức")
    top.save()
    child = make("Lao động", parent=top)
    child.save()
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = admin.site._registry[type(top)]
    (inline,) = model_admin.get_inline_instances(request, top)
    assert inline.has_add_permission(request, top)
    assert inline.has_add_permission(request, None)
    assert not inline.has_add_permission(request, child)
