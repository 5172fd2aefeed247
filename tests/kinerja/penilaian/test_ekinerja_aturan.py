"""The pure rules of e-Kinerja results in (kinerja/penilaian/ekinerja.py): reading cells, the PermenPANRB 6/2022
matrix check, the units' source and who wins (DOMAIN.md, e-Kinerja)."""

import pytest

from kinerja.penilaian import ekinerja as e


@pytest.mark.parametrize(
    ("teks", "kunci"),
    [
        ("Tahunan 2026", ("TAHUNAN", 1, 2026)),
        ("2026", ("TAHUNAN", 1, 2026)),
        ("Periode Tahunan 2025", ("TAHUNAN", 1, 2025)),
        ("Triwulan I 2026", ("TRIWULANAN", 1, 2026)),
        ("TRIWULAN IV 2026", ("TRIWULANAN", 4, 2026)),
        ("TW 2 2026", ("TRIWULANAN", 2, 2026)),
        ("Q3 2026", ("TRIWULANAN", 3, 2026)),
        ("Tahun 2026 Triwulan 1", ("TRIWULANAN", 1, 2026)),
        ("Semester II 2026", ("SEMESTERAN", 2, 2026)),
        ("Bulan Maret 2026", ("BULANAN", 3, 2026)),
        ("maret 2026", ("BULANAN", 3, 2026)),
        ("03/2026", ("BULANAN", 3, 2026)),
        ("2026-12", ("BULANAN", 12, 2026)),
    ],
)
def test_periods_are_read_as_officials_and_e_kinerja_write_them(teks, kunci):
    p = e.baca_periode(teks)
    assert (p.jenis, p.nomor, p.tahun) == kunci


def test_a_period_without_a_year_takes_the_year_column():
    assert str(e.baca_periode("Triwulan II", tahun=2026)) == "Triwulan II 2026"


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("", "wajib diisi"),
        ("Triwulan V 2026", "tidak dikenal"),
        ("Triwulan 5 2026", "1–4"),
        ("Triwulan I", "tidak menyebut tahunnya"),
        ("2025 2026", "lebih dari satu tahun"),
        ("Kuartal pertama 2026", "tidak dikenal"),
    ],
)
def test_an_unreadable_period_is_refused_in_indonesian(teks, pesan):
    with pytest.raises(ValueError, match=pesan):
        e.baca_periode(teks)


@pytest.mark.parametrize(
    ("teks", "kode"),
    [
        ("Di Atas Ekspektasi", "DI_ATAS"),
        ("DIATAS EKSPEKTASI", "DI_ATAS"),
        ("sesuai ekspektasi", "SESUAI"),
        ("Sesuai", "SESUAI"),
        ("Di bawah ekspektasi", "DI_BAWAH"),
        ("", ""),
    ],
)
def test_ratings_are_read_whatever_their_case_and_spacing(teks, kode):
    assert e.baca_rating(teks) == kode


@pytest.mark.parametrize(
    ("teks", "kode"),
    [
        ("Sangat Baik", "SANGAT_BAIK"),
        ("BAIK", "BAIK"),
        ("Butuh Perbaikan", "BUTUH_PERBAIKAN"),
        ("Kurang/Misconduct", "KURANG"),
        ("Kurang", "KURANG"),
        ("Misconduct", "KURANG"),
        ("sangat kurang", "SANGAT_KURANG"),
    ],
)
def test_predikat_labels_map_to_their_codes(teks, kode):
    assert e.baca_predikat(teks) == kode


def test_an_unknown_rating_or_predikat_is_refused():
    with pytest.raises(ValueError, match="bukan rating"):
        e.baca_rating("Istimewa")
    with pytest.raises(ValueError, match="bukan predikat"):
        e.baca_predikat("Cukup")


# Lampiran PermenPANRB 6/2022: rows hasil kerja, columns perilaku kerja (kinerja/penilaian/predikat.py).
@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat", "sesuai"),
    [
        ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK", True),
        ("DI_ATAS", "SESUAI", "BAIK", True),
        ("SESUAI", "SESUAI", "BAIK", True),
        ("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN", True),
        ("SESUAI", "DI_BAWAH", "KURANG", True),
        ("DI_BAWAH", "DI_BAWAH", "SANGAT_KURANG", True),
        ("SESUAI", "SESUAI", "SANGAT_BAIK", False),
        ("DI_BAWAH", "DI_BAWAH", "BAIK", False),
        ("", "", "SANGAT_BAIK", True),  # no ratings: nothing to check
        ("DI_ATAS", "", "BAIK", True),
    ],
)
def test_a_predikat_is_checked_against_the_matrix(hasil, perilaku, predikat, sesuai):
    catatan = e.cek_matriks(hasil, perilaku, predikat)
    assert (catatan is None) is sesuai


def test_the_matrix_note_names_what_the_ratings_give():
    assert e.cek_matriks("SESUAI", "SESUAI", "SANGAT_BAIK") == (
        "Predikat Sangat Baik tidak sesuai matriks PermenPANRB 6/2022: hasil kerja Sesuai Ekspektasi dan perilaku "
        "kerja Sesuai Ekspektasi memberi Baik."
    )


def test_a_unit_follows_its_nearest_ancestor_that_chose_and_the_root_defaults_to_here():
    units = [(1, None, ""), (2, 1, "IMPOR"), (3, 2, ""), (4, 3, "LOKAL"), (5, 4, ""), (6, 1, "")]
    assert e.sumber_per_unit(units) == {1: "LOKAL", 2: "IMPOR", 3: "IMPOR", 4: "LOKAL", 5: "LOKAL", 6: "LOKAL"}


def test_a_unit_whose_parent_is_unknown_defaults_to_here():
    assert e.sumber_per_unit([(7, 99, "")]) == {7: "LOKAL"}


@pytest.mark.parametrize(
    ("sumber", "status", "diimpor", "pakai"),
    [
        ("LOKAL", None, False, "IMPOR"),  # nothing here: the import is the record
        ("IMPOR", None, False, "IMPOR"),
        ("LOKAL", "FINAL", True, "IMPOR"),  # a newer import replaces an older one
        ("IMPOR", "FINAL", False, "LOKAL"),  # a final evaluation rated here is never changed
        ("LOKAL", "FINAL", False, "LOKAL"),
        ("IMPOR", "DINILAI", False, "IMPOR"),  # the unit's chosen source wins
        ("IMPOR", "DRAFT", False, "IMPOR"),
        ("LOKAL", "DINILAI", False, "LOKAL"),
        ("LOKAL", "DRAFT", False, "LOKAL"),
    ],
)
def test_the_units_chosen_source_wins_and_final_results_rated_here_stay(sumber, status, diimpor, pakai):
    keputusan = e.pemenang(sumber, status, diimpor, "Dinilai")
    assert keputusan.pakai == pakai and keputusan.alasan
