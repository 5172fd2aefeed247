"""Cached fragments are keyed on the code that rendered them (core.cache.code_release): after a deploy that changes
a template or the Python that fills it, no fragment rendered by the old code is served."""

from core.cache import digest_sources


def _kode(root, templat="<p>{{ periode }}</p>", python="NAMA = 'Triwulan I'"):
    (root / "templates").mkdir(exist_ok=True)
    (root / "kinerja").mkdir(exist_ok=True)
    (root / "templates" / "halaman.html").write_text(templat)
    (root / "kinerja" / "periode.py").write_text(python)
    (root / "kinerja" / "catatan.md").write_text("bukan kode")


def test_the_same_code_gives_the_same_release_on_every_instance(tmp_path):
    satu, dua = tmp_path / "satu", tmp_path / "dua"
    for root in (satu, dua):
        root.mkdir()
        _kode(root)
    assert digest_sources(satu) == digest_sources(dua)


def test_a_changed_template_or_source_gives_another_release(tmp_path):
    _kode(tmp_path)
    awal = digest_sources(tmp_path)
    _kode(tmp_path, templat="<p>{{ periode.nama }}</p>")
    templat_baru = digest_sources(tmp_path)
    _kode(tmp_path, templat="<p>{{ periode.nama }}</p>", python="NAMA = 'Triwulanan 1'")
    sumber_baru = digest_sources(tmp_path)
    assert len({awal, templat_baru, sumber_baru}) == 3
    # Files that render nothing do not count.
    (tmp_path / "kinerja" / "catatan.md").write_text("diubah")
    assert digest_sources(tmp_path) == sumber_baru


def test_a_fragment_key_carries_the_release(rf, settings, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    from core import cache as modul

    settings.FRAGMEN_CACHE_DETIK = 600
    request = rf.get("/tim-saya/")
    request.user = AnonymousUser()
    monkeypatch.setattr(modul, "code_release", lambda: "rilis-lama")
    lama = modul.fragment_key(request, "roster", roles="0000")
    monkeypatch.setattr(modul, "code_release", lambda: "rilis-baru")
    assert modul.fragment_key(request, "roster", roles="0000") != lama
