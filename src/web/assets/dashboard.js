// Draws the overview's charts with Chart.js from the JSON the server put in the page.
// Hand-written (a few lines of Chart.js configuration); no animation, so what is drawn is final at once.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("overview-data");
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var common = { animation: false, responsive: true, maintainAspectRatio: false };
    var palette = ["#1f6feb", "#2da44e", "#cf222e", "#bf8700"];
    new Chart(document.getElementById("chart-revenue"), {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: data.revenue.label, data: data.revenue.data, backgroundColor: palette[0], yAxisID: "y" },
          { type: "line", label: data.margin.label, data: data.margin.data, borderColor: palette[1], backgroundColor: palette[1], yAxisID: "y1" },
        ],
      },
      options: Object.assign({}, common, { scales: { y: { beginAtZero: true }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } } }),
    });
    new Chart(document.getElementById("chart-outcomes"), {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.outcomes.map(function (outcome, i) {
          return { label: outcome.label, data: outcome.data, backgroundColor: [palette[1], palette[2], palette[3]][i] };
        }),
      },
      options: Object.assign({}, common, { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }),
    });
    new Chart(document.getElementById("chart-destinations"), {
      type: "bar",
      data: { labels: data.destinations.labels, datasets: [{ label: data.destinations.label, data: data.destinations.data, backgroundColor: palette[0] }] },
      options: Object.assign({}, common, { indexAxis: "y", plugins: { legend: { display: false } } }),
    });
    new Chart(document.getElementById("chart-delivery"), {
      type: "bar",
      data: { labels: data.delivery.labels, datasets: [{ label: data.delivery.label, data: data.delivery.data, backgroundColor: palette[3] }] },
      options: Object.assign({}, common, { plugins: { legend: { display: false } } }),
    });
    document.body.setAttribute("data-charts", "drawn");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
