// Behaviour the pages used to carry inline, moved here so that the Content-Security-Policy can
// forbid inline scripts and eval (htmx's hx-on attributes need eval).
(function () {
  "use strict";

  // The petition page answers refusals with a fragment to show (htmx 2 skips 4xx by default).
  function swapRefusals() {
    if (!window.htmx || !document.querySelector("[data-swap-refusals]")) return;
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "40[349]|422", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
      { code: "...", swap: false },
    ];
  }

  // Intake: a 422 carries the form again with the errors beside the fields.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "intake-form" && event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Intake: the kind of a petition is asked for livelihood petitions only.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select || select.id !== "category") return;
    var kind = document.getElementById("kind-field");
    if (kind) kind.disabled = select.value !== "LIVELIHOOD";
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", swapRefusals);
  } else {
    swapRefusals();
  }
})();

// Confirmation before destructive admin forms (was inline onsubmit).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form && form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});

// The new API key's secret is selected when focused, for copying.
document.addEventListener("focusin", function (event) {
  var field = event.target;
  if (field && field.hasAttribute && field.hasAttribute("data-select-on-focus")) field.select();
});
