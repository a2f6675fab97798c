// Draws every <div class="echart" data-chart='{...}'> with ECharts. The spec is plain data made
// by web/charts.py; the same numbers are always printed in a table next to the chart, so the
// chart itself is decoration for sighted readers (role="img" with a label pointing at the table).
(function () {
  "use strict";

  function options(spec) {
    var base = { animation: false, tooltip: { trigger: spec.kind === "heatmap" ? "item" : "axis" },
                 grid: { left: 48, right: 16, top: 28, bottom: 48 } };
    if (spec.kind === "pie") {
      base.tooltip = { trigger: "item" };
      base.series = [{ type: "pie", radius: ["35%", "65%"], data: spec.parts,
                       label: { formatter: "{b}\n{d}%" } }];
      return base;
    }
    if (spec.kind === "heatmap") {
      var max = 1;
      spec.cells.forEach(function (c) { if (c[2] > max) { max = c[2]; } });
      base.grid = { left: 96, right: 16, top: 16, bottom: 72 };
      base.xAxis = { type: "category", data: spec.x, axisLabel: { rotate: 40, fontSize: 10 } };
      base.yAxis = { type: "category", data: spec.y, axisLabel: { fontSize: 10 } };
      base.visualMap = { min: 0, max: max, calculable: true, orient: "horizontal", left: "center",
                         bottom: 0, itemHeight: 80, show: false,
                         inRange: { color: ["#f5f9ff", "#9ec5fe", "#0d6efd", "#b02a37"] } };
      base.series = [{ type: "heatmap", data: spec.cells, label: { show: spec.cells.length <= 200 } }];
      return base;
    }
    base.legend = spec.series.length > 1 ? { type: "scroll", top: 0 } : undefined;
    var crowded = spec.kind === "bar" && !spec.stacked && spec.x.length > 8;
    base.xAxis = { type: "category", data: spec.x,
                   axisLabel: crowded ? { interval: 0, rotate: 35, fontSize: 10 } : { hideOverlap: true } };
    base.yAxis = { type: "value", minInterval: 1 };
    base.series = spec.series.map(function (s) {
      return { type: spec.kind, name: s.name, data: s.data, stack: spec.stacked ? "all" : undefined,
               smooth: false, showSymbol: spec.x.length <= 40 };
    });
    return base;
  }

  function draw(root) {
    if (typeof echarts === "undefined") { return; }
    (root || document).querySelectorAll(".echart[data-chart]").forEach(function (el) {
      var spec = JSON.parse(el.getAttribute("data-chart"));
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: "svg" });
      chart.setOption(options(spec), true);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (e) { draw(e.target); });
  window.addEventListener("resize", function () {
    document.querySelectorAll(".echart").forEach(function (el) {
      var chart = typeof echarts !== "undefined" && echarts.getInstanceByDom(el);
      if (chart) { chart.resize(); }
    });
  });
}());
