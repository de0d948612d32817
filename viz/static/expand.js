// Expand a node in place (as Neo4j Bloom does): double-click a node of the ego network
// and its neighbours, from /api/entities/{id}/neighbourhood, join the drawing without a
// page reload. At most EXPAND_CAP new nodes per double click, the most connected first
// (links to the node and to what is already drawn, then EC contribution, then id); the
// note under the controls says how many were left out, and a further double click adds
// the next ones. Strings from the graph go in with textContent or onto the canvas only.
(function () {
  "use strict";

  var EXPAND_CAP = 25;
  var FETCH_LIMIT = 1000; // the API's own cap on a neighbourhood
  var MAX_LABEL = 40;
  var EDGE = "#9e9e9e";
  var CROSS_BORDER = "#c2185b";

  var styles = { types: {}, relations: {} };
  var message = null;
  var busy = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function tooltip(lines) {
    var box = el("div", "ig-tip");
    lines.forEach(function (line, i) {
      box.appendChild(el("div", i === 0 ? "ig-tip-title" : "ig-tip-line", line));
    });
    return box;
  }

  function shortLabel(text) {
    text = String(text || "");
    return text.length > MAX_LABEL ? text.slice(0, MAX_LABEL - 1) + "…" : text;
  }

  function styleOf(type) {
    return styles.types[type] || { label: type, shape: "dot", colour: "#7f7f7f" };
  }

  function countryOf(node) {
    var c = node.properties && (node.properties.country || node.properties.country_code);
    return typeof c === "string" && c.length === 2 ? c.toUpperCase() : null;
  }

  function say(text) {
    if (message) message.textContent = text;
  }

  function edgeKey(e) {
    return e.source + "|" + e.type + "|" + e.target;
  }

  // How strongly each new neighbour is tied to what the reader is looking at.
  function ranked(body, centre, drawn) {
    var weight = {};
    var money = {};
    body.nodes.forEach(function (n) {
      weight[n.id] = 0;
      money[n.id] = 0;
    });
    body.edges.forEach(function (e) {
      [
        [e.source, e.target],
        [e.target, e.source],
      ].forEach(function (pair) {
        var mine = pair[0];
        var other = pair[1];
        if (!(mine in weight) || drawn.get(mine)) return;
        if (other === centre || drawn.get(other)) weight[mine] += 1;
        if (other === centre) {
          var amount = e.properties && Number(e.properties.amount_eur);
          if (amount > 0) money[mine] += amount;
        }
      });
    });
    return body.nodes
      .filter(function (n) {
        return !drawn.get(n.id);
      })
      .sort(function (a, b) {
        return (
          weight[b.id] - weight[a.id] ||
          money[b.id] - money[a.id] ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
        );
      });
  }

  function visNode(n, at, i, count) {
    var style = styleOf(n.type);
    var country = countryOf(n);
    var lines = [n.name, "Type: " + style.label];
    if (country) lines.push("Country: " + country);
    // A ring around the expanded node, wider as it holds more.
    var radius = 140 + 6 * count;
    var angle = (2 * Math.PI * i) / Math.max(count, 1);
    return {
      id: n.id,
      label: shortLabel(n.name),
      shape: style.shape,
      size: 10,
      title: tooltip(lines),
      x: at.x + radius * Math.cos(angle),
      y: at.y + radius * Math.sin(angle),
      country: country,
      color: {
        background: style.colour,
        border: style.colour,
        highlight: { background: style.colour, border: "#000000" },
        hover: { background: style.colour, border: "#000000" },
      },
      borderWidth: 1,
      font: { size: 12, strokeWidth: 3, strokeColor: "#ffffff" },
    };
  }

  // A drawn node's country: set on the nodes added here, in the view model for the rest.
  function countryIn(nodes, id) {
    var node = nodes.get(id);
    if (node && node.country) return node.country;
    var view = window.innographView;
    var found = view && view.nodes.filter(function (n) {
      return n.id === id;
    })[0];
    return found ? found.country : null;
  }

  function visEdge(e, nodes) {
    var label = styles.relations[e.type] || e.type;
    var ca = countryIn(nodes, e.source);
    var cb = countryIn(nodes, e.target);
    var crosses = Boolean(ca && cb && ca !== cb);
    var lines = [label + " (" + e.type + ")"];
    if (crosses) lines.push("Cross-border: " + ca + " – " + cb);
    (e.provenance || []).slice(0, 3).forEach(function (p) {
      lines.push("“" + (p.evidence || "(no sentence recorded)") + "” — " + p.document);
    });
    return {
      id: "x:" + edgeKey(e),
      key: edgeKey(e),
      from: e.source,
      to: e.target,
      title: tooltip(lines),
      width: crosses ? 2 : 1,
      dashes: crosses ? [8, 5] : false,
      color: { color: crosses ? CROSS_BORDER : EDGE, highlight: "#333333" },
    };
  }

  // A type the drawing did not have yet joins the legend.
  function extendLegend(nodes) {
    var list = document.querySelector("section.graph ul.legend");
    if (!list) return;
    var present = {};
    list.querySelectorAll("li[data-type]").forEach(function (li) {
      present[li.getAttribute("data-type")] = true;
    });
    (window.innographView ? window.innographView.legend : []).forEach(function (e) {
      present[e.type] = true;
    });
    nodes.forEach(function (n) {
      if (present[n.type]) return;
      present[n.type] = true;
      var style = styleOf(n.type);
      var li = el("li");
      li.setAttribute("data-type", n.type);
      var swatch = el("span", "swatch shape-" + style.shape);
      swatch.style.setProperty("--c", style.colour);
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(style.label));
      list.appendChild(li);
    });
  }

  function nameOf(data, id) {
    var node = data.nodes.get(id);
    return node && node.label ? node.label : id;
  }

  function expand(id) {
    var network = window.innographNetwork;
    var data = window.innographData;
    if (!network || !data || busy) return;
    busy = true;
    say("Adding the neighbours of " + nameOf(data, id) + " …");
    var url =
      "/api/entities/" + encodeURIComponent(id) + "/neighbourhood?depth=1&limit=" + FETCH_LIMIT;
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("the server answered " + r.status);
        return r.json();
      })
      .then(function (body) {
        var candidates = ranked(body, id, data.nodes);
        var added = candidates.slice(0, EXPAND_CAP);
        var at = network.getPosition(id);
        data.nodes.add(
          added.map(function (n, i) {
            return visNode(n, at, i, added.length);
          })
        );
        extendLegend(added);
        if (added.length) network.fit({ animation: false }); // the new nodes in sight
        var known = {};
        data.edges.forEach(function (e) {
          known[e.key || e.from + "|" + e.to] = true;
        });
        var edges = body.edges.filter(function (e) {
          var fresh = !known[edgeKey(e)] && !known[e.source + "|" + e.target];
          return fresh && data.nodes.get(e.source) && data.nodes.get(e.target);
        });
        data.edges.add(
          edges.map(function (e) {
            return visEdge(e, data.nodes);
          })
        );
        var unseen = (body.total_nodes || body.nodes.length) - body.nodes.length;
        var left = candidates.length - added.length + Math.max(unseen, 0);
        var name = nameOf(data, id);
        var text;
        if (!candidates.length && unseen <= 0) {
          text = "Every neighbour of " + name + " is already drawn.";
        } else {
          text = "Added " + added.length + " neighbour" + (added.length === 1 ? "" : "s");
          text += " of " + name;
          if (left > 0) {
            text += "; " + left.toLocaleString("en") + " left out (fewest links to what is drawn)";
            text += ": double-click it again for more";
          }
          text += ".";
        }
        say(text + " " + data.nodes.length + " nodes drawn.");
        var container = document.getElementById("network");
        if (container) container.setAttribute("data-nodes", String(data.nodes.length));
        window.innographExpanded = (window.innographExpanded || 0) + 1;
      })
      .catch(function (err) {
        say("Could not add the neighbours of " + nameOf(data, id) + ": " + err.message);
      })
      .then(function () {
        busy = false;
      });
  }

  function start() {
    var block = document.getElementById("type-styles");
    var container = document.getElementById("network");
    if (!block || !container) return;
    styles = JSON.parse(block.textContent);
    message = el("p", "note expand-note", "Double-click a node to add its neighbours here.");
    message.id = "expand-message";
    message.setAttribute("aria-live", "polite");
    container.parentNode.insertBefore(message, container);
    // innograph.js draws the network when the page loads; wait for it.
    var tries = 0;
    (function attach() {
      if (window.innographNetwork) {
        window.innographNetwork.on("doubleClick", function (params) {
          if (params.nodes && params.nodes.length === 1) expand(params.nodes[0]);
        });
      } else if (++tries < 200) {
        window.setTimeout(attach, 50);
      }
    })();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
