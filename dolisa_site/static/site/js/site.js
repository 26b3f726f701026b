/* Behaviour for the shared layout: text size, the main menu. No dependencies. */
(function () {
  "use strict";
  var root = document.documentElement;
  var MIN_STEP = -1, MAX_STEP = 3, KEY = "dolisa.fontStep";

  function currentStep() {
    return parseInt(root.getAttribute("data-font-step") || "0", 10);
  }

  function setStep(step) {
    step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
    if (step === 0) root.removeAttribute("data-font-step");
    else root.setAttribute("data-font-step", String(step));
    try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* not remembered */ }
  }

  document.querySelectorAll("button[data-font-step]").forEach(function (button) {
    button.addEventListener("click", function () {
      var change = button.getAttribute("data-font-step");
      setStep(change === "0" ? 0 : currentStep() + parseInt(change, 10));
    });
  });

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
