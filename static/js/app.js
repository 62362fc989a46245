// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Move focus to the error summary so that screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }

    // A search box that shortens a long select list (the SNI divisions).
    document.querySelectorAll("[data-filter-for]").forEach(function (box) {
      var select = document.getElementById(box.getAttribute("data-filter-for"));
      var input = box.querySelector("input");
      if (!select || !input) { return; }
      box.hidden = false;
      var options = Array.prototype.slice.call(select.options);
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        options.forEach(function (option) {
          var show = !needle || option.value === "" || option.selected ||
            option.text.toLowerCase().indexOf(needle) !== -1;
          option.hidden = !show;
          option.disabled = !show;
        });
      });
    });

    // Save a questionnaire step in the background as soon as an answer changes.
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      var timer = null;
      function save() {
        var data = new FormData(form);
        data.set("nav", "autosave");
        fetch(form.action || window.location.href, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "X-Autosave": "1" }
        }).catch(function () { /* the buttons still save */ });
      }
      form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(save, 300); });
      form.addEventListener("input", function (event) {
        if (event.target.tagName === "TEXTAREA") { clearTimeout(timer); timer = setTimeout(save, 1500); }
      });
    });
  });
})();
