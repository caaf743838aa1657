// Trainee portal: small touches on top of portal.js (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  // After "copy the calendar link", say so on the button for a moment.
  document.querySelectorAll("[data-copy][data-copied-text]").forEach(function (button) {
    var original = button.textContent;
    button.addEventListener("click", function () {
      button.textContent = button.getAttribute("data-copied-text");
      window.setTimeout(function () { button.textContent = original; }, 2000);
    });
  });

  // The activation code field: upper-case as it is typed (the server ignores case and dashes anyway).
  var code = document.getElementById("id_code");
  if (code) {
    code.addEventListener("input", function () {
      var start = code.selectionStart;
      code.value = code.value.toUpperCase();
      if (start !== null) { code.setSelectionRange(start, start); }
    });
  }
})();
