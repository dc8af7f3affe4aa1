// Draws every chart of the page with Chart.js (self-hosted, see templates/monitoring/includes/chart.html).
// Each <canvas data-chart-source="ID"> names a <script type="application/json" id="ID"> holding
// its Chart.js config, written by the server: no inline code, no eval, so the strict CSP holds.
// The same figures are always in the table beside the canvas; the picture is an extra.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof window.Chart === "undefined") return; // the tables still say it all
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const bodyFont = window.getComputedStyle(document.body).fontFamily;
  if (bodyFont) window.Chart.defaults.font.family = bodyFont;
  window.Chart.defaults.color = "#212529"; // body text colour: 15:1 on white
  document.querySelectorAll("canvas[data-chart-source]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.chartSource);
    if (!source) return;
    let config;
    try {
      config = JSON.parse(source.textContent);
    } catch (error) {
      return; // a broken config must not break the page
    }
    config.options = config.options || {};
    if (reduceMotion) config.options.animation = false;
    const chart = new window.Chart(canvas, config);
    canvas.dataset.chartDrawn = chart.data.datasets.length ? "true" : "empty";
  });
});
