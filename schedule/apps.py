from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = _("Weekly work schedule")

    def ready(self):
        from dolisa_site import caching, widgets, worklist

        from .models import Item, Week, WeekStatus, next_midnight
        from .views import remaining_block

        # Which week is current and which day is today change with the local date alone:
        # nothing showing the schedule is kept past the next midnight.
        caching.watch(Week, due=next_midnight)
        caching.watch(Item)

        widgets.register(
            "sidebar.middle",
            "schedule.remaining",
            "schedule/widgets/remaining.html",
            context=remaining_block,
            order=20,
            keep=True,
        )

        worklist.register(
            "schedule.unpublished",
            _("Weekly schedules not published"),
            "schedule.publish_week",
            lambda user: Week.objects.filter(status=WeekStatus.DRAFT).count(),
            lambda user: worklist.admin_list("admin:schedule_week_changelist", status__exact=WeekStatus.DRAFT),
        )
