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

    // Save a questionnaire step in the background as soon as an answer changes. What the
    // status line says is what the server answered: a failed save is shown and retried, with
    // a growing pause, until the server has the answers.
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      var status = form.querySelector("[data-autosave-status]");
      var timer = null, retry = null, delay = 2000, busy = false, again = false;
      function say(key) {
        if (!status) { return; }
        status.hidden = false;
        status.textContent = status.getAttribute("data-" + key);
        status.className = "autosave-status autosave-" + key;
      }
      function failed(key, retrying) {
        say(key);
        if (retrying) {
          retry = setTimeout(save, delay);
          delay = Math.min(delay * 2, 60000);
        }
      }
      function save() {
        if (busy) { again = true; return; }
        busy = true; again = false;
        clearTimeout(retry);
        var data = new FormData(form);
        data.set("nav", "autosave");
        say("saving");
        fetch(form.action || window.location.href, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "X-Autosave": "1" }, redirect: "manual"
        }).then(function (response) {
          if (response.status === 204) {
            delay = 2000;
            if (!again) { say("saved"); }
          } else if (response.status === 422) {
            failed("invalid", false);
          } else {
            failed("failed", true);
          }
        }, function () {
          failed("failed", true);
        }).then(function () {
          busy = false;
          if (again) { save(); }
        });
      }
      function changed(wait) {
        clearTimeout(timer);
        timer = setTimeout(save, wait);
      }
      form.addEventListener("change", function () { changed(300); });
      form.addEventListener("input", function (event) {
        if (event.target.tagName === "TEXTAREA") { changed(1500); }
      });
    });
  });
})();
