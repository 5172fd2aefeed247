// "Buka semua" / "Tutup semua" on the unit tree; the tree itself works without JavaScript (<details>).
document.addEventListener("DOMContentLoaded", () => {
  const pohon = document.getElementById("pohon-unit");
  if (!pohon) return;
  document.querySelectorAll("[data-pohon]").forEach((tombol) => {
    tombol.addEventListener("click", () => {
      const buka = tombol.dataset.pohon === "buka";
      pohon.querySelectorAll("details").forEach((d) => { d.open = buka; });
    });
  });
});
