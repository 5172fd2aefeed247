// Polls the import job's status and moves the progress bar; reloads the page when the job has finished,
// so the result (or the errors) render server-side. Survives a reload: the state lives on the server.
(function () {
  "use strict";
  var wadah = document.getElementById("progres-impor");
  if (!wadah) {
    return;
  }
  var bar = wadah.querySelector(".progress-bar");
  var induk = wadah.querySelector(".progress");
  var tahap = wadah.querySelector("[data-tahap]");
  // The initial width comes from a data attribute: the CSP forbids style attributes.
  bar.style.width = (Number(bar.dataset.lebar) || 0) + "%";

  function tampilkan(data) {
    var persen = Math.max(0, Math.min(100, data.persen || 0));
    bar.style.width = persen + "%";
    bar.textContent = persen + "%";
    induk.setAttribute("aria-valuenow", persen);
    if (data.tahap) {
      tahap.textContent = data.tahap;
    }
  }

  function tanya() {
    fetch(wadah.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.json();
      })
      .then(function (data) {
        tampilkan(data);
        if (data.status === "selesai" || data.status === "gagal") {
          window.location.reload();
        } else {
          window.setTimeout(tanya, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(tanya, 3000);
      });
  }

  tanya();
})();
