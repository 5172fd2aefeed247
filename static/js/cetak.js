// Print buttons (the evaluation document, a request's receipt): the button says data-cetak; CSP forbids onclick.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-cetak]").forEach((tombol) => {
    tombol.addEventListener("click", () => window.print());
  });
});
