/* Behaviour for the shared layout: text size, high contrast, the main menu. No dependencies. */
(function () {
  "use strict";
  var root = document.documentElement;
  var MIN_STEP = -1, MAX_STEP = 3, KEY = "dolisa.fontStep", CONTRAST_KEY = "dolisa.contrast";
  var sizeButtons = document.querySelectorAll("button[data-font-step]");

  function currentStep() {
    return parseInt(root.getAttribute("data-font-step") || "0", 10);
  }

  function setStep(step) {
    step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
    if (step === 0) root.removeAttribute("data-font-step");
    else root.setAttribute("data-font-step", String(step));
    try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* not remembered */ }
    showActiveSize();
  }

  /* A− is shown active below the default size, A at it, A+ above it. */
  function showActiveSize() {
    var sign = String(Math.sign(currentStep()));
    sizeButtons.forEach(function (button) {
      var change = button.getAttribute("data-font-step");
      button.setAttribute("aria-pressed", String(String(Math.sign(parseInt(change, 10))) === sign));
    });
  }

  sizeButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      var change = button.getAttribute("data-font-step");
      setStep(change === "0" ? 0 : currentStep() + parseInt(change, 10));
    });
  });
  showActiveSize();

  var contrastButton = document.querySelector("button[data-contrast-toggle]");
  if (contrastButton) {
    contrastButton.setAttribute("aria-pressed", String(root.getAttribute("data-contrast") === "high"));
    contrastButton.addEventListener("click", function () {
      var high = root.getAttribute("data-contrast") !== "high";
      if (high) root.setAttribute("data-contrast", "high");
      else root.removeAttribute("data-contrast");
      contrastButton.setAttribute("aria-pressed", String(high));
      try {
        if (high) window.localStorage.setItem(CONTRAST_KEY, "high");
        else window.localStorage.removeItem(CONTRAST_KEY);
      } catch (e) { /* not remembered */ }
    });
  }

  /* Main menu: one toggle for the whole menu on phones, one per sub-menu. */
  var nav = document.querySelector(".main-nav");
  if (!nav) return;
  var navToggle = nav.querySelector(".main-nav__toggle");
  var subToggles = Array.prototype.slice.call(nav.querySelectorAll(".menu__toggle"));

  function closeSubmenus(except) {
    subToggles.forEach(function (toggle) {
      if (toggle !== except) toggle.setAttribute("aria-expanded", "false");
    });
  }

  navToggle.addEventListener("click", function () {
    var open = navToggle.getAttribute("aria-expanded") !== "true";
    navToggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("main-nav--open", open);
  });

  subToggles.forEach(function (toggle) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      closeSubmenus(toggle);
      toggle.setAttribute("aria-expanded", String(open));
    });
  });

  nav.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var item = event.target.closest(".menu__item--parent");
    var toggle = item && item.querySelector(".menu__toggle");
    if (toggle && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeSubmenus(null);
  });
  nav.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !nav.contains(event.relatedTarget)) closeSubmenus(null);
  });
})();
