// Draws the actor network of the page's JSON data block with cytoscape.js.
// The server places the nodes (a force-directed layout worked out once),
// so the browser runs no layout: it only draws. No inline script: the
// Content-Security-Policy allows only this file.
(function () {
  "use strict";
  var box = document.getElementById("network");
  var data = document.getElementById("graph-data");
  if (!box || !data || typeof cytoscape !== "function") { return; }
  var g = JSON.parse(data.textContent);
  var colour = {
    verbal_cooperation: "#7fbf7b", material_cooperation: "#1b7837",
    verbal_conflict: "#f4a582", material_conflict: "#b2182b"
  };
  var elements = [];
  g.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: { id: n.id, label: n.label, size: n.size, href: n.href, activity: n.activity },
      position: { x: n.x, y: n.y } });
  });
  g.edges.forEach(function (e, i) {
    elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
      width: e.width, colour: colour[e.quad] || "#999" } });
  });
  var small = g.nodes.length <= 60;
  var cy = cytoscape({
    container: box,
    elements: elements,
    minZoom: 0.1, maxZoom: 4,
    textureOnViewport: true, hideEdgesOnViewport: !small,
    style: [
      { selector: "node", style: { "width": "data(size)", "height": "data(size)", "background-color": "#3b6fb6",
        "label": "data(label)", "font-size": 10, "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 2,
        "min-zoomed-font-size": 8 } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "data(colour)", "opacity": 0.75,
        "curve-style": small ? "bezier" : "haystack", "target-arrow-shape": small ? "triangle" : "none",
        "target-arrow-color": "data(colour)", "arrow-scale": 0.8 } },
      { selector: "node:active, node:selected", style: { "background-color": "#f2b134" } }
    ],
    layout: { name: "preset", fit: true, padding: 30 }
  });
  cy.on("tap", "node", function (ev) {
    var href = ev.target.data("href");
    if (href && href.charAt(0) === "/") { window.location.assign(href); }
  });
  cy.one("render", function () {
    window.requestAnimationFrame(function () {
      box.setAttribute("data-ready", "1");
      box.setAttribute("data-rendered-ms", String(Math.round(performance.now())));
    });
  });
  if (g.nodes.length === 0) { box.setAttribute("data-ready", "1"); }
  window.parleyNetwork = cy;
}());
