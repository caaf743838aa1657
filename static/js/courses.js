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

  // Course page: open the tab named in the address (#section-results) and keep the address in step, so a
  // link or a reload comes back to the same section.
  var tabs = document.querySelector(".course-tabs");
  if (tabs && window.bootstrap) {
    var fromHash = window.location.hash && tabs.querySelector('[data-bs-target="' + window.location.hash + '"]');
    if (fromHash) { window.bootstrap.Tab.getOrCreateInstance(fromHash).show(); }
    // Coming back from a form of a section with a message (a refusal, a confirmation): the message is above
    // the tabs, so show it rather than the section the address jumped to.
    var message = document.querySelector(".messages .alert");
    if (fromHash && message) { message.scrollIntoView({ block: "start" }); }
    tabs.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (button) {
      button.addEventListener("shown.bs.tab", function () {
        window.history.replaceState(null, "", button.getAttribute("data-bs-target"));
      });
    });
  }

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
