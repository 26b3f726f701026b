import logging

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import visitors
from .models import Poll, VoteRefused

logger = logging.getLogger(__name__)

CURRENT_CACHE_KEY = "polls:current:v1"
# Polls open and close by the clock; the cached block follows within a minute.
CURRENT_CACHE_SECONDS = 60

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
    cache.delete(CURRENT_CACHE_KEY)
    messages.success(request, _("Thank you: your vote has been counted."))
    response = redirect(results_url)
    visitors.remember_vote(response, poll.pk)
    return response


def current_poll_block(request):
    """Context for the sidebar block: the newest open poll, as a ballot or, once voted, its results."""
    current = cache.get(CURRENT_CACHE_KEY)
    if current is None:
        poll = Poll.objects.open().first()
        current = {}
        if poll is not None:
            results, total = poll.results()
            current = {
                "id": poll.pk,
                "question": poll.question,
                "results": results,
                "total": total,
                "url": poll.get_absolute_url(),
            }
        cache.set(CURRENT_CACHE_KEY, current, CURRENT_CACHE_SECONDS)
    if not current or (request is not None and request.path.startswith(current["url"])):
        return None  # no poll, or the page already shows this one
    return {"current_poll": current, "has_voted": visitors.has_voted_cookie(request, current["id"])}
