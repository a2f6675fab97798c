// "Select all" for a queue's batch form: ticks or clears every row's box on the page.
document.addEventListener("change", function (event) {
  var all = event.target.closest("[data-select-all]");
  if (!all) { return; }
  document.querySelectorAll('#queue-rows input[name="ids"]').forEach(function (box) {
    box.checked = all.checked;
  });
});

// The 30-second refresh skips its turn while rows are ticked for a batch (a trigger filter
// would need eval, which the page's Content-Security-Policy forbids).
document.addEventListener("htmx:beforeRequest", function (event) {
  var el = event.detail.elt;
  if (el && el.id === "queue-rows" && el.querySelector('input[name="ids"]:checked')) {
    event.preventDefault();
  }
});
