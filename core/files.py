"""Stored files: evidence (bukti) limited in size and type, checked by content, not only by name; served only
through views that checked who asks (serve_file); and files no row uses any more, removed from storage once that
is committed (track_files) or found later (find_orphans)."""

import logging
import mimetypes
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import FileResponse, Http404
from django.utils import timezone

from core.numbers import angka

logger = logging.getLogger(__name__)

EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "xlsx", "docx")

# Office Open XML files are zip archives; the folder inside tells a spreadsheet from a document.
_FOLDER_OOXML = {"xlsx": "xl/", "docx": "word/"}


def _kind_by_content(upload) -> str | None:
    """The type the bytes say the file is (pdf, jpg, png, xlsx, docx), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for kind, folder in _FOLDER_OOXML.items():
                if any(n.startswith(folder) for n in names):
                    return kind
    return None


def validate_evidence_file(upload) -> None:
    """Refuse an evidence file that is too large, has another extension, or whose content is not its extension."""
    limit = settings.BUKTI_MAX_MB
    if upload.size > limit * 1024 * 1024:
        ukuran = angka(upload.size / 1024 / 1024, 1)
        raise ValidationError(f"Berkas bukti paling besar {limit} MB (berkas ini {ukuran} MB).")
    filename = upload.name or ""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(f"Jenis berkas bukti harus salah satu dari: {', '.join(EVIDENCE_EXTENSIONS)}.")
    extension = "jpg" if extension == "jpeg" else extension
    if _kind_by_content(upload) != extension:
        raise ValidationError(f"Isi berkas '{filename.rsplit('/', 1)[-1]}' bukan berkas {extension.upper()} yang sah.")


# Files a browser may show inline; anything else (Office files) is downloaded.
_SHOWN_INLINE = {".pdf", ".png", ".jpg", ".jpeg"}


def serve_file(file_field) -> FileResponse:
    """A stored file to someone already allowed to see it (media files are never public): shown inline when a
    browser can, downloaded otherwise; a file missing from storage is a 404."""
    name = PurePosixPath(file_field.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        opened = file_field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        opened,
        content_type=content_type,
        as_attachment=PurePosixPath(name).suffix.lower() not in _SHOWN_INLINE,
        filename=name,
    )


# --- files no row uses any more -------------------------------------------------------------------------------

# (model, field name, folder in its storage) of every field registered with track_files, for find_orphans.
TRACKED: list[tuple[type[models.Model], str, str]] = []
_OLD_NAMES = "_core_files_old_names"


def track_files(model: type[models.Model], field_name: str, folder: str | None = None) -> None:
    """Delete a row's file from storage once the transaction that replaced, cleared or deleted the row commits
    (saves, deletes, cascades and queryset deletes; not queryset updates), unless a row still names it; and
    let find_orphans look in the field's folder (by default upload_to up to its first date placeholder)."""
    field = model._meta.get_field(field_name)
    if folder is None:
        if callable(field.upload_to):
            raise ImproperlyConfigured(f"track_files({model.__name__}, {field_name!r}) needs the folder to sweep.")
        folder = field.upload_to.split("%", 1)[0]
    folder = folder.strip("/")
    if not folder:
        raise ImproperlyConfigured(f"track_files({model.__name__}, {field_name!r}): a folder of its own, not all.")
    attname = field.attname

    def remember_old_name(sender, instance, raw=False, update_fields=None, **kwargs):
        if raw or instance._state.adding or instance.pk is None:
            return
        if update_fields is not None and field_name not in update_fields:
            return
        # Read from the database, not the instance: only what was stored can be left behind.
        old = sender._base_manager.filter(pk=instance.pk).values_list(attname, flat=True).first()
        instance.__dict__.setdefault(_OLD_NAMES, {})[attname] = old or ""

    def forget_replaced(sender, instance, raw=False, using=None, **kwargs):
        old = instance.__dict__.get(_OLD_NAMES, {}).pop(attname, "")
        if old and old != (getattr(instance, attname).name or ""):
            _delete_on_commit(field.storage, old, using)

    def forget_deleted(sender, instance, using=None, **kwargs):
        name = getattr(instance, attname).name
        if name:
            _delete_on_commit(field.storage, name, using)

    uid = f"berkas_{model._meta.label_lower}_{field_name}"
    pre_save.connect(remember_old_name, sender=model, weak=False, dispatch_uid=f"{uid}_lama")
    post_save.connect(forget_replaced, sender=model, weak=False, dispatch_uid=f"{uid}_ganti")
    post_delete.connect(forget_deleted, sender=model, weak=False, dispatch_uid=f"{uid}_hapus")
    if (model, field_name, folder) not in TRACKED:
        TRACKED.append((model, field_name, folder))


def _delete_on_commit(storage, name: str, using) -> None:
    # Never before the commit: a rolled-back replacement still needs the old file.
    transaction.on_commit(lambda: delete_if_unused(storage, name), using=using)


def _file_fields(storage):
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is storage:
                yield model, field


def is_referenced(storage, name: str) -> bool:
    """Whether any row of any model, through any file field on this storage, names the file."""
    return any(model._base_manager.filter(**{field.attname: name}).exists() for model, field in _file_fields(storage))


def delete_if_unused(storage, name: str) -> bool:
    """Delete the file unless a row still names it; a storage or database error is logged, never raised."""
    try:
        if is_referenced(storage, name):
            return False
        storage.delete(name)
    except Exception:
        logger.exception("Berkas %s tidak dapat dihapus dari penyimpanan.", name)
        return False
    return True


@dataclass(frozen=True)
class Orphan:
    """A stored file no row names."""

    name: str
    size: int
    modified: datetime


def _walk(storage, folder: str):
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def find_orphans(older_than: timedelta, storage=None) -> tuple[list[Orphan], int]:
    """The files in the tracked fields' folders that no row names and that are older than `older_than` (a
    younger one may be an upload whose transaction has not committed yet), and how many were too young."""
    storage = storage or default_storage
    referenced = set()
    for model, field in _file_fields(storage):
        rows = model._base_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
        referenced.update(rows.iterator())
    cutoff = timezone.now() - older_than
    folders = {folder for model, name, folder in TRACKED if model._meta.get_field(name).storage is storage}
    names = sorted({name for folder in folders for name in _walk(storage, folder)} - referenced)
    orphans, young = [], 0
    for name in names:
        try:
            modified = storage.get_modified_time(name)
        except NotImplementedError:  # a storage that cannot tell: never old enough to be sure
            modified = None
        if modified is None or modified > cutoff:
            young += 1
        else:
            orphans.append(Orphan(name, storage.size(name), modified))
    return orphans, young
