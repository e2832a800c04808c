// Links the reading view to the source lines: hovering or focusing a unit (article,
// figure, section head, furniture) or a diagnostic outlines its lines; clicking it,
// or opening the page at #u-<id> / #d<n>, pins them and scrolls the source there.
(function () {
  "use strict";
  var SELECTABLE = ".unit[data-lines], .diag[data-lines]";
  var rowsByLine = new Map();
  document.querySelectorAll(".line[data-line]").forEach(function (row) {
    var rows = rowsByLine.get(row.dataset.line) || [];
    rows.push(row);
    rowsByLine.set(row.dataset.line, rows);
  });

  // "3-5,9" -> the rows of lines 3, 4, 5 and 9
  function rowsOf(element) {
    var rows = [];
    element.dataset.lines.split(",").forEach(function (range) {
      var ends = range.split("-").map(Number);
      for (var n = ends[0]; n <= ends[ends.length - 1]; n++) {
        rows.push.apply(rows, rowsByLine.get(String(n)) || []);
      }
    });
    return rows;
  }

  function mark(element, cls, on) {
    if (element) rowsOf(element).forEach(function (row) { row.classList.toggle(cls, on); });
  }

  var hovered = null, hoveredPiece = null, pinned = null;

  function hover(node) {
    var unit = node.closest ? node.closest(SELECTABLE) : null;
    var piece = node.closest ? node.closest(".piece[data-lines]") : null;
    if (unit !== hovered) { mark(hovered, "hl", false); mark(unit, "hl", true); hovered = unit; }
    if (piece !== hoveredPiece) { mark(hoveredPiece, "focus", false); mark(piece, "focus", true); hoveredPiece = piece; }
  }

  function pin(element, scrollSource) {
    if (pinned) { pinned.classList.remove("pinned"); mark(pinned, "pin", false); }
    pinned = element;
    if (!element) return;
    element.classList.add("pinned");
    mark(element, "pin", true);
    var first = rowsOf(element)[0];
    if (first && scrollSource) first.scrollIntoView({ block: "center" });
  }

  function pinFromHash(scrollSource) {
    var element = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (element && element.matches(SELECTABLE) && element !== pinned) pin(element, scrollSource);
  }

  function choose(event) {
    if (event.target.closest("a")) return;  // links keep their own meaning
    var element = event.target.closest(SELECTABLE);
    if (!element) return;
    if (element === pinned) { pin(null); return; }  // a second click unpins
    history.replaceState(null, "", "#" + element.id);
    pin(element, true);
  }

  document.addEventListener("mouseover", function (event) { hover(event.target); });
  document.addEventListener("focusin", function (event) { hover(event.target); });
  document.addEventListener("click", choose);
  document.addEventListener("keydown", function (event) { if (event.key === "Enter") choose(event); });
  window.addEventListener("hashchange", function () { pinFromHash(false); });
  pinFromHash(true);
})();
