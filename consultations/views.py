"""Public pages of the drafts for comment: the list, a draft's page with its comment form, the home block."""

import logging

from django.db.models import Value
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dolisa_site import caching, scheduled
from dolisa_site.comments import handle_comment_form
from dolisa_site.list_urls import PAGE
from dolisa_site.lists import PublicListView
from dolisa_site.throttle import Throttle

from .filters import DraftFilter
from .forms import CommentForm
from .models import Attachment, Comment, Draft

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
OPEN_COUNT = 5  # on the home page
# At most five comments an hour from one address.
COMMENTING = Throttle("consultations:comment", limit=5, window=60 * 60)
# What a draft's page shows.
DRAFT_PAGE = (Draft, Attachment, Comment)


class DraftList(PublicListView):
    filterset_class = DraftFilter
    template_name = "consultations/draft_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Draft.objects.published().newest()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound: an empty query is an empty filter.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            now=timezone.now(),
            is_filtered=any(value for key, value in self.request.GET.items() if key != PAGE),
            breadcrumbs=[(_("Drafts for comment"), None)],
            **kwargs,
        )


draft_list = caching.public_page(Draft)(DraftList.as_view())


@caching.public_page(*DRAFT_PAGE)
def draft_detail(request, slug):
    draft = get_object_or_404(Draft.objects.published(), slug=slug)
    return render(request, "consultations/draft_detail.html", draft_context(draft, CommentForm()))


@require_POST
def post_comment(request, slug):
    """A comment on an open draft, held for moderation (POST/redirect/GET); refused once the draft has closed."""
    draft = get_object_or_404(Draft.objects.published(), slug=slug)
    if not draft.is_open():
        logger.info("Comment refused: draft %s closed at %s", draft.pk, draft.open_until.isoformat())
        context = draft_context(draft, None)
        context["refused_after_deadline"] = True
        return render(request, "consultations/draft_detail.html", context, status=403)

    def render_form(form, throttled):
        context = draft_context(draft, form)
        context["comment_throttled"] = throttled
        return render(request, "consultations/draft_detail.html", context)

    return handle_comment_form(
        request,
        CommentForm(request.POST, instance=Comment(draft=draft)),
        on=draft,
        throttle=COMMENTING,
        render_form=render_form,
        logger=logger,
        success_message=_(
            "Thank you for your comment. It has been sent to the drafting unit and will be shown on this page "
            "once a reviewer publishes it."
        ),
    )


def draft_context(draft, comment_form):
    return {
        "draft": draft,
        "is_open": draft.is_open(),
        "attachments": list(draft.attachments.all()),
        "received_count": draft.comments.received().count(),
        # Names and comments only: the template is given nothing else of the sender.
        "comments": list(draft.comments.published().values("name", "organisation", "body", "created_at")),
        "comment_form": comment_form,
        "breadcrumbs": [(_("Drafts for comment"), reverse("consultations:list")), (draft.title, None)],
    }


def open_block(request):
    """Context for the home page block: the drafts open for comment now, or no block while none is."""
    drafts = scheduled.cached("consultations:open", _read_open, of=Draft, shows=[Draft])
    return {"drafts": drafts} if drafts else None


def _read_open(now):
    """The next moment a draft opens or closes and the drafts open as of `now`, soonest deadline first,
    in one query (dolisa_site.scheduled): the open drafts and the next to open and to close as the
    members of a UNION ALL, each labelled (each wrapped in "pk IN (…)": SQLite allows no LIMIT in the
    members of a compound query)."""
    parts = {"open": Draft.objects.open(now).order_by("open_until", "pk").values("pk")[:OPEN_COUNT]}
    parts.update(Draft.objects.next_scheduled(now))
    members = [
        Draft.objects.filter(pk__in=query).order_by().annotate(part=Value(name)) for name, query in parts.items()
    ]
    rows = list(members[0].union(*members[1:], all=True))
    moments = [getattr(row, row.part) for row in rows if row.part != "open"]
    drafts = sorted((row for row in rows if row.part == "open"), key=lambda row: (row.open_until, row.pk))
    return min(moments, default=None), drafts
