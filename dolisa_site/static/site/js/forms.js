/* Public forms on cached pages carry no CSRF token (a cached page is shared by every
   visitor): the token is fetched from the site when the form is sent, then the form
   is sent for real. See dolisa_site/pagecache.py. */
(function () {
  "use strict";
  var url = document.documentElement.getAttribute("data-csrf-url");
  if (!url) return;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var input = form.querySelector("input[data-form-token]");
    if (!input || input.value) return;
    event.preventDefault();
    var submitter = event.submitter || null;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("token request failed: " + response.status);
        return response.json();
      })
      .then(function (data) {
        input.value = data.token;
        if (form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      })
      .catch(function () {
        /* Sent without a token: the server answers with its Vietnamese CSRF page. */
        input.value = "-";
        form.submit();
      });
  });
})();
