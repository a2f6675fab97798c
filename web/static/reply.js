// 常用语: choosing a stock passage fills the reply's policy basis and result (added after what
// is already written, never replacing it).
document.addEventListener("change", function (event) {
  var picker = event.target.closest("[data-reply-template]");
  if (!picker || !picker.value) { return; }
  var option = picker.options[picker.selectedIndex];
  var form = picker.closest("form");
  [["policy_basis", option.dataset.policy], ["handling_result", option.dataset.result]].forEach(
    function (pair) {
      var field = form.querySelector('[name="' + pair[0] + '"]');
      if (!field || !pair[1]) { return; }
      field.value = field.value ? field.value + "\n" + pair[1] : pair[1];
    }
  );
  picker.value = "";
});
