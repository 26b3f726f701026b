import logging

from django.conf import settings
from django.contrib import messages
from django.db.models import CharField, DateTimeField, IntegerField, Value
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dolisa_site import caching, scheduled

from . import visitors
from .models import Choice, Poll, VoteRefused, tally

logger = logging.getLogger(__name__)


REFUSALS = {
    VoteRefused.CLOSED: gettext_lazy("This poll is closed: voting has ended. Here are its results."),
    VoteRefused.ALREADY_VOTED: gettext_lazy("You have already voted in this poll. Each visitor votes once."),
    VoteRefused.UNKNOWN_CHOICE: gettext_lazy("Please choose one of the answers before voting."),
    VoteRefused.ADDRESS_LIMIT: gettext_lazy(
        "This poll has received as many votes from your network address today as it accepts from one address; "
        "no more votes can be counted from this network address until tomorrow."
    ),
}


def _crumbs(poll=None):
    if poll is None:
        return [(_("Polls"), None)]
    return [(_("Polls"), reverse("polls:list")), (poll.question, None)]


@caching.public_page(Poll, Choice)
def poll_list(request):
    polls = list(Poll.objects.published())
    return render(
        request,
        "polls/poll_list.html",
        {
            "open_polls": [poll for poll in polls if poll.is_open],
            "closed_polls": [poll for poll in polls if not poll.is_open],
            "breadcrumbs": _crumbs(),
        },
    )


@caching.public_page(Poll, Choice)
def poll_detail(request, pk):
    """The ballot while the visitor may vote; the results otherwise."""
    poll = get_object_or_404(Poll.objects.published(), pk=pk)
    can_vote = poll.is_open and not visitors.has_voted_cookie(request, poll.pk)
    results, total = poll.results()
    return render(
        request,
        "polls/poll_detail.html",
        {"poll": poll, "can_vote": can_vote, "results": results, "total": total, "breadcrumbs": _crumbs(poll)},
    )


@caching.public_page(Poll, Choice)
def poll_results(request, pk):
    poll = get_object_or_404(Poll.objects.published(), pk=pk)
    results, total = poll.results()
    return render(
        request,
        "polls/poll_detail.html",
        {"poll": poll, "can_vote": False, "results": results, "total": total, "breadcrumbs": _crumbs(poll)},
    )


@require_POST
def vote(request, pk):
    poll = get_object_or_404(Poll.objects.published(), pk=pk)
    results_url = reverse("polls:results", args=[poll.pk])
    try:
        if visitors.has_voted_cookie(request, poll.pk):
            raise VoteRefused(VoteRefused.ALREADY_VOTED)
        poll.record_vote(
            request.POST.get("phuong-an", ""),
            visitors.visitor_key(request, poll.pk),
            address_key=visitors.address_key(request, poll.pk),
            address_limit=settings.POLL_VOTES_PER_ADDRESS,
        )
    except VoteRefused as refusal:
        log = logger.warning if refusal.reason == VoteRefused.ADDRESS_LIMIT else logger.info
        log("Vote refused on poll %s: %s", poll.pk, refusal.reason)
        messages.error(request, REFUSALS[refusal.reason])
        if refusal.reason == VoteRefused.UNKNOWN_CHOICE:
            return redirect(poll.get_absolute_url())
        response = redirect(results_url)
        if refusal.reason == VoteRefused.ALREADY_VOTED:
            visitors.remember_vote(response, poll.pk)
        return response
    messages.success(request, _("Thank you: your vote has been counted."))
    response = redirect(results_url)
    visitors.remember_vote(response, poll.pk)
    return response


def current_poll_block(request):
    """Context for the sidebar block: the newest open poll, as a ballot or, once voted, its results."""
    current = scheduled.cached("polls:current", _read_current, of=Poll, shows=[Poll, Choice])
    if not current or (request is not None and request.path.startswith(current["url"])):
        return None  # no poll, or the page already shows this one
    has_voted = visitors.has_voted_cookie(request, current["id"])
    if has_voted:
        # Only voters see the counts, on pages kept apart by their vote cookie (pagecache.py):
        # counted now, so a voter finds their own vote in them.
        results, total = Poll(pk=current["id"]).results()
        current = {**current, "results": results, "total": total}
    return {"current_poll": current, "has_voted": has_voted}


def _read_current(now):
    """The next moment a poll opens or closes and the newest open poll with its choices as of `now`,
    in one query (dolisa_site.scheduled): the poll joined with its choices (a row each, or one
    without a choice), and the next polls to open and to close, as the rows of a UNION ALL of the
    same columns (each wrapped in "pk IN (…)": SQLite allows no LIMIT in a compound query's members)."""
    newest = Poll.objects.open(now).order_by("-opens_at", "-pk").values("pk")[:1]
    nothing = {
        "text": Value(None, output_field=CharField()),
        "number": Value(None, output_field=IntegerField()),
        "moment": Value(None, output_field=DateTimeField()),
    }
    members = [
        Poll.objects.filter(pk__in=newest)
        .order_by()
        .values_list(
            Value("poll"),
            "pk",
            "question",
            "choices__id",
            "choices__text",
            "choices__votes",
            "choices__order",
            nothing["moment"],
        )
    ]
    for field, query in Poll.objects.next_scheduled(now).items():
        members.append(
            Poll.objects.filter(pk__in=query)
            .order_by()
            .values_list(
                Value("next"),
                "pk",
                nothing["text"],
                nothing["number"],
                nothing["text"],
                nothing["number"],
                nothing["number"],
                field,
            )
        )
    poll, choices, moments = None, [], []
    for part, pk, question, choice, text, votes, order, moment in members[0].union(*members[1:], all=True):
        if part == "next":
            moments.append(moment)
            continue
        poll = {"id": pk, "question": question}
        if choice is not None:
            choices.append((order, choice, text, votes))
    moment = min(moments, default=None)
    if poll is None:
        return moment, {}
    results, total = tally((choice, text, votes) for _order, choice, text, votes in sorted(choices))
    return moment, {**poll, "results": results, "total": total, "url": Poll(pk=poll["id"]).get_absolute_url()}
