// Labels of large network views (a precomputed layout, hundreds of nodes) that never
// pile up: after each drawing, labels are placed in the view model's rank order (the
// most connected first) and one is drawn only where it overlaps no label already drawn,
// as Gephi and sigma.js do. Zooming in spreads the nodes, so more labels fit; the rest
// stay in the tooltips. Text is drawn on the canvas (never parsed as HTML).
(function () {
  "use strict";

  var FONT_PX = 13;
  var LINE = FONT_PX + 4;
  var PAD = 3;
  var CELL = 80; // grid cell (CSS px) for the overlap test
  var MAX_LABEL = 40;

  function shortLabel(text) {
    text = String(text || "");
    return text.length > MAX_LABEL ? text.slice(0, MAX_LABEL - 1) + "…" : text;
  }

  function place(network, view) {
    var order = view.nodes.slice().sort(function (a, b) {
      return a.rank - b.rank;
    });
    var widths = {};
    // What was drawn last, for tests and the console: ids in drawing order, and the
    // boxes (CSS px on the canvas) the labels took.
    window.innographLabels = [];
    window.innographLabelBoxes = [];

    network.on("afterDrawing", function (ctx) {
      var canvas = network.canvas.frame.canvas;
      var ratio = canvas.width / Math.max(canvas.clientWidth, 1);
      var width = canvas.clientWidth;
      var height = canvas.clientHeight;
      var scale = network.getScale();
      var positions = network.getPositions();
      var grid = {};
      var drawn = [];
      var boxes = [];
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.font = FONT_PX + "px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      ctx.lineWidth = 4;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.fillStyle = "#1b1b1b";

      function cells(box) {
        var out = [];
        for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
          for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
            out.push(gx + ":" + gy);
          }
        }
        return out;
      }

      function free(box, keys) {
        for (var i = 0; i < keys.length; i++) {
          var taken = grid[keys[i]] || [];
          for (var j = 0; j < taken.length; j++) {
            var t = taken[j];
            if (box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]) return false;
          }
        }
        return true;
      }

      order.forEach(function (n) {
        var at = positions[n.id];
        if (!at) return;
        var p = network.canvasToDOM(at);
        var radius = n.size * scale;
        if (p.x < -200 || p.y < -50 || p.x > width + 200 || p.y > height + 50) return;
        var text = shortLabel(n.label);
        if (!(n.id in widths)) widths[n.id] = ctx.measureText(text).width;
        var w = widths[n.id];
        var top = p.y + radius + 2;
        var box = [p.x - w / 2 - PAD, top - 1, p.x + w / 2 + PAD, top + LINE];
        if (box[2] < 0 || box[0] > width || box[1] > height || box[3] < 0) return;
        var keys = cells(box);
        if (!free(box, keys)) return;
        keys.forEach(function (k) {
          (grid[k] = grid[k] || []).push(box);
        });
        ctx.strokeText(text, p.x, top);
        ctx.fillText(text, p.x, top);
        drawn.push(n.id);
        boxes.push(box);
      });
      ctx.restore();
      window.innographLabels = drawn;
      window.innographLabelBoxes = boxes;
    });
  }

  window.innographPlaceLabels = place;
})();
