"""The layout the code promises (README, "A tour of the code"): dependencies run one way, no module imports
another that imports it back, no source file grows past 700 lines, and every Celery task has a name of its own.

Imports are read from the source (every import statement, also inside functions), not from what Python loaded.
"""

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
# Each app may import those before it, never those after; config wires them all and nothing imports it.
LAPISAN = ["core", "audit", "kinerja", "layanan", "evaluasi", "rekap", "demo"]
BATAS_BARIS = 700


def _nama_modul(berkas: Path) -> str:
    bagian = list(berkas.relative_to(AKAR).with_suffix("").parts)
    return ".".join(bagian[:-1] if bagian[-1] == "__init__" else bagian)


def _berkas_sumber(*folder) -> dict[str, Path]:
    return {
        _nama_modul(b): b
        for f in folder
        for b in sorted((AKAR / f).rglob("*.py"))
        if "migrations" not in b.parts and "__pycache__" not in b.parts
    }


MODUL = _berkas_sumber(*LAPISAN, "config")


def _modul_dikenal(nama: str) -> str | None:
    while nama:
        if nama in MODUL:
            return nama
        nama = nama.rpartition(".")[0]
    return None


def _impor(modul: str) -> set[str]:
    """The project's modules that `modul` imports."""
    berkas = MODUL[modul]
    paket = modul if berkas.name == "__init__.py" else modul.rpartition(".")[0]
    hasil = set()
    for simpul in ast.walk(ast.parse(berkas.read_text())):
        if isinstance(simpul, ast.Import):
            calon = [a.name for a in simpul.names]
        elif isinstance(simpul, ast.ImportFrom):
            dasar = simpul.module or ""
            if simpul.level:
                induk = paket.split(".")[: len(paket.split(".")) - simpul.level + 1]
                dasar = ".".join([*induk, *([simpul.module] if simpul.module else [])])
            calon = [f"{dasar}.{a.name}" for a in simpul.names]
        else:
            continue
        hasil |= {m for c in calon if (m := _modul_dikenal(c)) and m != modul}
    return hasil


GRAF = {m: _impor(m) for m in MODUL}


def _aplikasi(modul: str) -> str:
    return modul.split(".")[0]


def test_dependencies_run_one_way():
    urutan = {a: i for i, a in enumerate(LAPISAN)}
    salah = [
        f"{m} → {t}"
        for m, tujuan in sorted(GRAF.items())
        for t in sorted(tujuan)
        if _aplikasi(m) != "config" and (_aplikasi(t) == "config" or urutan[_aplikasi(t)] > urutan[_aplikasi(m)])
    ]
    assert not salah, "Impor melawan arah lapisan (" + " ← ".join(LAPISAN) + "): " + "; ".join(salah)


def _siklus(graf) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), iteratively."""
    indeks, rendah, tumpukan, di_tumpukan, hasil, nomor = {}, {}, [], set(), [], [0]
    for awal in sorted(graf):
        if awal in indeks:
            continue
        kerja = [(awal, iter(sorted(graf[awal])))]
        indeks[awal] = rendah[awal] = nomor[0]
        nomor[0] += 1
        tumpukan.append(awal)
        di_tumpukan.add(awal)
        while kerja:
            v, anak = kerja[-1]
            for w in anak:
                if w not in indeks:
                    indeks[w] = rendah[w] = nomor[0]
                    nomor[0] += 1
                    tumpukan.append(w)
                    di_tumpukan.add(w)
                    kerja.append((w, iter(sorted(graf[w]))))
                    break
                if w in di_tumpukan:
                    rendah[v] = min(rendah[v], indeks[w])
            else:
                kerja.pop()
                if kerja:
                    rendah[kerja[-1][0]] = min(rendah[kerja[-1][0]], rendah[v])
                if rendah[v] == indeks[v]:
                    komponen = []
                    while True:
                        w = tumpukan.pop()
                        di_tumpukan.discard(w)
                        komponen.append(w)
                        if w == v:
                            break
                    if len(komponen) > 1:
                        hasil.append(sorted(komponen))
    return hasil


def test_no_module_imports_one_that_imports_it_back():
    assert not _siklus(GRAF), f"Siklus impor: {_siklus(GRAF)}"


def test_the_cycle_check_finds_a_cycle():
    assert _siklus({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("folder", [*LAPISAN, "config", "tests", "bench"])
def test_no_source_file_is_over_700_lines(folder):
    panjang = {
        str(b.relative_to(AKAR)): n
        for b in _berkas_sumber(folder).values()
        if (n := len(b.read_text().splitlines())) > BATAS_BARIS
    }
    assert not panjang, f"Berkas lebih dari {BATAS_BARIS} baris: {panjang}"


def _tugas_tanpa_nama(pohon) -> list[str]:
    tanpa_nama = []
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.FunctionDef):
            for d in simpul.decorator_list:
                fungsi = d.func if isinstance(d, ast.Call) else d
                if getattr(fungsi, "id", getattr(fungsi, "attr", None)) in ("shared_task", "task") and not (
                    isinstance(d, ast.Call) and any(k.arg == "name" for k in d.keywords)
                ):
                    tanpa_nama.append(simpul.name)
    return tanpa_nama


def test_every_task_of_the_project_is_named_explicitly():
    """A task's name is what queued messages and the beat schedule refer to: moving its module must not rename it."""
    tanpa_nama = [f"{m}.{f}" for m, b in MODUL.items() for f in _tugas_tanpa_nama(ast.parse(b.read_text()))]
    assert not tanpa_nama, f"Tugas Celery tanpa name=...: {tanpa_nama}"


def test_the_task_check_sees_a_task_without_a_name():
    kode = "@shared_task\ndef a(): pass\n@shared_task(name='x')\ndef b(): pass\n@app.task(bind=True)\ndef c(): pass"
    assert _tugas_tanpa_nama(ast.parse(kode)) == ["a", "c"]
