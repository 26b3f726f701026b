import logging

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dolisa_site import caching
from dolisa_site.list_urls import PAGE, renamed_parameters
from dolisa_site.lists import PublicListView
from dolisa_site.public_forms import handle_public_form
from dolisa_site.throttle import Throttle

from .filters import QuestionFilter
from .forms import QuestionForm, TrackingForm
from .models import Question, Topic, normalise_tracking_code

logger = logging.getLogger(__name__)

# At most three questions an hour from one address.
SENDING = Throttle("questions:sent", limit=3, window=60 * 60)
# Status checks, found or not, like the dossier lookup: per visitor and for the whole site.
TRACKING = Throttle("questions:track", limit=10, window=15 * 60)
TRACKING_SITE = Throttle("questions:track", limit=600, window=15 * 60, per_visitor=False)

PAGE_SIZE = 10
SESSION_KEY = "questions:last-code"


def _crumbs(*tail):
    return [(_("Questions and answers"), reverse("questions:list")), *tail]


class QuestionList(PublicListView):
    filterset_class = QuestionFilter
    template_name = "questions/question_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Question.objects.published().select_related("topic").order_by("-answered_at", "-pk")

    def get_context_data(self, **kwargs):
        form = self.filterset.form
        topic = form.cleaned_data.get("chu-de") if self.filterset.is_bound and self.filterset.is_valid() else None
        return super().get_context_data(
            topics=Topic.objects.all(), topic=topic, breadcrumbs=[(_("Questions and answers"), None)], **kwargs
        )


question_list = renamed_parameters({"trang": PAGE})(caching.public_page(Question, Topic)(QuestionList.as_view()))


@caching.public_page(Question, Topic)
def question_detail(request, pk):
    question = get_object_or_404(Question.objects.published().select_related("topic"), pk=pk)
    return render(
        request,
        "questions/question_detail.html",
        {"question": question, "breadcrumbs": _crumbs((question.title, None))},
    )


@require_http_methods(["GET", "POST"])
@caching.public_page(Topic)
def ask(request):
    crumbs = _crumbs((_("Send a question"), None))
    if request.method == "GET":
        return render(request, "questions/ask.html", {"form": QuestionForm(), "breadcrumbs": crumbs})

    def render_form(form, throttled):
        context = {"form": form, "breadcrumbs": crumbs}
        if throttled:
            context["throttled"] = True
        return render(request, "questions/ask.html", context)

    def save(form):
        question = form.save()
        logger.info("Question %s received (topic %s)", question.display_code, question.topic_id)
        request.session[SESSION_KEY] = question.tracking_code

    return handle_public_form(
        request,
        QuestionForm(request.POST),
        throttle=SENDING,
        render_form=render_form,
        save=save,
        redirect_to="questions:sent",
        logger=logger,
        honeypot_warning="Question form: honeypot field filled in; the submission was dropped",
        on_spam=lambda: request.session.pop(SESSION_KEY, None),
    )


def sent(request):
    code = request.session.get(SESSION_KEY)
    question = Question.objects.filter(tracking_code=code).first() if code else None
    return render(
        request, "questions/sent.html", {"question": question, "breadcrumbs": _crumbs((_("Question sent"), None))}
    )


def track(request):
    form = TrackingForm(request.GET or None)
    question = None
    not_found = False
    if form.is_valid():
        # A visitor already refused adds nothing to the site's count.
        if TRACKING.hit(request) or TRACKING_SITE.hit(request):
            return render(
                request,
                "questions/track.html",
                {"form": form, "throttled": True, "breadcrumbs": _crumbs((_("Check a question's status"), None))},
                status=429,
            )
        code = normalise_tracking_code(form.cleaned_data["ma"])
        question = Question.objects.select_related("topic").filter(tracking_code=code).first()
        not_found = question is None
    return render(
        request,
        "questions/track.html",
        {
            "form": form,
            "question": question,
            "not_found": not_found,
            "breadcrumbs": _crumbs((_("Check a question's status"), None)),
        },
        status=404 if not_found else 200,
    )
