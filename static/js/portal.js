// Small behaviours for the whole portal. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  // Forms marked .js-autosubmit submit when a select changes; their submit button is then hidden.
  document.querySelectorAll("form.js-autosubmit").forEach(function (form) {
    form.querySelectorAll(".js-hide-when-scripted").forEach(function (el) { el.classList.add("d-none"); });
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  });

  // Buttons with data-confirm ask before submitting.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // "Select all" checkboxes: data-select-all="name" toggles every checkbox with that name.
  document.querySelectorAll("[data-select-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      var name = box.getAttribute("data-select-all");
      document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (cb) {
        cb.checked = box.checked;
      });
    });
  });

  // Print buttons.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Copy-to-clipboard buttons: data-copy="text".
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (navigator.clipboard) { navigator.clipboard.writeText(button.getAttribute("data-copy")); }
    });
  });
})();
