"""Synthetic dossiers for the benchmarks (manage.py generate_load_dossiers, bench/procedures_generate.py).

Dossiers spread over three years up to yesterday; about 93 % resolved (a few
late), 5 % returned or withdrawn, the rest pending (recent ones mostly within
the deadline). Dossier `number` is made from its block of CHUNK numbers and the
seed alone, so the same options always give the same dossiers.
"""

import random
from datetime import timedelta

from django.utils import timezone

from .models import Channel, DossierStatus

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Sơn", "Vy"]
YEARS = 3
CHUNK = 10_000
CODE_DIGITS = 8


def code(prefix, number):
    return f"{prefix}.{number:0{CODE_DIGITS}d}"


def dossiers(numbers, procedures, calendar, seed, prefix, now=None):
    """Yield (code, procedure id, procedure code, channel, received, due, result, status, applicant)
    for the given ascending dossier numbers."""
    now = now or timezone.now()
    first = now - timedelta(days=365 * YEARS)
    span = (now - timedelta(days=1) - first).total_seconds()
    rng, position = None, None
    for number in numbers:
        chunk, offset = divmod(number, CHUNK)
        if position is None or position[0] != chunk or position[1] > offset:
            rng, position = random.Random(f"dossiers:{seed}:{chunk}"), (chunk, 0)
        # Dossiers before this one in its chunk are drawn and dropped, so each number's dossier is always the same.
        while position[1] <= offset:
            made = _one(rng, procedures, calendar, first, span, now)
            position = (chunk, position[1] + 1)
        yield (code(prefix, number), *made)


def _one(rng, procedures, calendar, first, span, now):
    procedure_id, procedure_code, days = rng.choice(procedures)
    received = first + timedelta(seconds=rng.random() * span)
    received = received.replace(microsecond=0, second=0)
    due = calendar.due_at(received, days)
    roll = rng.random()
    if roll < 0.93:
        status = DossierStatus.RESOLVED
        if rng.random() < 0.03:
            result = due + timedelta(hours=rng.randint(1, 240))
        else:
            result = received + (due - received) * rng.random()
    elif roll < 0.98:
        status = rng.choice([DossierStatus.RETURNED, DossierStatus.WITHDRAWN])
        result = received + timedelta(hours=rng.randint(1, 72))
    else:
        status, result = rng.choice([DossierStatus.PROCESSING, DossierStatus.AWAITING]), None
    if result is not None and result > now:
        status, result = DossierStatus.PROCESSING, None
    channel = rng.choice([Channel.ONLINE, Channel.ONLINE, Channel.IN_PERSON, Channel.POST])
    applicant = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return procedure_id, procedure_code, channel, received, due, result, status, applicant
