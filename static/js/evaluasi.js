// Evaluation pages. Widths come from data attributes, set here, so the markup needs no inline styles (CSP).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-lebar]").forEach((el) => {
    el.style.width = `${Number(el.dataset.lebar) || 0}%`;
  });
  // The print button of the evaluation document.
  document.querySelectorAll("[data-cetak]").forEach((tombol) => {
    tombol.addEventListener("click", () => window.print());
  });
});
