// The approval queue: select all enrolments of one course, count the selection. No inline scripts (CSP).
(function () {
  "use strict";
  var form = document.getElementById("approval-form");
  if (!form) { return; }
  var counter = document.getElementById("selected-count");

  var action = document.getElementById("bulk-action");

  // Seats left if the selected enrolments were approved, per course, updated as boxes are ticked.
  function update() {
    if (counter) { counter.textContent = form.querySelectorAll("input.js-enrolment:checked").length; }
    form.querySelectorAll(".js-seats-after").forEach(function (badge) {
      var course = badge.getAttribute("data-course");
      var chosen = form.querySelectorAll('input.js-enrolment[data-course="' + course + '"]:checked').length;
      var left = parseInt(badge.getAttribute("data-seats"), 10) - chosen;
      if (!chosen || (action && action.value !== "approve")) { badge.classList.add("d-none"); return; }
      badge.classList.remove("d-none");
      badge.classList.toggle("text-bg-danger", left < 0);
      badge.textContent = left < 0 ? badge.getAttribute("data-over")
        : badge.getAttribute("data-template").replace("__N__", String(left));
    });
  }
  if (action) { action.addEventListener("change", update); }

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
