// Courses and timetables: copy-link feedback, the bulk-sessions form. No inline scripts (CSP).
(function () {
  "use strict";

  // Copy buttons (portal.js copies data-copy); show "copied" for a moment.
  document.querySelectorAll(".js-copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var copied = button.getAttribute("data-copied");
      if (!copied) { return; }
      var original = button.innerHTML;
      button.textContent = copied;
      window.setTimeout(function () { button.innerHTML = original; }, 1500);
    });
  });

  // Bulk sessions: the period-only fields are hidden when "one session per topic" is chosen.
  var form = document.querySelector("form.bulk-form");
  if (form) {
    var sync = function () {
      var chosen = form.querySelector('input[name="mode"]:checked');
      var perTopic = chosen && chosen.value === "per_topic";
      form.querySelectorAll(".js-period-only").forEach(function (el) { el.classList.toggle("d-none", perTopic); });
    };
    form.querySelectorAll('input[name="mode"]').forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  }
})();
