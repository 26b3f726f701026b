from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Questions and answers")

    def ready(self):
        from dolisa_site import caching, widgets

        from .models import Question, Topic

        caching.watch(Question)
        caching.watch(Topic)

        widgets.register("sidebar.middle", "questions.ask", "questions/widgets/ask.html", order=60, keep=True)
