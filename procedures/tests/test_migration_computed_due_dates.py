"""Migration 0008: dossiers stored before 0006 (due_computed False for all) are marked computed when
their due date is exactly what the rule computes, and nothing else changes."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from procedures.models import DailyRollup, Dossier, DossierStatus, Holiday

from .factories import at, make_dossier, make_procedure

pytestmark = pytest.mark.django_db
migration = importlib.import_module("procedures.migrations.0008_mark_computed_due_dates")


def before_0006(code, procedure, received, due=None, **extra):
    """A dossier as 0006 left it: whatever its due date, not marked computed."""
    dossier = make_dossier(code, procedure, received=received, due=due, **extra)
    Dossier.objects.filter(pk=dossier.pk).update(due_computed=False)
    return dossier


def computed():
    return set(Dossier.objects.filter(due_computed=True).values_list("code", flat=True))


def test_the_due_dates_the_rule_computes_are_marked_and_nothing_moves():
    one_day = make_procedure("1.000001", days=1)
    # The department's own day off counts: 03/03 is off, so one day after Monday 02/03 is 04/03.
    Holiday.objects.create(date=date(2026, 3, 3), kind=Holiday.Kind.DAY_OFF, name="Nghỉ của tỉnh")
    before_0006("BLANK", one_day, "02/03/2026 08:00", result="04/03/2026 10:00", status=DossierStatus.RESOLVED)
    before_0006("GIVEN-AS-COMPUTED", one_day, "02/03/2026 09:00", due="04/03/2026 17:00")
    before_0006("GIVEN-OTHER-DAY", one_day, "02/03/2026 08:00", due="05/03/2026 17:00")
    before_0006("GIVEN-OTHER-TIME", one_day, "02/03/2026 08:00", due="04/03/2026 16:30")
    before_0006("GIVEN-ON-THE-DAY-OFF", one_day, "02/03/2026 08:00", due="03/03/2026 17:00")
    # Counted before the national calendar existed, with no Holiday rows: due on Tết (16/02/2026).
    # Today's rule gives 23/02: not computed by it, so left as it is.
    before_0006("TET-OLD-RULE", one_day, "13/02/2026 08:00", due="16/02/2026 17:00")
    make_dossier("SINCE-0006", one_day, received="09/03/2026 08:00")  # already marked: stays so
    assert Dossier.objects.get(code="BLANK").due_at == at("04/03/2026 17:00")
    assert computed() == {"SINCE-0006"}
    due_dates = dict(Dossier.objects.values_list("code", "due_at"))
    updated = dict(Dossier.objects.values_list("code", "updated_at"))
    rollups = list(DailyRollup.objects.order_by("pk").values())

    migration.mark_computed(apps, None)

    assert computed() == {"BLANK", "GIVEN-AS-COMPUTED", "SINCE-0006"}
    assert dict(Dossier.objects.values_list("code", "due_at")) == due_dates
    assert dict(Dossier.objects.values_list("code", "updated_at")) == updated
    assert list(DailyRollup.objects.order_by("pk").values()) == rollups
    migration.mark_computed(apps, None)  # a second run finds nothing more
    assert computed() == {"BLANK", "GIVEN-AS-COMPUTED", "SINCE-0006"}

    # What the marking is for: a later change of the calendar moves the marked ones only.
    Holiday.objects.filter(date=date(2026, 3, 3)).delete()
    moved = dict(Dossier.objects.values_list("code", "due_at"))
    assert moved["BLANK"] == moved["GIVEN-AS-COMPUTED"] == at("03/03/2026 17:00")
    assert moved["GIVEN-OTHER-DAY"] == at("05/03/2026 17:00")
    assert moved["GIVEN-ON-THE-DAY-OFF"] == at("03/03/2026 17:00")
    assert moved["TET-OLD-RULE"] == at("16/02/2026 17:00")


def test_a_procedure_whose_processing_days_changed_is_left_unmarked():
    procedure = make_procedure("1.000001", days=1)
    before_0006("A", procedure, "02/03/2026 08:00")
    procedure.processing_days = 3
    procedure.save()
    migration.mark_computed(apps, None)
    assert computed() == set()
