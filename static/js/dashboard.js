// thiduakt dashboards: draw the charts from the JSON in <script id="dashboard-data">.
// Progressive enhancement: every number is also in the tables; a chart's figure stays hidden
// unless Chart.js (static/vendor/chartjs) has loaded and there is something to draw.
(function () {
  "use strict";

  const COLORS = {
    done: "#198754",
    overdue: "#dc3545",
    in_progress: "#0d6efd",
    not_started: "#adb5bd",
    collective: "#0d6efd",
    individual: "#fd7e14",
    nominations: "#6f42c1",
  };
  const PALETTE = ["#198754", "#fd7e14", "#dc3545", "#adb5bd", "#0d6efd", "#6f42c1", "#20c997", "#ffc107",
    "#6610f2", "#d63384", "#0dcaf0", "#6c757d"];

  function colorFor(dataset, index) {
    return COLORS[dataset.key] || PALETTE[index % PALETTE.length];
  }

  function hasData(spec) {
    return spec && spec.labels && spec.labels.length > 0 &&
      spec.datasets.some(function (d) { return d.data.some(function (v) { return v > 0; }); });
  }

  function draw(canvas, spec) {
    const type = canvas.dataset.chartType || "bar";
    const horizontal = canvas.hasAttribute("data-chart-horizontal");
    const stacked = canvas.hasAttribute("data-chart-stacked");
    const round = type === "doughnut" || type === "pie";
    const datasets = spec.datasets.map(function (d, i) {
      const color = round ? spec.labels.map(function (_l, j) { return PALETTE[j % PALETTE.length]; }) : colorFor(d, i);
      return { label: d.label, data: d.data, backgroundColor: color, borderWidth: round ? 1 : 0, urls: d.urls || [] };
    });
    const options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: round ? "right" : "bottom" } },
      onClick: function (_event, elements, chart) {
        // A bar or slice leads to the list behind it, like the number in the table.
        if (!elements.length) return;
        const element = elements[0];
        const urls = chart.data.datasets[element.datasetIndex].urls || [];
        if (urls[element.index]) window.location.assign(urls[element.index]);
      },
    };
    if (!round) {
      options.indexAxis = horizontal ? "y" : "x";
      options.scales = {
        x: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
        y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
      };
    }
    return new window.Chart(canvas, { type: type, data: { labels: spec.labels, datasets: datasets }, options: options });
  }

  function init() {
    const source = document.getElementById("dashboard-data");
    if (!source || typeof window.Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      const spec = data[canvas.dataset.chart];
      if (!hasData(spec)) return;
      const figure = canvas.closest("figure");
      if (figure) figure.hidden = false;
      draw(canvas, spec);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
