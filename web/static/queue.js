// "Select all" for a queue's batch form: ticks or clears every row's box on the page.
document.addEventListener("change", function (event) {
  var all = event.target.closest("[data-select-all]");
  if (!all) { return; }
  document.querySelectorAll('#queue-rows input[name="ids"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
