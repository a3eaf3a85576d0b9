// Small progressive enhancements; every page works without them.
(function () {
  // Move focus to the error summary so keyboard and screen-reader users land on it.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();

  // Warn before leaving a form with unsaved changes: trainers are interrupted often.
  document.querySelectorAll("form[data-guard]").forEach(function (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });

  // Ask before destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // Simple client-side filter for long lists (the library, the client list).
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    var rows = document.querySelectorAll(box.dataset.filter);
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      rows.forEach(function (row) { row.hidden = needle && row.textContent.toLowerCase().indexOf(needle) < 0; });
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
