"""The one-row models (dolisa_site.singletons) and their one admin."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dolisa_site.models import AboutPage, SiteProfile
from dolisa_site.singletons import SingletonAdmin, SingletonDeleteError, SingletonModel
from procedures.models import ResultsWidget
from stats.models import Baseline

SINGLETONS = [SiteProfile, AboutPage, ResultsWidget, Baseline]


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_page(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[1])


@pytest.mark.parametrize("model", SINGLETONS)
def test_every_singleton_uses_the_one_base_and_the_one_admin(model):
    assert issubclass(model, SingletonModel)
    assert isinstance(admin.site._registry[model], SingletonAdmin)


@pytest.mark.parametrize("model", SINGLETONS)
def test_load_reads_without_writing(db, model):
    with CaptureQueriesContext(connection) as queries:
        row = model.load()
    assert row.pk == 1 and row._state.adding  # the defaults, unsaved
    assert queries.captured_queries, "load() reads the table"
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries.captured_queries)
    assert not model.objects.exists()


def test_load_gives_the_saved_row_from_the_cache(db, django_assert_num_queries):
    SiteProfile(name="Sở Thử Nghiệm").save()
    assert SiteProfile.load().name == "Sở Thử Nghiệm"
    with django_assert_num_queries(0):
        assert SiteProfile.load().name == "Sở Thử Nghiệm"


@pytest.mark.parametrize("model", SINGLETONS)
def test_saving_a_second_instance_keeps_one_row(db, model):
    model().save()
    model().save()
    assert list(model.objects.values_list("pk", flat=True)) == [1]


def test_a_second_save_overwrites_the_one_row(db):
    SiteProfile(name="Sở Cũ").save()
    SiteProfile(name="Sở Mới").save()
    assert SiteProfile.objects.get().name == "Sở Mới"


@pytest.mark.parametrize("model", SINGLETONS)
def test_the_row_cannot_be_deleted(db, model):
    model().save()
    with pytest.raises(SingletonDeleteError):
        model.objects.get().delete()
    assert model.objects.count() == 1


@pytest.mark.parametrize("model", SINGLETONS)
def test_admin_list_creates_the_row_and_goes_to_its_form(admin_client, model):
    response = admin_client.get(changelist(model))
    assert response.status_code == 302
    assert response.url == change_page(model)
    assert model.objects.count() == 1
    assert admin_client.get(response.url).status_code == 200


def test_admin_list_writes_the_defaults(admin_client):
    admin_client.get(changelist(SiteProfile))
    assert SiteProfile.objects.get().name == SiteProfile.default_name()


def test_admin_list_of_someone_without_permission_is_refused_and_writes_nothing(client, reviewer):
    client.force_login(reviewer)  # may edit the menu, not the profile
    assert client.get(changelist(SiteProfile)).status_code == 403
    assert not SiteProfile.objects.exists()


def test_no_add_once_the_row_exists_and_never_a_delete(db, superuser):
    model_admin = admin.site._registry[SiteProfile]
    request = RequestFactory().get("/")
    request.user = superuser
    assert model_admin.has_add_permission(request)
    model_admin.model.get_or_create_row()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.has_delete_permission(request, SiteProfile.objects.get())
