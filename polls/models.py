"""Opinion polls: a question, its choices, and at most one vote per visitor.

Counts live on the rows (Choice.votes, Poll.total_votes) and grow with F()
updates inside the transaction that records the vote, so concurrent votes
are all counted and a repeated vote is stopped by the unique constraint.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site import scheduled
from dolisa_site.request_info import parse_id


class VoteRefused(Exception):
    """A vote that cannot be counted; `reason` is one of the class constants."""

    CLOSED = "closed"
    ALREADY_VOTED = "already_voted"
    UNKNOWN_CHOICE = "unknown_choice"
    ADDRESS_LIMIT = "address_limit"

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class PollQuerySet(scheduled.OpenWindowQuerySet):
    """Polls on the site from their opens_at while published, open until their closes_at if any."""

    closing_optional = True


class Poll(models.Model):
    question = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Empty: open until an editor sets a date.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    total_votes = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self):
        return self.question

    def clean(self):
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A poll must close after it opens.")})

    def get_absolute_url(self):
        return reverse("polls:detail", args=[self.pk])

    @property
    def is_open(self):
        now = timezone.now()
        return self.is_published and self.opens_at <= now and (self.closes_at is None or self.closes_at > now)

    def record_vote(self, choice_id, visitor_key, address_key="", address_limit=None):
        """Count one vote, or raise VoteRefused saying why not.

        With an address_key, at most address_limit votes carrying it are
        counted (see visitors.address_key: one address, one poll, one day).
        """
        if not self.is_open:
            raise VoteRefused(VoteRefused.CLOSED)
        pk = parse_id(choice_id)
        choice = self.choices.filter(pk=pk).first() if pk is not None else None
        if choice is None:
            raise VoteRefused(VoteRefused.UNKNOWN_CHOICE)
        try:
            with transaction.atomic():
                # Votes on one poll take turns (PostgreSQL row lock; SQLite
                # transactions are immediate), so the count below stays true.
                Poll.objects.select_for_update().filter(pk=self.pk).values_list("pk").first()
                if address_key and address_limit is not None:
                    if Vote.objects.filter(poll=self, address_key=address_key).count() >= address_limit:
                        raise VoteRefused(VoteRefused.ADDRESS_LIMIT)
                Vote.objects.create(poll=self, choice=choice, visitor_key=visitor_key, address_key=address_key)
                Choice.objects.filter(pk=choice.pk).update(votes=F("votes") + 1)
                Poll.objects.filter(pk=self.pk).update(total_votes=F("total_votes") + 1)
        except IntegrityError:
            raise VoteRefused(VoteRefused.ALREADY_VOTED) from None
        return choice

    def results(self):
        """Each choice with its count and its share of all votes, in percent (one decimal)."""
        return tally((choice.pk, choice.text, choice.votes) for choice in self.choices.all())


def tally(choices):
    """Poll.results() of the (id, text, votes) of a poll's choices, in their order."""
    choices = list(choices)
    total = sum(votes for _id, _text, votes in choices)
    return [
        {"id": pk, "text": text, "votes": votes, "percent": round(votes * 100 / total, 1) if total else 0.0}
        for pk, text, votes in choices
    ], total


class Choice(models.Model):
    poll = models.ForeignKey(Poll, related_name="choices", on_delete=models.CASCADE)
    text = models.CharField(_("choice"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    votes = models.PositiveIntegerField(_("votes"), default=0, editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class Vote(models.Model):
    """One visitor's vote. `visitor_key` is a keyed hash (see visitors.py), never an address."""

    poll = models.ForeignKey(Poll, related_name="votes", on_delete=models.CASCADE)
    choice = models.ForeignKey(Choice, related_name="+", on_delete=models.CASCADE)
    visitor_key = models.CharField(max_length=64)
    # A keyed hash of the address alone (visitors.address_key), for the per-address limit.
    address_key = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "visitor_key"], name="polls_one_vote_per_visitor")]
        indexes = [models.Index(fields=["poll", "address_key"], name="polls_votes_per_address")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
