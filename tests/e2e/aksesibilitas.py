"""axe-core in the browser: find a role's pages by following its links, check each against WCAG 2.x A and AA.

axe-core comes from npm (tests/e2e/npm/package.json, installed into var/npm by `make test` and .ci/run); it is
added to every page as an init script, which the page's Content Security Policy does not apply to.
"""

import re
import shutil
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from tests.conftest import perlu_layanan

AXE = Path(__file__).resolve().parents[2] / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
TAG_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DAMPAK_GAGAL = {"serious", "critical"}
# Links that end the session, change state on GET, or answer with a file rather than a page.
TAUTAN_DILEWATI = re.compile(
    r"^/(keluar|admin/logout|admin/jsi18n|static|media)/|/(ekspor|unduh|berkas|bukti|lampiran|template|contoh|dokumen-pdf)(/|$)|"
    r"\.(csv|xlsx|pdf|png|jpg|zip)$"
)
BATAS_HALAMAN_PER_PERAN = 120


def path_axe() -> Path:
    """The installed axe.min.js; skips (or fails under REQUIRE_SERVICES=1) when npm has not installed it."""
    if not AXE.exists():
        sebab = "npm tidak ada (apt-get install nodejs npm)" if shutil.which("npm") is None else "jalankan make test"
        perlu_layanan(f"axe-core belum terpasang di {AXE.parent}: {sebab}")
    return AXE


def pola(path: str) -> str:
    """A page's shape: /kinerja/evaluasi/12/ and /kinerja/evaluasi/31/ are the same page with other data, and so
    are /layanan/ikm/KTP/ and /layanan/ikm/KK/ (a service's code). In the admin a model's add form is its change
    form, and every app's index, every model's delete page and every model's history the same page."""
    path = re.sub(r"/[A-Z][A-Z0-9]+/", "/KODE/", re.sub(r"\d+", "N", path))
    path = re.sub(r"^(/admin/\w+/\w+/)add/$", r"\1N/change/", path)
    path = re.sub(r"^/admin/\w+/\w+/N/(delete|history)/$", r"/admin/APP/MODEL/N/\1/", path)
    return re.sub(r"^/admin/\w+/$", "/admin/APP/", path)


class Pemeriksa:
    """Runs axe on pages and keeps every serious or critical violation, page by page."""

    def __init__(self, page, url):
        self.page, self.url = page, url
        self.pelanggaran: list[str] = []
        self.diperiksa: list[str] = []
        page.context.add_init_script(path=str(path_axe()))

    def periksa(self, label: str) -> None:
        hasil = self.page.evaluate(
            """(tag) => axe.run(document, {runOnly: {type: "tag", values: tag}, resultTypes: ["violations"]})
                 .then((r) => r.violations.map((v) => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map((n) => ({target: n.target.join(" "), ringkas: n.failureSummary})),
                 })))""",
            TAG_WCAG,
        )
        self.diperiksa.append(label)
        for v in hasil:
            if v["impact"] not in DAMPAK_GAGAL:
                continue
            simpul = "\n".join(f"      {n['target']}: {n['ringkas'].splitlines()[-1].strip()}" for n in v["nodes"][:4])
            lagi = f"\n      ... dan {len(v['nodes']) - 4} lagi" if len(v["nodes"]) > 4 else ""
            self.pelanggaran.append(f"{label}: [{v['impact']}] {v['id']}: {v['help']}\n{simpul}{lagi}")

    def _tautan(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]", "(as) => as.map((a) => a.href)")
        asal = urlsplit(self.url)
        hasil = []
        for href in hrefs:
            bagian = urlsplit(urldefrag(href).url)
            if (bagian.scheme, bagian.netloc) != (asal.scheme, asal.netloc) or bagian.query:
                continue
            if not TAUTAN_DILEWATI.search(bagian.path):
                hasil.append(bagian.path)
        return hasil

    def jelajah(self, peran: str, mulai: list[str]) -> None:
        """Visit the start pages, then every page reachable by their links (each page shape once, bounded)."""
        antre, dilihat, pola_dilihat = list(mulai), set(), set()
        jumlah = 0
        while antre and jumlah < BATAS_HALAMAN_PER_PERAN:
            path = antre.pop(0)
            if path in dilihat or (path not in mulai and pola(path) in pola_dilihat):
                continue
            dilihat.add(path)
            pola_dilihat.add(pola(path))
            jumlah += 1
            label = f"{peran} {path}"
            response = self.page.goto(f"{self.url}{path}", wait_until="load")
            if response is None or response.status != 200:
                self.pelanggaran.append(f"{label}: HTTP {response.status if response else '-'}")
                continue
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue
            self.periksa(label)
            antre.extend(p for p in self._tautan() if pola(p) not in pola_dilihat)
