// Forms, on every page (loaded in <head>, so the "js" class is set before the page is drawn):
// - file fields (templates/bootstrap5/layout/field_file.html) show "Pilih berkas" and the chosen file's name in
//   place of the browser's own control, which stays in the page, focusable, only visually hidden;
// - after a refused submit, focus goes to the first field in error (or, when the refusal is about the whole form,
//   to its message), so keyboard and screen-reader users land where they have to act.
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.matches || !input.matches("input.unggah-input")) return;
  const nama = input.parentElement.querySelector(".unggah-nama");
  if (nama) {
    nama.textContent = input.files.length
      ? Array.from(input.files, (berkas) => berkas.name).join(", ")
      : "Belum ada berkas dipilih";
  }
});

document.addEventListener("DOMContentLoaded", () => {
  const isian = document.querySelector("main form [aria-invalid='true'], main form .is-invalid:is(input, select, textarea)");
  const pesan = document.querySelector("main form .alert-danger");
  const tujuan = isian || pesan;
  if (!tujuan) return;
  if (tujuan === pesan) tujuan.setAttribute("tabindex", "-1");
  tujuan.focus({ preventScroll: true });
  tujuan.scrollIntoView({ block: "center" });
});
