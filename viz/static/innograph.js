// innograph views: draws the view model embedded in the page with vis-network, and
// gives text boxes suggestions from /api/search. Every string from the graph is put in
// the page with textContent (or drawn on the canvas): never parsed as HTML.
(function () {
  "use strict";

  var CROSS_BORDER = "#c2185b";
  var EDGE = "#9e9e9e";
  var BROKER = "#111111";
  var MAX_LABEL = 40;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // A tooltip as a DOM element: vis-network shows an Element as it is, and textContent
  // keeps names like "<img src=x onerror=...>" as text.
  function tooltip(lines) {
    var box = el("div", "ig-tip");
    (lines || []).forEach(function (line, i) {
      box.appendChild(el("div", i === 0 ? "ig-tip-title" : "ig-tip-line", line));
    });
    return box;
  }

  function shortLabel(text) {
    text = String(text || "");
    return text.length > MAX_LABEL ? text.slice(0, MAX_LABEL - 1) + "…" : text;
  }

  function entityHref(id) {
    return "/entity/" + encodeURIComponent(id);
  }

  function visNodes(view) {
    return view.nodes.map(function (n) {
      var node = {
        id: n.id,
        label: n.show_label ? shortLabel(n.label) : undefined,
        shape: n.shape,
        size: n.size,
        title: tooltip(n.tooltip),
        color: {
          background: n.colour,
          border: n.broker ? BROKER : n.centre || n.inside ? "#000000" : n.colour,
          highlight: { background: n.colour, border: "#000000" },
          hover: { background: n.colour, border: "#000000" },
        },
        borderWidth: n.broker ? 5 : n.centre || n.inside ? 3 : 1,
        // Large views are drawn zoomed out: their few labelled hubs get a larger font.
        font: { size: n.centre ? 16 : view.physics ? 12 : 26, strokeWidth: 3, strokeColor: "#ffffff" },
      };
      if (n.x !== null && n.y !== null) {
        node.x = n.x;
        node.y = n.y;
      }
      return node;
    });
  }

  function visEdges(view) {
    return view.edges.map(function (e) {
      return {
        id: e.id,
        from: e.source,
        to: e.target,
        title: tooltip(e.tooltip),
        width: e.cross_border ? e.width + 1 : e.width,
        // Dashes cost much canvas time: large views mark cross-border edges by colour only.
        dashes: e.cross_border && view.physics ? [8, 5] : false,
        color: {
          color: e.cross_border ? CROSS_BORDER : e.faded ? "#d6d6d6" : EDGE,
          opacity: view.physics ? 1.0 : 0.45,
          highlight: "#333333",
        },
        label: view.nodes.length <= 40 && e.label ? e.label : undefined,
        font: { size: 10, color: "#555555", strokeWidth: 2, align: "middle" },
      };
    });
  }

  function draw(container, view) {
    var started = performance.now();
    var data = {
      nodes: new vis.DataSet(visNodes(view)),
      edges: new vis.DataSet(visEdges(view)),
    };
    // Where the page's time goes (ms since navigation), read by bench/bench_viz.py.
    window.innographTimings = { start: started, data: performance.now() };
    var options = {
      autoResize: true,
      interaction: { hover: true, tooltipDelay: 120, navigationButtons: false },
      edges: { smooth: false },
      nodes: { scaling: { label: { enabled: false } } },
      layout: { improvedLayout: view.nodes.length <= 100, randomSeed: 7 },
      physics: view.physics
        ? {
            solver: "forceAtlas2Based",
            forceAtlas2Based: { gravitationalConstant: -80, springLength: 130, avoidOverlap: 0.4 },
            stabilization: { enabled: true, iterations: 400, fit: true },
          }
        : false,
    };
    var network = new vis.Network(container, data, options);
    window.innographTimings.network = performance.now();
    // Exposed for tests and the console: the drawn network and its view model.
    window.innographNetwork = network;
    window.innographData = data; // its DataSets: expand.js adds nodes to them
    window.innographView = view;
    function ready() {
      if (view.physics) network.setOptions({ physics: false }); // stays still once laid out
      network.fit({ animation: false });
      window.innographReadyAt = performance.now(); // ms since navigation started
      window.innographReady = true;
      container.setAttribute("data-ready", "1");
    }
    if (!view.physics && window.innographPlaceLabels) window.innographPlaceLabels(network, view);
    if (view.physics) {
      network.once("stabilizationIterationsDone", ready);
    } else {
      network.once("afterDrawing", ready);
    }
    var opening = null;
    network.on("click", function (params) {
      // Click a node to centre on it: its own page, with its ego network; a moment later,
      // so that a double click (expand.js: expand the node in place) can cancel it.
      window.clearTimeout(opening);
      if (params.nodes && params.nodes.length === 1) {
        var id = params.nodes[0];
        if (id !== view.centre) {
          opening = window.setTimeout(function () {
            window.location.assign(entityHref(id));
          }, 300);
        }
      }
    });
    network.on("doubleClick", function () {
      window.clearTimeout(opening);
    });
    return network;
  }

  // -- suggestions on text boxes -------------------------------------------------------
  function autocomplete(input) {
    var label = input.closest("label");
    var list = label ? label.querySelector("ul.suggestions") : null;
    var hidden = label ? label.querySelector("input[type=hidden]") : null;
    var navigate = input.getAttribute("data-navigate") === "1";
    var types = input.getAttribute("data-types") || "";
    var timer = null;
    var asked = 0;
    if (!list) return;

    function clear() {
      while (list.firstChild) list.removeChild(list.firstChild);
    }

    function choose(item) {
      if (navigate) {
        window.location.assign(entityHref(item.id));
        return;
      }
      input.value = item.name;
      if (hidden) hidden.value = item.id;
      clear();
    }

    function show(items) {
      clear();
      items.forEach(function (item) {
        var li = el("li", "suggestion");
        li.setAttribute("role", "option");
        li.setAttribute("data-id", item.id);
        var a = el("a", null, item.name);
        a.href = entityHref(item.id);
        li.appendChild(a);
        li.appendChild(el("span", "type", " " + item.type));
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        list.appendChild(li);
      });
    }

    input.addEventListener("input", function () {
      if (hidden) hidden.value = "";
      var q = input.value.trim();
      window.clearTimeout(timer);
      if (q.length < 2) {
        clear();
        return;
      }
      timer = window.setTimeout(function () {
        var mine = ++asked;
        var url = "/api/search?limit=8&q=" + encodeURIComponent(q);
        if (types) url += "&type=" + encodeURIComponent(types);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (r) {
            return r.ok ? r.json() : { data: [] };
          })
          .then(function (body) {
            if (mine === asked) show(body.data || []);
          })
          .catch(function () {
            clear();
          });
      }, 150);
    });
    input.addEventListener("blur", function () {
      window.setTimeout(clear, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && list.firstChild && !navigate && hidden && !hidden.value) {
        event.preventDefault(); // take the first suggestion rather than send a bare name
        list.firstChild.dispatchEvent(new MouseEvent("mousedown"));
      }
    });
  }

  function start() {
    document.querySelectorAll("input[data-autocomplete]").forEach(autocomplete);
    var block = document.getElementById("view-data");
    var container = document.getElementById("network");
    if (block && container && typeof vis !== "undefined") {
      var view = JSON.parse(block.textContent);
      if (view.nodes.length) {
        draw(container, view);
      } else {
        window.innographView = view;
        window.innographReady = true; // nothing to draw: the page says so
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
