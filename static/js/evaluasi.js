// Evaluation pages. Widths come from data attributes, set here, so the markup needs no inline styles (CSP).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-lebar]").forEach((el) => {
    el.style.width = `${Number(el.dataset.lebar) || 0}%`;
  });
  // Buttons that ask before they act (submitting an evaluation): the question is in data-konfirmasi.
  document.querySelectorAll("[data-konfirmasi]").forEach((tombol) => {
    tombol.addEventListener("click", (event) => {
      if (!window.confirm(tombol.dataset.konfirmasi)) event.preventDefault();
    });
  });
  // The print button of the evaluation document.
  document.querySelectorAll("[data-cetak]").forEach((tombol) => {
    tombol.addEventListener("click", () => window.print());
  });
});
