// "Buka periode baru": picking the type and year fills the number (the current period, or the next not yet opened)
// and the dates, from what the server computed for them (#usulan-periode, FormBukaPeriode.usulan). A field the user
// typed in keeps what they typed. A deadline follows the date before it (the end, then the filling deadline): after
// one the user typed it is left empty, for the server to count from theirs, as it fills every empty field.
document.addEventListener("DOMContentLoaded", () => {
  const sumber = document.getElementById("usulan-periode");
  const form = document.querySelector("form[data-buka-periode]");
  const nama = document.getElementById("nama-periode");
  if (!sumber || !form || !nama) return;
  const usulan = JSON.parse(sumber.textContent);
  const bidang = (n) => form.elements.namedItem(n);
  const tanggal = ["mulai", "selesai", "batas_pengisian", "batas_penilaian"];
  const diketik = new Set();
  ["nomor", ...tanggal].forEach((n) => {
    // A form shown again after a refusal holds what the user sent: theirs, not ours to replace.
    if (form.dataset.terikat && bidang(n).value) diketik.add(n);
    bidang(n).addEventListener("input", () => {
      if (bidang(n).value) diketik.add(n);
      else diketik.delete(n);
    });
  });
  const isi = (n, nilai) => {
    if (!diketik.has(n)) bidang(n).value = nilai ?? "";
  };
  const dasar = { batas_pengisian: "selesai", batas_penilaian: "batas_pengisian" };
  // Without a period to take them from (a year beyond the suggestions, a number the type does not have) the dates
  // not typed are emptied rather than left from another period.
  const isiTanggal = (p) =>
    tanggal.forEach((n) => {
      const sebelum = dasar[n];
      isi(n, !p || (sebelum && (diketik.has(sebelum) || !bidang(sebelum).value)) ? "" : p[n]);
    });
  const perbarui = (pilihNomor) => {
    const u = (usulan[bidang("jenis").value] || {})[bidang("tahun").value];
    if (pilihNomor) isi("nomor", u && u.nomor);
    const p = u && u.periode[bidang("nomor").value];
    isiTanggal(p);
    if (p) nama.textContent = `${nama.dataset.awalan} ${p.nama}`;
    else nama.textContent = u && u.nomor === null ? nama.dataset.semuaDibuka : "";
  };
  bidang("jenis").addEventListener("change", () => perbarui(true));
  bidang("tahun").addEventListener("input", () => perbarui(true));
  ["nomor", ...tanggal].forEach((n) => bidang(n).addEventListener("input", () => perbarui(false)));
  perbarui(false);
});
