from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Questions and answers")

    def ready(self):
        from dolisa_site import caching, widgets, worklist

        from .models import Question, QuestionStatus, Topic

        caching.watch(Question)
        caching.watch(Topic)

        widgets.register("sidebar.middle", "questions.ask", "questions/widgets/ask.html", order=60, keep=True)

        unanswered = [QuestionStatus.RECEIVED, QuestionStatus.IN_PROGRESS]
        worklist.register(
            "questions.unanswered",
            _("Questions not yet answered"),
            "questions.change_question",
            lambda user: Question.objects.filter(status__in=unanswered).count(),
            lambda user: worklist.admin_list("admin:questions_question_changelist", status__in=",".join(unanswered)),
        )
