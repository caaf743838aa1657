// The approval queue: select all enrolments of one course, count the selection. No inline scripts (CSP).
(function () {
  "use strict";
  var form = document.getElementById("approval-form");
  if (!form) { return; }
  var counter = document.getElementById("selected-count");

  function update() {
    if (counter) { counter.textContent = form.querySelectorAll("input.js-enrolment:checked").length; }
  }

  form.querySelectorAll("input.js-select-course").forEach(function (box) {
    box.addEventListener("change", function () {
      var course = box.getAttribute("data-course");
      form.querySelectorAll('input.js-enrolment[data-course="' + course + '"]').forEach(function (cb) {
        cb.checked = box.checked;
      });
      update();
    });
  });
  form.querySelectorAll("input.js-enrolment").forEach(function (cb) { cb.addEventListener("change", update); });
  update();
})();
