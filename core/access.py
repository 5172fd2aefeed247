"""The one idiom of every view for who may open a page and how a service's refusal reaches the user.

Access:
- `requires(predicate, message)` gates a page: an anonymous visitor goes to the login page, a user for whom
  `predicate(user)` is false gets a 403 saying `message`.
- `visible_or_404(queryset, **lookup)` fetches the object a view works on from the user's visible queryset, so a
  record the user may not see does not exist for them (404, nothing changes); `found_or_404(selector, ...)` does
  the same for a selector that reads from such a queryset and raises DoesNotExist.
- `allowed_or_403(allowed, message)` refuses a change to a record the user may see but not change (403).
Each app's permissions module builds its `akses_<objek>(user, pk)` helpers from the last two.

Refusals (the core.errors exceptions and Django's ValidationError):
- `attempt(service, ...)` runs a service: (result, None) or (None, refusal); NotPermitted propagates as a 403;
- `to_form(form, refusal)` shows it on the form: a version conflict as a reload prompt, field errors beside
  their fields, anything else above the form;
- `to_message(request, refusal)` shows it as a message;
- `button(request, success, service, ...)` runs the service behind a button with no form to show again;
- `run_form(request, form, action, success)` validates a bound form and runs `action(cleaned_data)`: True when
  it is done (the success message shown), False when the page shows the form again with its errors.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from .errors import NotPermitted, Refusal, VersionConflict


def requires(predicate, message: str = ""):
    """Decorate a view: login required, then `predicate(request.user)` or PermissionDenied(message)."""

    def decorator(view):
        @wraps(view)
        def gated(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return login_required(gated)

    return decorator


def visible_or_404(queryset, **lookup):
    """The object of `queryset` (the records the user may see) matching `lookup`, or Http404."""
    return get_object_or_404(queryset, **lookup)


def found_or_404(selector, *args, **kwargs):
    """What `selector(*args, **kwargs)` returns, or Http404 when it raises DoesNotExist."""
    try:
        return selector(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def allowed_or_403(allowed: bool, message: str = "") -> None:
    """Refuse with a 403 saying `message` unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def attempt(service, *args, **kwargs):
    """Run a service: (result, None), or (None, refusal) for a refusal the page shows. NotPermitted propagates."""
    try:
        return service(*args, **kwargs), None
    except NotPermitted:
        raise
    except (Refusal, ValidationError) as refusal:
        return None, refusal


def to_form(form, refusal) -> None:
    """Show a refusal on the form: a version conflict as a reload prompt, field errors beside their fields."""
    if isinstance(refusal, VersionConflict):
        form.konflik = refusal.message
    elif isinstance(refusal, ValidationError):
        if not hasattr(refusal, "error_dict"):
            form.add_error(None, refusal)
            return
        for field, errors in refusal.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refusal.message)
        form.pelanggaran = getattr(refusal, "pelanggaran", [])


def to_message(request, refusal) -> None:
    """Show a refusal as an error message on the next page."""
    messages.error(request, refusal.message if isinstance(refusal, Refusal) else " ".join(refusal.messages))


def button(request, success, service, *args, **kwargs):
    """Run a service behind a button: success (a text, or a function of the result) or refusal becomes a message.

    Returns the service's result, None when it refused."""
    result, refusal = attempt(service, *args, **kwargs)
    if refusal is None:
        messages.success(request, success(result) if callable(success) else success)
    else:
        to_message(request, refusal)
    return result


def run_form(request, form, action, success) -> bool:
    """Validate `form` and run `action(form.cleaned_data)` (a service call).

    True when done: `success` (a text, or a function of the action's result) is shown as a message and the view
    redirects. False when the form is invalid or the service refused (the refusal is put on the form): the view
    shows the page again with the form as the user filled it."""
    if not form.is_valid():
        return False
    result, refusal = attempt(action, form.cleaned_data)
    if refusal is not None:
        to_form(form, refusal)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True
