// The import status page (admin): follows a background import and shows its
// report when it ends. The server renders the state first, so without
// JavaScript the page still says where the import is; this only refreshes it.
(function () {
  "use strict";
  var block = document.getElementById("import-progress");
  if (!block) {
    return;
  }
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var url = block.getAttribute("data-progress-url");
  var delay = 1000;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        bar.value = progress.percent;
        bar.textContent = progress.percent + "%";
        if (text.textContent !== progress.text) {
          text.textContent = progress.text;
        }
        if (progress.finished) {
          // The same address now renders the report.
          window.location.reload();
          return;
        }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // A restarting server or a dropped connection: keep asking, less often.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
