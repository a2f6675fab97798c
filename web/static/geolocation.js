// "使用我当前的位置": fills a form's latitude and longitude from the browser's location.
// Works on every [data-geolocation] block, including forms htmx swaps in later.
(function () {
  "use strict";

  function status(block, text) {
    var out = block.querySelector("[data-geolocation-status]");
    if (out) { out.textContent = text; }
  }

  function locate(button) {
    var block = button.closest("[data-geolocation]");
    if (!block) { return; }
    if (!("geolocation" in navigator)) {
      status(block, "此浏览器不能提供位置，请手工填写。");
      return;
    }
    button.disabled = true;
    status(block, "正在获取位置…");
    navigator.geolocation.getCurrentPosition(function (pos) {
      block.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(6);
      block.querySelector("[name=lng]").value = pos.coords.longitude.toFixed(6);
      status(block, "已填入当前位置（精度约 " + Math.round(pos.coords.accuracy) + " 米）。");
      button.disabled = false;
    }, function (err) {
      status(block, err.code === 1 ? "未获准使用位置，请在浏览器设置中允许，或手工填写。"
                                   : "暂时无法获取位置，请稍后再试或手工填写。");
      button.disabled = false;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-geolocate]");
    if (button) { locate(button); }
  });
}());
