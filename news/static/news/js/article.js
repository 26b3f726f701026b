/* Article pages: "Back" returns to the previous page of this site when there
   is one; the print view's button opens the print dialog. */
(function () {
  "use strict";
  document.querySelectorAll("a[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var sameSite = document.referrer && document.referrer.indexOf(window.location.origin + "/") === 0;
      if (sameSite && window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
