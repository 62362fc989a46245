// Leaving a questionnaire step by any link or any other form saves the step first; if that
// save fails, the person is asked before anything is lost. Closing the tab with unsaved
// changes gets the browser's own question. (The step's own buttons save by submitting.)
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-autosave]");
    if (!form) { return; }
    var dirty = false;
    var leaving = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { leaving = true; });

    function save() {
      var data = new FormData(form);
      data.set("nav", "autosave");
      return fetch(form.action || window.location.href, {
        method: "POST", body: data, credentials: "same-origin", keepalive: true,
        headers: { "X-Autosave": "1" }
      }).then(function (response) {
        if (!response.ok) { throw new Error("not saved: " + response.status); }
      });
    }

    function saveThen(go) {
      save().then(function () {
        dirty = false;
        leaving = true;
        go();
      }, function () {
        if (window.confirm(form.getAttribute("data-leave-warning"))) {
          leaving = true;
          go();
        }
      });
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!dirty || !link || event.defaultPrevented || event.button !== 0 ||
          event.ctrlKey || event.metaKey || event.shiftKey || event.altKey ||
          link.target === "_blank" || link.hasAttribute("download") ||
          link.getAttribute("href").charAt(0) === "#") {
        return;
      }
      event.preventDefault();
      saveThen(function () { window.location.href = link.href; });
    }, true);

    document.addEventListener("submit", function (event) {
      var other = event.target;
      if (!dirty || other === form) { return; }
      event.preventDefault();
      saveThen(function () { other.submit(); });
    }, true);

    window.addEventListener("beforeunload", function (event) {
      if (dirty && !leaving) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
