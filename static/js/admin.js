// The Django admin, named for screen readers where its stock widgets are not (WCAG 4.1.2), run once every admin
// script has built its widgets (on load, and for each inline row added later):
// - an autocomplete box (select2) is named after its field's label;
// - an editable cell of a change list is named after its column and its row;
// - the selector icons of a filter_horizontal field, which carry an aria-label, become images;
// - the "select all" box of django-import-export's export page is named.
(() => {
  const labelTeks = (id) => document.querySelector(`label[for="${id}"]`)?.textContent.replace(/[:*]\s*$/, "").trim();

  const beriNama = () => {
    document.querySelectorAll("select.select2-hidden-accessible").forEach((pilihan) => {
      const kotak = pilihan.nextElementSibling?.querySelector(".select2-selection[role=combobox]");
      const nama = labelTeks(pilihan.id);
      if (kotak && nama && !kotak.hasAttribute("aria-label")) {
        kotak.setAttribute("aria-label", nama);
        kotak.removeAttribute("aria-labelledby");
        kotak.querySelector(".select2-selection__rendered[role=textbox]")?.setAttribute("aria-label", nama);
      }
    });
    document.querySelectorAll("#result_list tbody tr").forEach((baris) => {
      const judulBaris = baris.querySelector("th")?.textContent.trim() || "";
      baris.querySelectorAll("td input:not([type=hidden]), td select, td textarea").forEach((isian) => {
        if (isian.labels?.length || isian.hasAttribute("aria-label") || isian.classList.contains("action-select")) return;
        const kolom = document.querySelectorAll("#result_list thead th")[isian.closest("td").cellIndex];
        isian.setAttribute("aria-label", `${kolom?.textContent.trim() || isian.name} ${judulBaris}`.trim());
      });
    });
    document.querySelectorAll("input.select-toggle:not([aria-label])").forEach((semua) => semua.setAttribute("aria-label", "Pilih semua kolom"));
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((ikon) => ikon.setAttribute("role", "img"));
  };

  window.addEventListener("load", () => setTimeout(beriNama));
  document.addEventListener("formset:added", () => setTimeout(beriNama));
})();
