"""Remembers who made the current request, for audit entries written by signals (which see no request)."""

from contextvars import ContextVar

_user_permintaan: ContextVar = ContextVar("user_permintaan_audit", default=None)


def pelaku():
    """The signed-in user of the request being served, or None (Celery, management commands, anonymous)."""
    user = _user_permintaan.get()
    return user if getattr(user, "is_authenticated", False) else None


class PelakuAuditMiddleware:
    """Must come after AuthenticationMiddleware. request.user stays lazy: only a write that is audited loads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _user_permintaan.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _user_permintaan.reset(token)
