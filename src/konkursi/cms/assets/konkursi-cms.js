// konkursi's additions to Decap CMS (loaded after decap-cms.js and locale-lv.js).
// The preview's server (mkdocs serve, in konkursi edit) adds its live-reload script to every page it serves,
// this one too: it would reload the editor after every save and ask to leave a form being filled in. That
// script assigns a global "livereload" and calls it; a fixed one that does nothing keeps the editor still.
Object.defineProperty(window, "livereload", { value: function () {}, writable: false, configurable: false });

(function () {
  "use strict";
  var CMS = window.CMS;
  // Decap lists every .yml file of a round's folder as a call, the round's own _round.yml too (konkursi edit's
  // file server leaves it out; GitHub's listing cannot). Saving it through the call form would break the round.
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      if (entry.get("collection") === "calls" && /(^|\/)_round$/.test(entry.get("slug") || "")) {
        var refusal = new Error("Šis ir kārtas iestatījumu fails (_round.yml), nevis konkurss: labojiet to sadaļā „Kārtas”.");
        refusal.name = "";  // the notice shows the message alone, without "Error: "
        throw refusal;
      }
      return entry.get("data");
    },
  });

  // Names for the icon-only controls of a list item (Decap leaves them unnamed: WCAG 4.1.2), in Latvian.
  function name(root) {
    root.querySelectorAll("[class*='TopBar']").forEach(function (bar) {
      var buttons = Array.prototype.filter.call(bar.children, function (child) { return child.tagName === "BUTTON"; });
      buttons.forEach(function (button, index) {
        if (button.getAttribute("aria-label") || button.textContent.trim()) return;
        var collapse = index === 0 && buttons.length > 1 || /chevron/.test(button.innerHTML);
        button.setAttribute("aria-label", collapse ? "Izvērst vai sakļaut elementu" : "Noņemt elementu no saraksta");
      });
      bar.querySelectorAll("[aria-roledescription='sortable'][role='button']").forEach(function (handle) {
        if (!handle.getAttribute("aria-label")) handle.setAttribute("aria-label", "Pārvietot elementu sarakstā");
      });
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; name(document); });  // once a frame, not per change
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
