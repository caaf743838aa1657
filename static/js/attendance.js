// Attendance grids: "all present" for a session; "fill blanks with present" per column of the sign-in matrix.
(function () {
  "use strict";

  document.querySelectorAll("[data-all-present]").forEach(function (button) {
    button.addEventListener("click", function () {
      var form = button.closest("form");
      form.querySelectorAll('input[type="radio"][value="present"]').forEach(function (radio) { radio.checked = true; });
    });
  });

  document.querySelectorAll("[data-fill-column]").forEach(function (button) {
    button.addEventListener("click", function () {
      var session = button.getAttribute("data-fill-column");
      document.querySelectorAll('select[data-session="' + session + '"]').forEach(function (select) {
        if (!select.value) { select.value = "present"; }
      });
    });
  });
})();
