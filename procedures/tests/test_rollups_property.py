"""Rollups agree with counting the raw dossiers after any sequence of saves,
edits, deletes and imports (property-based, with Hypothesis)."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from procedures import counting, rollups
from procedures.importing import CHANNEL_NAMES, STATUS_NAMES, DossierImporter
from procedures.models import Channel, DailyRollup, Dossier, DossierStatus, Holiday, MonthlyRollup

from .factories import at, make_procedure

START = at("23/02/2026 07:00")
dossier_specs = st.fixed_dictionaries(
    {
        "code": st.integers(0, 15).map(lambda n: f"HS-{n:03d}"),
        "procedure": st.integers(0, 1),
        "channel": st.sampled_from(list(Channel)),
        # Minutes after START: about two months, crossing a month boundary.
        "received": st.integers(0, 60 * 24 * 60),
        "due_after": st.one_of(st.none(), st.integers(0, 60 * 24 * 20)),
        "result_after": st.integers(0, 60 * 24 * 25),
        "status": st.sampled_from(list(DossierStatus)),
    }
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("save"), dossier_specs),
        st.tuples(st.just("delete"), st.integers(0, 15)),
        st.tuples(st.just("import"), st.lists(dossier_specs, min_size=1, max_size=6)),
    ),
    min_size=1,
    max_size=8,
)


def moments(spec):
    received = START + timedelta(minutes=spec["received"])
    due = received + timedelta(minutes=spec["due_after"]) if spec["due_after"] is not None else None
    finished = spec["status"] in (DossierStatus.RESOLVED, DossierStatus.RETURNED, DossierStatus.WITHDRAWN)
    result = received + timedelta(minutes=spec["result_after"]) if finished else None
    return received, due, result


def local(moment):
    return f"{moment.astimezone(START.tzinfo):%d/%m/%Y %H:%M}" if moment else ""


class RollupsAgreeWithRawCounts(TestCase):
    def setUp(self):
        Holiday.objects.create(date=date(2026, 3, 9), name="Ngày nghỉ thử nghiệm")
        self.procedures = [make_procedure("P-1", days=3), make_procedure("P-2", days=0)]

    def save(self, spec):
        received, due, result = moments(spec)
        dossier = Dossier.objects.filter(code=spec["code"]).first() or Dossier(code=spec["code"])
        dossier.procedure = self.procedures[spec["procedure"]]
        dossier.channel, dossier.status = spec["channel"], spec["status"]
        dossier.received_at, dossier.due_at, dossier.result_at = received, due, result
        dossier.save()

    def import_rows(self, specs):
        lines = ["Mã hồ sơ,Mã thủ tục,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái"]
        for spec in specs:
            received, due, result = moments(spec)
            procedure = self.procedures[spec["procedure"]].code
            lines.append(
                f"{spec['code']},{procedure},{CHANNEL_NAMES[spec['channel']]},{local(received)},{local(due)},"
                f"{local(result)},{STATUS_NAMES[spec['status']]}"
            )
        run = DossierImporter().run("ho-so.csv", "\n".join(lines).encode())
        assert run.refused == ""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(operations)
    def test_rollups_equal_raw_counts(self, steps):
        for action, argument in steps:
            if action == "save":
                self.save(argument)
            elif action == "delete":
                for dossier in Dossier.objects.filter(code=f"HS-{argument:03d}"):
                    dossier.delete()
            else:
                self.import_rows(argument)

        for first, last in [
            (date(2026, 2, 1), date(2026, 2, 28)),
            (date(2026, 3, 1), date(2026, 3, 31)),
            (date(2026, 4, 1), date(2026, 5, 31)),
            (date(2026, 2, 27), date(2026, 4, 2)),  # ragged ends around whole months
            (date(2026, 3, 5), date(2026, 3, 20)),  # inside one month
            (date(2026, 1, 1), date(2026, 12, 31)),
        ]:
            raw = counting.tally(Dossier.objects.all(), first, last)
            for procedure in self.procedures:
                for channel in Channel:
                    subset = DailyRollup.objects.filter(procedure=procedure, channel=channel)
                    from_rollups, _computed = rollups.figures(subset, first, last)
                    raw_subset = counting.tally(
                        Dossier.objects.filter(procedure=procedure, channel=channel), first, last
                    )
                    assert from_rollups == raw_subset
            assert rollups.figures(DailyRollup.objects.all(), first, last)[0] == raw
            breakdown = rollups.Breakdown(DailyRollup.objects.all(), MonthlyRollup.objects.all(), first, last)
            assert breakdown.total() == raw
        for day in (date(2026, 3, 1), date(2026, 3, 17), date(2026, 4, 1)):
            moment = at(f"{day:%d/%m/%Y} 00:00")
            assert rollups.carried_over(DailyRollup.objects.all(), MonthlyRollup.objects.all(), day) == (
                Dossier.objects.filter(received_at__lt=moment).exclude(result_at__lt=moment).count()
            )

        monthly = sorted(
            MonthlyRollup.objects.values_list(
                "month", "procedure", "channel", "received", "resolved", "late", "withdrawn", "processing_seconds"
            )
        )
        incremental = sorted(
            DailyRollup.objects.values_list(
                "day",
                "procedure",
                "channel",
                "received",
                "resolved",
                "early",
                "on_time",
                "late",
                "returned",
                "withdrawn",
                "processing_seconds",
            )
        )
        rollups.rebuild()
        rebuilt = sorted(
            DailyRollup.objects.values_list(
                "day",
                "procedure",
                "channel",
                "received",
                "resolved",
                "early",
                "on_time",
                "late",
                "returned",
                "withdrawn",
                "processing_seconds",
            )
        )
        assert incremental == rebuilt
        assert monthly == sorted(
            MonthlyRollup.objects.values_list(
                "month", "procedure", "channel", "received", "resolved", "late", "withdrawn", "processing_seconds"
            )
        )
