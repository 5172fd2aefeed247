"""XLSX exports: formula-like text escaped (spreadsheet.escape_cell), NIPs kept as text (DOMAIN.md §5)."""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.spreadsheet import escape_cell


def _waktu(dt):
    # openpyxl cannot store time zones: write the WITA wall-clock time.
    return timezone.localtime(dt).replace(tzinfo=None) if dt else None


KOLOM_EVALUASI = (
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Pejabat penilai kinerja",
    "Status",
    "Rating hasil kerja",
    "Rating perilaku kerja",
    "Predikat kinerja",
    "Diajukan",
    "Dinilai",
    "Difinalkan",
)


def ekspor_evaluasi(periode, evaluasi) -> bytes:
    """A workbook of a period's evaluations (one row each), written in streaming mode for tens of thousands of rows."""
    buku = Workbook(write_only=True)
    lembar = buku.create_sheet(title=str(periode)[:31])
    lembar.column_dimensions["A"].width = 21
    lembar.column_dimensions["B"].width = 32
    tebal = Font(bold=True)

    def buat_sel(nilai, format_angka=None, font=None):
        cell = WriteOnlyCell(lembar, value=escape_cell(nilai))
        if format_angka:
            cell.number_format = format_angka
        if font:
            cell.font = font
        return cell

    lembar.append([buat_sel(judul, font=tebal) for judul in KOLOM_EVALUASI])
    for ev in evaluasi.iterator(chunk_size=2000):
        p = ev.pegawai
        lembar.append(
            [
                buat_sel(p.nip, "@"),
                buat_sel(p.nama_lengkap),
                buat_sel(p.jabatan),
                buat_sel(p.unit_kerja.nama),
                buat_sel(ev.pejabat_penilai.nama_lengkap if ev.pejabat_penilai else ""),
                buat_sel(ev.get_status_display()),
                buat_sel(ev.get_rating_hasil_kerja_display()),
                buat_sel(ev.get_rating_perilaku_kerja_display()),
                buat_sel(ev.get_predikat_display()),
                buat_sel(_waktu(ev.diajukan_pada), "dd/mm/yyyy hh:mm"),
                buat_sel(_waktu(ev.dinilai_pada), "dd/mm/yyyy hh:mm"),
                buat_sel(_waktu(ev.difinalkan_pada), "dd/mm/yyyy hh:mm"),
            ]
        )
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
