/* Runs in <head> before the first paint: restores the reader's text size. */
(function () {
  var root = document.documentElement;
  root.className = root.className.replace(/\bno-js\b/, "js");
  try {
    var step = window.localStorage.getItem("dolisa.fontStep");
    if (step && /^-?[0-3]$/.test(step) && step !== "0") root.setAttribute("data-font-step", step);
  } catch (e) { /* storage disabled: default size */ }
})();
