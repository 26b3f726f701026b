/* Runs in <head> before the first paint: restores the reader's text size and colours. */
(function () {
  var root = document.documentElement;
  root.className = root.className.replace(/\bno-js\b/, "js");
  try {
    var step = window.localStorage.getItem("dolisa.fontStep");
    if (step && /^-?[0-3]$/.test(step) && step !== "0") root.setAttribute("data-font-step", step);
    if (window.localStorage.getItem("dolisa.contrast") === "high") root.setAttribute("data-contrast", "high");
  } catch (e) { /* storage disabled: default size and colours */ }
})();
