/* Shows only the inputs the chosen kind of period needs (year, quarter,
   month, or a date range). Without scripts every input stays visible. */
(function () {
  "use strict";
  var NEEDS = { nam: ["year"], quy: ["year", "quarter"], thang: ["year", "month"], khoang: ["start", "end"] };

  function update(form, kind) {
    var needed = NEEDS[kind] || NEEDS.nam;
    Array.prototype.forEach.call(form.querySelectorAll("[data-period-field]"), function (wrapper) {
      wrapper.hidden = needed.indexOf(wrapper.dataset.periodField) === -1;
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[name=kind]"), function (select) {
      update(select.form, select.value);
      select.addEventListener("change", function () { update(select.form, select.value); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
