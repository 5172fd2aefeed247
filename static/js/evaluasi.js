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
  // The rating form's default feedback, inserted with one tap (without JS the suggestion stays readable and the
  // button hidden). Added after what is typed already, once.
  document.querySelectorAll("[data-sisipkan]").forEach((tombol) => {
    const isian = document.getElementById(tombol.dataset.untuk);
    if (!isian) return;
    tombol.hidden = false;
    tombol.addEventListener("click", () => {
      const ada = isian.value.trim();
      if (!ada.includes(tombol.dataset.sisipkan)) {
        isian.value = ada ? `${ada} ${tombol.dataset.sisipkan}` : tombol.dataset.sisipkan;
      }
      isian.focus();
    });
  });
  // The realisation narrative drafted from the daily log (kinerja.penilaian.harian), put in the field with one tap
  // and editable there; the draft is in the element data-isi-log names (without JS it stays readable below the
  // form and the button hidden; without a log for the RHK, so does the button). Added after what is typed
  // already, on a line of its own, once.
  document.querySelectorAll("[data-isi-log]").forEach((tombol) => {
    const isian = document.getElementById(tombol.dataset.untuk);
    const sumber = document.getElementById(tombol.dataset.isiLog);
    if (!isian || !sumber || !sumber.dataset.draf) return;
    tombol.hidden = false;
    tombol.addEventListener("click", () => {
      const ada = isian.value.trim();
      const draf = sumber.dataset.draf;
      if (!ada.includes(draf)) isian.value = ada ? `${ada}\n${draf}` : draf;
      isian.focus();
    });
  });
});
