"""The roster file's columns, read by the import (roster) and named by the column aliases (models)."""

# (key, header) in template order; the key is the Pegawai field where there is one.
KOLOM = [
    ("nip", "NIP"),
    ("nama", "Nama"),
    ("gelar_depan", "Gelar Depan"),
    ("gelar_belakang", "Gelar Belakang"),
    ("jenis_kelamin", "Jenis Kelamin"),
    ("tanggal_lahir", "Tanggal Lahir"),
    ("status_kepegawaian", "Status Kepegawaian"),
    ("golongan", "Golongan"),
    ("jabatan", "Jabatan"),
    ("jenis_jabatan", "Jenis Jabatan"),
    ("kelas_jabatan", "Kelas Jabatan"),
    ("kode_unit", "Kode Unit"),
    ("nama_unit", "Nama Unit"),
    ("kode_unit_induk", "Kode Unit Induk"),
    ("nip_atasan", "NIP Atasan"),
    ("email", "Email"),
    ("no_hp", "No HP"),
]
