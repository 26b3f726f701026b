"""Citizens' questions and the department's answers (Decree 42/2022/NĐ-CP, Article 4).

A question is kept with the asker's contact details for staff only; what the
public site shows of an answered question is its topic, text and answer,
never who asked. The tracking code lets the asker follow it without an account.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I: codes are read aloud over the phone and typed by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
QUESTION_MAX_LENGTH = 5000


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("question topic")
        verbose_name_plural = _("question topics")

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=QuestionStatus.ANSWERED, is_published=True)

    def publish(self):
        """Show the answered ones among these on the site; the others cannot be. Returns how many."""
        return self.filter(status=QuestionStatus.ANSWERED).update(is_published=True)

    def withdraw(self):
        """Take these off the site. Returns how many."""
        return self.update(is_published=False)


def new_tracking_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


def normalise_tracking_code(text):
    """What a person typed ("hd-7k3q x9pa") as a stored code ("7K3QX9PA")."""
    code = "".join(char for char in (text or "").upper() if char.isalnum())
    return code.removeprefix("HD")


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("Received by the department")
    IN_PROGRESS = "in_progress", _("Being answered")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Not answered")


class Question(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=CODE_LENGTH, unique=True, editable=False)
    name = models.CharField(_("full name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="questions")
    title = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.RECEIVED
    )
    answer = models.TextField(_("answer"), blank=True)
    decline_reason = models.CharField(
        _("reason for not answering"),
        max_length=300,
        blank=True,
        help_text=_("Shown to the asker on the status page, e.g. the question is outside the department's remit."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published on the site"),
        default=False,
        help_text=_("Only answered questions are shown, without the asker's contact details."),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("citizen's question")
        verbose_name_plural = _("citizens' questions")
        indexes = [models.Index(fields=["status", "is_published", "-answered_at"], name="questions_published_idx")]

    def __str__(self):
        return f"{self.display_code} – {self.title}"

    @property
    def display_code(self):
        return f"HD-{self.tracking_code}"

    def clean(self):
        if self.status == QuestionStatus.ANSWERED and not self.answer.strip():
            raise ValidationError({"answer": _("Write the answer before marking the question answered.")})
        if self.status == QuestionStatus.DECLINED and not self.decline_reason.strip():
            raise ValidationError({"decline_reason": _("Tell the asker why the question is not answered.")})
        if self.is_published and self.status != QuestionStatus.ANSWERED:
            raise ValidationError({"is_published": _("Only an answered question can be published.")})

    # --- Replying ------------------------------------------------------------------

    REPLIED = (QuestionStatus.ANSWERED, QuestionStatus.DECLINED)

    def stamp_reply(self, by):
        """Record who replied and when, if the question now stands answered or declined
        (called when its status or answer has just changed). True if stamped."""
        if self.status not in self.REPLIED:
            return False
        self.answered_by = by
        self.answered_at = timezone.now()
        return True

    def give_answer(self, text, by):
        """Answer the question as staff member `by`, stamped; saved (publishing is a separate step).
        An empty answer is refused (ValidationError, from clean())."""
        self.answer, self.status = text, QuestionStatus.ANSWERED
        self.clean()
        self.stamp_reply(by)
        self.save()

    def decline(self, reason, by):
        """Decline to answer, telling the asker why, as staff member `by`, stamped; saved and taken
        off the site. An empty reason is refused (ValidationError, from clean())."""
        self.decline_reason, self.status, self.is_published = reason, QuestionStatus.DECLINED, False
        self.clean()
        self.stamp_reply(by)
        self.save()

    def save(self, *args, **kwargs):
        if not self.tracking_code:
            self.tracking_code = new_tracking_code()
            while Question.objects.filter(tracking_code=self.tracking_code).exists():
                self.tracking_code = new_tracking_code()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.pk])
