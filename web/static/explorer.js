// The API explorer: POST the query to /graphql as JSON with the session cookie, show the
// answer pretty-printed. No libraries, so it works without network access.
(function () {
  "use strict";
  var form = document.getElementById("explorer-form");
  if (!form) return;
  var query = document.getElementById("explorer-query");
  var variables = document.getElementById("explorer-variables");
  var result = document.getElementById("explorer-result");
  var status = document.getElementById("explorer-status");
  var run = document.getElementById("explorer-run");
  var examples = [];
  try {
    examples = JSON.parse(document.getElementById("explorer-examples-data").textContent || "[]");
  } catch (e) {
    examples = [];
  }

  // The session cookie alone does not authorise a GraphQL request: the page's CSRF token must
  // come along (the same token htmx sends from <body hx-headers>).
  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (e) {
      return "";
    }
  }

  function show(text, state) {
    result.textContent = text;
    status.textContent = state || "";
  }

  function load(index) {
    var ex = examples[index];
    if (!ex) return;
    query.value = ex.query;
    variables.value = ex.variables || "";
    show("", "");
    query.scrollTop = 0;
    query.setSelectionRange(0, 0);
  }

  document.getElementById("explorer-examples").addEventListener("click", function (event) {
    var button = event.target.closest("[data-example]");
    if (button) load(Number(button.getAttribute("data-example")));
  });

  function send() {
    var vars = null;
    var raw = variables.value.trim();
    if (raw) {
      try {
        vars = JSON.parse(raw);
      } catch (e) {
        show("变量不是合法的 JSON：" + e.message, "未发送");
        variables.focus();
        return;
      }
    }
    var started = Date.now();
    run.disabled = true;
    show("", "请求中…");
    fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRF-Token": csrfToken(),
      },
      body: JSON.stringify({ query: query.value, variables: vars }),
    })
      .then(function (response) {
        return response.text().then(function (text) {
          var pretty = text;
          try {
            pretty = JSON.stringify(JSON.parse(text), null, 2);
          } catch (e) {
            /* not JSON: show it as it came */
          }
          show(pretty, "HTTP " + response.status + " · " + (Date.now() - started) + " ms");
        });
      })
      .catch(function (error) {
        show(String(error), "请求失败");
      })
      .finally(function () {
        run.disabled = false;
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  });
  if (examples.length) load(0);
})();
