from datetime import timedelta

from django.utils import timezone

from polls.models import Choice, Poll


def make_poll(
    question="Bạn đánh giá thế nào về chất lượng giải quyết thủ tục hành chính của Sở?",
    choices=("Rất hài lòng", "Hài lòng", "Chưa hài lòng"),
    **fields,
):
    fields.setdefault("opens_at", timezone.now() - timedelta(days=1))
    poll = Poll.objects.create(question=question, **fields)
    for order, text in enumerate(choices):
        Choice.objects.create(poll=poll, text=text, order=order)
    return poll
