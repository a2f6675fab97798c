/* One click on a dispatch suggestion fills the dispatch form: the lead unit and, for joint
   enforcement, the suggested cooperating units. Delegated, so forms swapped in by htmx work. */
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fill-lead]");
    if (!button) { return; }
    var form = button.getAttribute("data-fill-form");
    var lead = button.getAttribute("data-fill-lead");
    var select = document.getElementById(form + "-lead_unit_id");
    if (select) { select.value = lead; select.dispatchEvent(new Event("change", {bubbles: true})); }
    var coop = (button.getAttribute("data-fill-coop") || "").split(",").filter(Boolean);
    document.querySelectorAll("input[name=cooperating_unit_ids][id^='" + form + "-coop-']")
      .forEach(function (box) { box.checked = coop.indexOf(box.value) !== -1; });
    if (select) { select.focus(); }
  });
})();
