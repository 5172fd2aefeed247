from .permissions import peran as peran_user


def peran(request):
    """Expose the user's roles to templates so the navigation shows each role what it may use."""
    return {"peran": peran_user(request.user)}
