"""The POST half of a public form: throttle, honeypot and POST/redirect/GET in one place.

The news comment form and the question form answered a post the same way and
each spelt it out; kept in one function, the two cannot drift apart (a
honeypot that starts storing, a throttle that counts invalid posts). The
caller keeps what differs: its page, its throttle, its log lines, what saving
means and where the visitor goes.

In order:
  over the throttle -> the page again, status 429, with ``throttled`` (the
                       template shows the Vietnamese "wait" notice); nothing saved;
  invalid           -> the page again with the errors, status 400; not counted;
  honeypot filled   -> counted, a warning logged, nothing stored, then the same
                       success answer as a real post, so a robot learns nothing;
  valid             -> counted, saved by ``save(form)``, success message, redirect.
"""

from django.contrib import messages
from django.shortcuts import redirect


def handle_public_form(
    request,
    form,
    *,
    throttle,
    render_form,
    save,
    redirect_to,
    logger,
    honeypot_warning,
    on_spam=None,
    success_message=None,
):
    """Answer a POST of ``form`` (whose ``is_spam`` tells the honeypot was filled in).

    ``render_form(form, throttled)`` returns the page's response (status 200);
    ``save(form)`` stores a valid post; ``on_spam()``, if given, runs instead when
    the honeypot caught it; ``redirect_to`` is anything ``redirect()`` takes.
    """
    if throttle.is_exceeded(request):
        form.is_valid()  # so the page shows what was typed, with its errors
        response = render_form(form, True)
        response.status_code = 429
        return response
    if not form.is_valid():
        response = render_form(form, False)
        response.status_code = 400
        return response
    throttle.record(request)
    if form.is_spam:
        logger.warning(honeypot_warning)
        if on_spam is not None:
            on_spam()
    else:
        save(form)
    if success_message:
        messages.success(request, success_message)
    return redirect(redirect_to)
