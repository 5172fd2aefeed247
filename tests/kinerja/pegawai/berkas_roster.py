"""Roster files for tests, built in memory with openpyxl and csv."""

import csv
import datetime
import importlib
import io

import openpyxl
from django.apps import apps

from kinerja.models import AliasKolomRoster
from kinerja.pegawai.roster import KOLOM
from tests.factories import buat_nip

JUDUL = [judul for _, judul in KOLOM]


# buat_nip repeats every 30,000 numbers; the factories count from 1, so rows of a roster file count from here and
# never take the NIP of someone the test already created (as row 1 did of the first factory ASN of a session).
NIP_BERKAS_AWAL = 15000


def baris_pegawai(n, **ubah):
    """A valid roster row (dict keyed by header) for the n-th test employee."""
    kelamin = ubah.pop("jenis_kelamin", "L")
    nip = ubah.pop("nip", None) or buat_nip(NIP_BERKAS_AWAL + n, kelamin)
    baris = {
        "NIP": nip,
        "Nama": f"Pegawai Uji {n}",
        "Gelar Depan": "",
        "Gelar Belakang": "S.E.",
        "Jenis Kelamin": kelamin,
        "Tanggal Lahir": datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
        "Status Kepegawaian": "PNS",
        "Golongan": "III/a",
        "Jabatan": "Analis Kepegawaian",
        "Jenis Jabatan": "Ahli Pertama",
        "Kelas Jabatan": "",
        "Kode Unit": "90.01",
        "Nama Unit": "Dinas Uji",
        "Kode Unit Induk": "",
        "NIP Atasan": "",
        "Email": f"pegawai{n}@gorontaloprov.go.id",
        "No HP": "081234567890",
    }
    baris.update(ubah)
    return baris


def xlsx(rows, judul=None, di_atas=(), lembar=None):
    """XLSX bytes: the rows `di_atas` (a title, a date), the header row, then one row per dict (values written with
    their Python types), in a sheet named `lembar` when given."""
    judul = judul or JUDUL
    wb = openpyxl.Workbook()
    ws = wb.active
    if lembar:
        ws.title = lembar
    for baris in di_atas:
        ws.append(baris)
    ws.append(judul)
    for r in rows:
        ws.append([r.get(j, "") for j in judul])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def csv_bytes(rows, judul=None, pemisah=",", bom=False):
    """CSV bytes; dates as dd/mm/yyyy text, as Excel writes them."""
    judul = judul or JUDUL
    keluaran = io.StringIO()
    w = csv.writer(keluaran, delimiter=pemisah)
    w.writerow(judul)
    for r in rows:
        w.writerow([f"{v:%d/%m/%Y}" if isinstance(v, datetime.date) else v for v in (r.get(j, "") for j in judul)])
    data = keluaran.getvalue().encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


def roster_kecil():
    """A head of unit, and two staff of whom the first reports to the second (who appears later)."""
    kepala = baris_pegawai(1, **{"Kode Unit": "90", "Nama Unit": "Dinas Uji", "Jenis Jabatan": "JPT Pratama"})
    kepala["Kode Unit"], kepala["Nama Unit"] = "90", "Dinas Uji"
    atasan = baris_pegawai(3, **{"Kode Unit": "90.01", "Nama Unit": "Bidang Uji", "Kode Unit Induk": "90"})
    atasan["NIP Atasan"] = kepala["NIP"]
    staf = baris_pegawai(2, **{"Kode Unit": "90.01", "Nama Unit": "Bidang Uji", "Kode Unit Induk": "90"})
    staf["NIP Atasan"] = atasan["NIP"]
    return [kepala, staf, atasan]


def pastikan_data_bawaan():
    """Transactional tests (live_server, a real worker) flush every table after they run, the column aliases and
    angka kredit tables of migration 0020 included: put them back for the test that needs them, from the migration."""
    if not AliasKolomRoster.objects.exists():
        importlib.import_module("kinerja.migrations.0023_seed_alias_angka_kredit").isi(apps, None)
