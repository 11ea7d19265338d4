// The console's only script: copy buttons beside secrets shown once. Pages work without it (the
// buttons stay hidden and the secret can be selected and copied by hand).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.querySelector('[data-copied-for="' + button.dataset.copy + '"]');
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      field.select();
      var done = function () { if (status) { status.textContent = "Copied."; } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          if (status) { status.textContent = "Select the key and copy it by hand."; }
        });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  });
});

// The dashboard's and the metrics page's charts (a line unless data-chart-type says otherwise), drawn from the numbers its table shows (data-chart), again after htmx
// replaces the dashboard for another range.
function drawCharts() {
  if (!window.Chart) {
    return;
  }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    if (Chart.getChart(canvas)) {
      return;
    }
    var data = JSON.parse(canvas.dataset.chart);
    var type = canvas.dataset.chartType || "line";
    if (type === "line") {
      data.datasets.forEach(function (set) { set.tension = 0.2; set.fill = false; });
    }
    new Chart(canvas, {
      type: type,
      data: data,
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  });
}
document.addEventListener("DOMContentLoaded", drawCharts);
document.addEventListener("htmx:afterSettle", drawCharts);
