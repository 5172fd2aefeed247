"""Why a service refused an action, one class per reason, so views can answer each the right way.

- who: `NotPermitted` (also a PermissionDenied, so an unhandled one becomes a 403);
- when: `WrongState` (the record's state, or its period's, does not allow the action now);
- concurrency: `VersionConflict` (someone saved first; reload);
- what: Django's `ValidationError` with field keys, so forms can show it beside the field.

core.access turns each of them into a form error or a message.
"""

from django.core.exceptions import PermissionDenied


class Refusal(Exception):
    """Base of every refusal; the message is Indonesian and meant for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotPermitted(Refusal, PermissionDenied):
    """The user's role does not allow the action on this record."""


class WrongState(Refusal):
    """The record's state (or its period's) does not allow the action now."""


class VersionConflict(Refusal):
    """The record changed since the user read it: the first save is kept, this one refused."""
