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

// After a page link (numbered page or 下一页) swaps the rows in, the list starts at its top:
// scroll to it and move the focus there, so a reader at the bottom of a long page is not
// left below the new rows. The 30-second refresh and the filters do not scroll.
var pagedAt = null;
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-page-link]")) { pagedAt = Date.now(); }
});
document.addEventListener("htmx:afterSettle", function (event) {
  // Settled on the new rows themselves (not on the tabs swapped out of band with them).
  var rows = event.target;
  if (!rows || rows.id !== "queue-rows") { return; }
  if (pagedAt === null || Date.now() - pagedAt > 15000) { return; }
  pagedAt = null;
  rows.scrollIntoView({ block: "start" });
  var count = document.getElementById("queue-count");
  if (count) {
    count.setAttribute("tabindex", "-1");
    count.focus({ preventScroll: true });
  }
});
