/* Draws every <canvas data-chart="ID"> from the JSON in <script id="ID">
   (written by Django's json_script; see procedures/charts.py). */
(function () {
  "use strict";
  var COLOURS = ["#0a4a8c", "#2e8540", "#a61b1b", "#f0a500"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var chart = new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (set, index) {
          return { label: set.label, data: set.data, counts: set.counts, backgroundColor: set.colour || COLOURS[index % COLOURS.length], maxBarThickness: 48 };
        })
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: "vi-VN",
        scales: spec.percent
          ? { x: { min: 0, max: 100, stacked: !!spec.stacked, ticks: { callback: function (value) { return value + "%"; } } }, y: { stacked: !!spec.stacked } }
          : { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: {
          legend: { display: spec.datasets.length > 1, position: "bottom" },
          tooltip: spec.stacked ? { callbacks: { label: function (item) {
            var counts = item.dataset.counts;
            return item.dataset.label + ": " + item.formattedValue + "%" + (counts ? " (" + counts[item.dataIndex] + ")" : "");
          } } } : {}
        }
      }
    });
    canvas.dataset.drawn = "true";
    return chart;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
