"""Personal pages stay out of every cache: the shared office browser's, where the next user of the PC would find
them, and any proxy's between it and us."""

from django.utils.cache import patch_cache_control


def keep_private(response):
    """Cache-Control: private, no-store, added to what the response already says (a no-store of its own stays)."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class PrivatePagesMiddleware:
    """Keeps private every response that depends on the session: whoever is signed in, or what an anonymous
    visitor's session holds (the ticket of a request just sent).

    Evaluations, TPP, outcomes, exports and evidence downloads are all behind the login, so all of them. A request
    that never read the session cannot depend on it, nor can an empty session: the static files, and the public
    pages an anonymous visitor reads (the IKM), keep their own headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            keep_private(response)
        return response
