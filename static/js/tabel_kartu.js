// On a phone a table.tabel-kartu shows each row as a card (static/css/app.css); each cell is captioned by its
// column's header, copied here from the table's head. Without JavaScript the cards simply have no captions.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.tabel-kartu").forEach((tabel) => {
    const judul = Array.from(tabel.querySelectorAll("thead th"), (th) => th.textContent.trim());
    tabel.querySelectorAll("tbody tr").forEach((baris) => {
      let kolom = 0;
      Array.from(baris.cells).forEach((sel) => {
        if (sel.tagName === "TD" && sel.colSpan === 1 && judul[kolom] && !sel.dataset.label) {
          sel.dataset.label = judul[kolom];
        }
        kolom += sel.colSpan;
      });
    });
  });
});
