/* The insight page's charts, drawn with Chart.js (from npm, served by the gateway) from
   the figures the server put beside each table: already suppressed (no bar for "fewer
   than 5"). The table under each chart has every figure, and a sentence says what the
   chart shows, so nothing is only in the picture. No animation. */
(function () {
  "use strict";
  if (typeof window.Chart !== "function") { return; }
  var ink = "#0b0c0c", blue = "#1d70b8";
  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    new window.Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.labels,
        datasets: [{ label: spec.label, data: spec.values, backgroundColor: blue, borderColor: blue, spanGaps: false }]
      },
      options: {
        animation: false,
        indexAxis: spec.kind === "bar" ? "y" : "x",
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { ticks: { color: ink, precision: 0 }, beginAtZero: true },
          y: { ticks: { color: ink, precision: 0 }, beginAtZero: true }
        }
      }
    });
  });
})();
