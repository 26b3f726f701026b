"""Small builders for procedure tests."""

from datetime import datetime

from django.utils import timezone

from procedures.models import Channel, Dossier, DossierStatus, Level, OnlineLevel, Procedure, Sector


def at(text):
    """An aware local time from "dd/mm/yyyy HH:MM"."""
    return timezone.make_aware(datetime.strptime(text, "%d/%m/%Y %H:%M"))


def make_sector(name="Việc làm", order=0):
    return Sector.objects.get_or_create(name=name, defaults={"order": order})[0]


def make_procedure(code="1.000001", name="Giải quyết hưởng trợ cấp thất nghiệp", sector=None, days=5, **extra):
    extra.setdefault("level", Level.PROVINCE)
    extra.setdefault("online_level", OnlineLevel.FULL)
    return Procedure.objects.create(code=code, name=name, sector=sector or make_sector(), processing_days=days, **extra)


def make_dossier(
    code="000.00.26.H99.000001",
    procedure=None,
    received="02/03/2026 08:00",
    due=None,
    result=None,
    status=DossierStatus.PROCESSING,
    channel=Channel.ONLINE,
    applicant="Nguyễn Văn An",
):
    return Dossier.objects.create(
        code=code,
        procedure=procedure or Procedure.objects.first() or make_procedure(),
        channel=channel,
        received_at=at(received),
        due_at=at(due) if due else None,
        result_at=at(result) if result else None,
        status=status,
        applicant_name=applicant,
    )
