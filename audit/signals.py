"""Role changes, wherever they happen (pages, the Django admin, shell): group membership and account flags (HR
assignments, a kinerja model, are recorded by kinerja.pegawai.signals). The actor is the user of the current
request (audit.middleware), else the system."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from .middleware import pelaku
from .services import catat, selisih

User = get_user_model()
FLAG_AKUN = ("is_active", "is_staff", "is_superuser")


@receiver(pre_save, sender=User, dispatch_uid="audit_akun_sebelum")
def _akun_sebelum(sender, instance, update_fields=None, raw=False, **kwargs):
    # Logins save last_login only: no query for them.
    instance._audit_flag_lama = None
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(FLAG_AKUN)):
        return
    instance._audit_flag_lama = User.objects.filter(pk=instance.pk).values(*FLAG_AKUN).first()


@receiver(post_save, sender=User, dispatch_uid="audit_akun_sesudah")
def _akun_sesudah(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    baru = {f: getattr(instance, f) for f in FLAG_AKUN}
    if created:
        catat(pelaku(), "akun_dibuat", instance, selisih(None, baru))
        return
    lama = getattr(instance, "_audit_flag_lama", None)
    perubahan = selisih(lama, baru) if lama is not None else {}
    if perubahan:
        catat(pelaku(), "akun_diubah", instance, perubahan)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit_grup")
def _grup_berubah(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        # After the clear nobody can tell who was in the group: remember it now.
        instance._audit_sebelum_clear = (
            set(instance.user_set.values_list("pk", flat=True))
            if reverse
            else set(instance.groups.values_list("pk", flat=True))
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_audit_sebelum_clear", set())
    if not pk_set:
        return
    aksi = "grup_ditambahkan" if action == "post_add" else "grup_dicabut"
    if reverse:
        # group.user_set.add(...): one entry per user, each naming the group.
        for user in User.objects.filter(pk__in=pk_set):
            _catat_grup(user, aksi, [instance.name])
    else:
        _catat_grup(instance, aksi, list(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)))


def _catat_grup(user, aksi, nama_grup):
    sekarang = sorted(user.groups.values_list("name", flat=True))
    if aksi == "grup_ditambahkan":
        sebelum = sorted(set(sekarang) - set(nama_grup))
    else:
        sebelum = sorted(set(sekarang) | set(nama_grup))
    catat(pelaku(), aksi, user, {"groups": [sebelum, sekarang]}, uraian=", ".join(sorted(nama_grup)))
