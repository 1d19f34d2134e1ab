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

  function init() {
    document.querySelectorAll("[data-eumk-filter]").forEach(function (form) {
      form.addEventListener("change", function () { filterCatalogue(form); });
      filterCatalogue(form);
    });
    document.querySelectorAll("[data-eumk-schedule]").forEach(sortSchedule);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);   /* Material's instant loading */
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
