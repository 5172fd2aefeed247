"""Why an evaluation action was refused, one class per reason so views can answer each the right way.

- who: `TidakBerwenang` (also a PermissionDenied, so an unhandled one becomes a 403);
- when: `StatusTidakSesuai` (the record's state or its period does not allow the action);
- concurrency: `KonflikVersi` (someone saved first; reload);
- what: Django's `ValidationError` with field keys, so forms can show it beside the field.
"""

from django.core.exceptions import PermissionDenied


class AksiDitolak(Exception):
    """Base of every refusal; the message is Indonesian and meant for the user."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


class TidakBerwenang(AksiDitolak, PermissionDenied):
    """The user's role does not allow the action on this record."""


class StatusTidakSesuai(AksiDitolak):
    """The record's state (or its period's) does not allow the action now."""


class EvaluasiTerkunci(StatusTidakSesuai):
    """A final evaluation, or a row belonging to one, was about to change."""


class KonflikVersi(AksiDitolak):
    """The record changed since the user read it: the first save is kept, this one refused."""


class PelanggaranKurva(StatusTidakSesuai):
    """Finalising would break the unit's distribution curve and no override reason was given."""

    def __init__(self, pesan: str, pelanggaran: list[str]):
        super().__init__(pesan)
        self.pelanggaran = pelanggaran
