"""Keep the rollups in step with every save and delete of a dossier, and the computed
due dates with every change of the holiday calendar."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import rollups
from .models import Dossier, Holiday


@receiver(pre_save, sender=Dossier)
def remember_old_days(sender, instance, raw, **kwargs):
    """A change of dates moves the dossier out of the days it counted in before."""
    instance._rollup_days_before = set()
    if instance.pk:
        old = Dossier.objects.filter(pk=instance.pk).values("received_at", "result_at", "due_at").first()
        if old:
            instance._rollup_days_before = rollups.days_of(old["received_at"], old["result_at"])
            typed = instance.due_at != old["due_at"] and not getattr(instance, "_due_counted_now", False)
            if instance.due_computed and typed:
                # An official typed a due date: it is given now, and a calendar change leaves it alone.
                instance.due_computed = False


@receiver(post_save, sender=Dossier)
def refresh_after_save(sender, instance, raw, **kwargs):
    # Fixtures (raw) count too: the demo's widget must show its figures on first run.
    before = getattr(instance, "_rollup_days_before", set())
    rollups.refresh(before | rollups.days_of(instance.received_at, instance.result_at))


@receiver(post_delete, sender=Dossier)
def refresh_after_delete(sender, instance, **kwargs):
    rollups.refresh(rollups.days_of(instance.received_at, instance.result_at))


@receiver(pre_save, sender=Holiday)
def remember_old_date(sender, instance, raw, **kwargs):
    instance._date_before = None
    if instance.pk:
        instance._date_before = Holiday.objects.filter(pk=instance.pk).values_list("date", flat=True).first()


@receiver(post_save, sender=Holiday)
def follow_calendar_after_save(sender, instance, raw, **kwargs):
    before = getattr(instance, "_date_before", None)
    rollups.follow_calendar({instance.date} | ({before} if before else set()))


@receiver(post_delete, sender=Holiday)
def follow_calendar_after_delete(sender, instance, **kwargs):
    rollups.follow_calendar({instance.date})
