// After a form comes back with errors (a 422 page or an htmx fragment), take the worker to the
// first bad field: focus it and scroll it into view, on a phone too.
(function () {
  function focusFirstError(root) {
    var bad = root.querySelector('[aria-invalid="true"]');
    if (!bad) { return; }
    bad.scrollIntoView({block: "center"});
    bad.focus({preventScroll: true});
  }
  document.addEventListener("DOMContentLoaded", function () { focusFirstError(document); });
  // An outerHTML swap replaces the target itself: look in the whole page (only the form just
  // answered carries errors).
  document.addEventListener("htmx:afterSettle", function () { focusFirstError(document); });
})();
