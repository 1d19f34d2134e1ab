/* eumk self-check quizzes: shuffle options, check answers, score, feedback. Plain JS, file://-safe. */
(function () {
  "use strict";

  function shuffle(list) {
    var nodes = Array.prototype.slice.call(list.children);
    for (var i = nodes.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = nodes[i]; nodes[i] = nodes[j]; nodes[j] = t;
    }
    nodes.forEach(function (node) { list.appendChild(node); });
  }

  function shuffleSelect(select) {
    var first = select.options[0];
    var rest = Array.prototype.slice.call(select.options, 1);
    for (var i = rest.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = rest[i]; rest[i] = rest[j]; rest[j] = t;
    }
    select.appendChild(first);
    rest.forEach(function (o) { select.appendChild(o); });
  }

  function shuffleAll(form) {
    form.querySelectorAll("[data-shuffle]").forEach(shuffle);
    form.querySelectorAll("select[data-right]").forEach(shuffleSelect);
  }

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim().toLowerCase();
  }

  /* true / false for a scored question, null for an essay */
  function judge(fieldset) {
    var type = fieldset.dataset.type;
    if (fieldset.dataset.scored !== "1") return null;
    if (type === "short") {
      var input = fieldset.querySelector("input[data-answers]");
      var answers = JSON.parse(input.dataset.answers).map(normalise);
      return answers.indexOf(normalise(input.value)) >= 0;
    }
    if (type === "numerical") {
      var field = fieldset.querySelector("input[data-numbers]");
      var typed = field.value.trim().replace(/\s+/g, "").replace(",", ".");
      var given = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(typed) ? parseFloat(typed) : NaN;
      if (isNaN(given)) return false;
      return JSON.parse(field.dataset.numbers).some(function (n) {
        return Math.abs(given - n.value) <= n.tolerance + 1e-9 * Math.max(1, Math.abs(n.value));
      });
    }
    if (type === "matching") {
      var ok = true;
      fieldset.querySelectorAll("select[data-right]").forEach(function (s) {
        var right = s.value === s.dataset.right;
        s.classList.toggle("eumk-quiz--right", right);
        s.classList.toggle("eumk-quiz--wrong", !right);
        ok = ok && right;
      });
      return ok;
    }
    var all = true;
    fieldset.querySelectorAll("input[data-correct]").forEach(function (input) {
      var correct = input.dataset.correct === "1";
      var item = input.closest("li");
      if (input.checked !== correct) all = false;
      item.classList.toggle("eumk-quiz--right", correct);
      item.classList.toggle("eumk-quiz--wrong", input.checked && !correct);
      var feedback = item.querySelector(".eumk-quiz__option-feedback");
      if (feedback) feedback.hidden = !input.checked;
    });
    return all;
  }

  function verdictText(form, kind) {
    var t = form.querySelector('template[data-verdict="' + kind + '"]');
    return t ? t.innerHTML.trim() : kind;
  }

  function check(form) {
    var score = 0, total = 0;
    form.querySelectorAll(".eumk-quiz__question").forEach(function (fieldset) {
      var result = judge(fieldset);
      var box = fieldset.querySelector(".eumk-quiz__result");
      var verdict = box.querySelector(".eumk-quiz__verdict");
      var kind = result === null ? "unscored" : (result ? "correct" : "incorrect");
      if (result !== null) { total += 1; if (result) score += 1; }
      verdict.textContent = verdictText(form, kind);
      fieldset.dataset.verdict = kind;
      box.hidden = false;
    });
    var out = form.querySelector(".eumk-quiz__score");
    out.textContent = out.dataset.template.replace("{score}", score).replace("{total}", total);
    form.querySelector('button[type="reset"]').hidden = false;
    out.focus();
  }

  function reset(form) {
    form.querySelectorAll(".eumk-quiz__result, .eumk-quiz__option-feedback").forEach(
      function (box) { box.hidden = true; });
    form.querySelectorAll(".eumk-quiz--right, .eumk-quiz--wrong").forEach(function (node) {
      node.classList.remove("eumk-quiz--right", "eumk-quiz--wrong");
    });
    form.querySelectorAll(".eumk-quiz__question").forEach(function (fieldset) {
      delete fieldset.dataset.verdict;
    });
    form.querySelector(".eumk-quiz__score").textContent = "";
    form.querySelector('button[type="reset"]').hidden = true;
    shuffleAll(form);
    var first = form.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  function setup() {
    document.querySelectorAll("form[data-eumk-quiz]").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      shuffleAll(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form);
      });
      form.addEventListener("reset", function () {
        setTimeout(function () { reset(form); }, 0);  /* after the browser clears the fields */
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
