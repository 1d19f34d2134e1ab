/* eumk: catalogue filters and the consultation schedule; plain JS, works from file://. */
(function () {
  "use strict";

  function filterCatalogue(form) {
    var cards = document.querySelectorAll(".eumk-card");
    var language = form.elements.language.value;
    var programme = form.elements.programme.value;
    var shown = 0;
    cards.forEach(function (card) {
      var ok = (!language || card.dataset.language === language) &&
               (!programme || card.dataset.programme === programme);
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    var out = form.querySelector("output");
    if (out) out.textContent = shown + " / " + cards.length;
  }

  function sortSchedule(table) {
    var body = table.tBodies[0];
    var now = Date.now();
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row) {
      row.classList.toggle("eumk-past", Date.parse(row.dataset.end) < now);
    });
    rows.sort(function (a, b) {
      var pa = a.classList.contains("eumk-past"), pb = b.classList.contains("eumk-past");
      if (pa !== pb) return pa ? 1 : -1;
      return Date.parse(a.dataset.start) - Date.parse(b.dataset.start);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function noneAhead(table) {
    var note = document.querySelector("[data-eumk-none]");
    if (!note) return;
    note.hidden = Array.prototype.some.call(table.tBodies[0].rows, function (row) {
      return !row.classList.contains("eumk-past");
    });
  }

  // A table wider than the screen scrolls sideways: keyboard users must reach it (axe
  // scrollable-region-focusable), and screen readers get its caption or first heading as name.
  function focusableScrolls() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth) return;
      var table = wrap.querySelector("table");
      var name = table && (table.caption || table.querySelector("th"));
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (name) wrap.setAttribute("aria-label", name.textContent.trim());
    });
  }

  function init() {
    document.querySelectorAll("[data-eumk-filter]").forEach(function (form) {
      form.addEventListener("change", function () { filterCatalogue(form); });
      filterCatalogue(form);
    });
    document.querySelectorAll("[data-eumk-schedule]").forEach(function (table) {
      sortSchedule(table);
      noneAhead(table);
    });
    focusableScrolls();
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);   /* Material's instant loading */
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
