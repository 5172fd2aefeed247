"""Figures of one benchmark, kept in bench/out/ for bench/_laporan.py to gather into bench/results.md."""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def catat(bench: str, judul: str, baris: list[tuple]) -> None:
    """Record a benchmark's figures: rows of (figure, value as shown, target as shown, passed: bool or None).

    None means "for information": no target.
    """
    OUT.mkdir(parents=True, exist_ok=True)
    data = {"bench": bench, "judul": judul, "baris": [list(b) for b in baris]}
    (OUT / f"hasil_{bench}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
