// konkursi's additions to Decap CMS (loaded after decap-cms.js and locale-lv.js).
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
        throw new Error("Šis ir kārtas iestatījumu fails (_round.yml), nevis konkurss: to labojiet sadaļā „Kārtas”.");
      }
      return entry.get("data");
    },
  });
})();
