// Dashboards: draw each <canvas data-grafik="ID"> from the JSON that json_script put in <script id="ID">.
// The data's shape comes from rekap/grafik.py: {jenis, horizontal, tumpuk, persen, label, data: [{label, warna, nilai}]}.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-lebar]").forEach((bar) => { bar.style.width = `${bar.dataset.lebar}%`; });
  if (typeof Chart === "undefined") return;
  const angka = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  document.querySelectorAll("canvas[data-grafik]").forEach((canvas) => {
    const g = JSON.parse(document.getElementById(canvas.dataset.grafik).textContent);
    const garis = g.jenis === "line";
    if (g.horizontal) {
      // One bar per unit: grow the box with the number of units so labels stay readable.
      canvas.parentElement.style.height = `${Math.max(200, 34 * g.label.length + 70)}px`;
    }
    const sumbuNilai = {
      beginAtZero: true,
      stacked: Boolean(g.tumpuk),
      ticks: { callback: (v) => (g.persen ? `${angka.format(v)}%` : angka.format(v)) },
    };
    if (g.persen && g.tumpuk) sumbuNilai.max = 100;
    const sumbuLabel = { stacked: Boolean(g.tumpuk), ticks: { autoSkip: false } };
    const donat = g.jenis === "doughnut";
    let sumbu = g.horizontal ? { x: sumbuNilai, y: sumbuLabel } : { x: sumbuLabel, y: sumbuNilai };
    if (donat) sumbu = {};
    new Chart(canvas, {
      type: g.jenis,
      data: {
        labels: g.label,
        datasets: g.data.map((d) => ({
          label: d.label,
          data: d.nilai,
          backgroundColor: d.warna,
          borderColor: d.warna,
          spanGaps: true,
          tension: 0.2,
          pointRadius: garis ? 4 : undefined,
        })),
      },
      options: {
        indexAxis: g.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        responsive: true,
        animation: false,
        scales: sumbu,
        plugins: {
          legend: { display: donat || g.data.length > 1, position: donat ? "right" : "bottom" },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                let v = g.horizontal ? ctx.parsed.x : ctx.parsed.y;
                if (donat) v = ctx.parsed;
                const nama = donat ? ctx.label : ctx.dataset.label;
                return `${nama}: ${v === null ? "–" : angka.format(v)}${g.persen ? "%" : ""}`;
              },
            },
          },
        },
      },
    });
  });
});
