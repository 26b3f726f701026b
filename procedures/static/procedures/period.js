/* Shows only the inputs the chosen kind of period needs (year, quarter,
   month, or a date range). Without scripts every input stays visible. */
(function () {
  "use strict";
  // Kinds of period (the values of ky) and the inputs each needs, by name.
  var NEEDS = { nam: ["nam"], quy: ["nam", "quy"], thang: ["nam", "thang"], khoang: ["tu-ngay", "den-ngay"] };

  function update(form, kind) {
    var needed = NEEDS[kind] || NEEDS.nam;
    Array.prototype.forEach.call(form.querySelectorAll("[data-period-field]"), function (wrapper) {
      wrapper.hidden = needed.indexOf(wrapper.dataset.periodField) === -1;
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[name=ky]"), function (select) {
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
