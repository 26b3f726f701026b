/* The web links picker: with JavaScript, open the chosen site directly in a
   new tab (no stop at /lien-ket-website/chuyen/), without giving it a handle
   on this page. Without JavaScript the form's redirect does the same. */
(function () {
  "use strict";
  document.querySelectorAll(".link-picker").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var option = form.querySelector("select").selectedOptions[0];
      var url = option && option.getAttribute("data-url");
      if (!url || !/^https?:\/\//.test(url)) return;
      event.preventDefault();
      window.open(url, "_blank", "noopener,noreferrer");
    });
  });
})();
