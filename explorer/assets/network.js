// The coalition page's participant network, drawn with cytoscape (progressive enhancement: without
// JavaScript the page lists the same network). Drag to pan, scroll or pinch to zoom; click, Enter or
// Space on a node opens its page. Data comes from the page itself (#network-data), never from elsewhere.
(function () {
  "use strict";
  var box = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!box || !source || typeof window.cytoscape !== "function") return;
  var elements = JSON.parse(source.textContent);
  box.hidden = false;
  var help = document.getElementById("network-help");
  if (help) help.hidden = false;
  var cy = window.cytoscape({
    container: box,
    elements: elements,
    minZoom: 0.1,
    maxZoom: 3,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 9, "min-zoomed-font-size": 10, "text-wrap": "ellipsis", "text-max-width": 110,
        color: "#1d2327", "text-valign": "bottom", "text-margin-y": 3, width: 14, height: 14, "background-color": "#0b5d7a" } },
      { selector: "node.member", style: { "font-size": 13 } },
      { selector: "node.member[?participant]", style: { "background-color": "#c06a2b", width: 20, height: 20, "font-weight": "bold" } },
      { selector: "node.organization", style: { shape: "round-rectangle", "background-color": "#7a5aa6", width: 12, height: 12 } },
      { selector: "node.commitment", style: { shape: "diamond", "background-color": "#9aa5ae", width: 9, height: 9, label: "" } },
      { selector: "node.coalition", style: { "background-color": "#f2a900", width: 28, height: 28, "font-weight": "bold", "font-size": 14 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f2a900" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 10, 1, 5)", "line-color": "#c9d1d8", "curve-style": "haystack", opacity: 0.8 } },
      { selector: "edge[type = 'PARTICIPATES_IN']", style: { "line-color": "#f2a900" } }
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 60, numIter: 1500 }
  });
  function open(node) {
    var href = node.data("href");
    if (href) window.location.href = href;
  }
  cy.on("tap", "node", function (event) { open(event.target); });
  cy.on("mouseover", "node", function (event) {
    box.title = event.target.data("label");
    box.style.cursor = event.target.data("href") ? "pointer" : "default";
  });
  cy.on("mouseout", "node", function () { box.title = ""; box.style.cursor = "default"; });
  // Keyboard: the drawing takes focus; arrow keys pan, + and - zoom, Tab-like n/p keys step through the
  // members, Enter opens the selected one. The list below the drawing stays the full keyboard route.
  box.tabIndex = 0;
  var order = cy.nodes(".member, .coalition").sort(function (a, b) {
    return a.data("label").localeCompare(b.data("label"));
  });
  var at = -1;
  function select(index) {
    if (!order.length) return;
    at = (index + order.length) % order.length;
    cy.nodes().unselect();
    var node = order[at];
    node.select();
    cy.animate({ center: { eles: node } }, { duration: 150 });
    box.setAttribute("aria-label", node.data("label"));
  }
  box.addEventListener("keydown", function (event) {
    var step = 60;
    var handled = true;
    switch (event.key) {
      case "ArrowLeft": cy.panBy({ x: step, y: 0 }); break;
      case "ArrowRight": cy.panBy({ x: -step, y: 0 }); break;
      case "ArrowUp": cy.panBy({ x: 0, y: step }); break;
      case "ArrowDown": cy.panBy({ x: 0, y: -step }); break;
      case "+": case "=": cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); break;
      case "-": cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); break;
      case "n": select(at + 1); break;
      case "p": select(at - 1); break;
      case "Enter": case " ": if (at >= 0) open(order[at]); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });
  window.ogpNetwork = cy; // for the browser tests and anyone exploring in the console
  box.setAttribute("data-ready", "true");
}());
