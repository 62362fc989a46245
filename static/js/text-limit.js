// A counter under every text area with a limit (data-limit): how much is typed, and by how
// much a text is too long. Nothing is ever cut: the server says the same next to the field.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-limit]").forEach(function (area) {
      var limit = parseInt(area.getAttribute("data-limit"), 10);
      var counter = document.getElementById(area.id + "-count");
      if (!counter || !limit) { return; }
      var live = document.createElement("span");
      live.className = "visually-hidden";
      live.setAttribute("aria-live", "polite");
      counter.parentNode.insertBefore(live, counter.nextSibling);
      var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
      var timer = null;
      function text() {
        var count = area.value.length;
        if (count <= limit) {
          return counter.getAttribute("data-of").replace("{count}", count);
        }
        var over = count - limit;
        var form = plural && plural.select(over) === "one" ? "data-over-one" : "data-over-other";
        return counter.getAttribute(form).replace("{over}", over);
      }
      function update() {
        var message = text();
        counter.textContent = message;
        counter.classList.toggle("over-limit", area.value.length > limit);
        clearTimeout(timer);  // a screen reader hears the count once typing pauses
        timer = setTimeout(function () { live.textContent = message; }, 1200);
      }
      area.addEventListener("input", update);
      counter.textContent = text();
    });
  });
})();
