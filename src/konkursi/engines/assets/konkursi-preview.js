// The preview's (konkursi serve / konkursi edit) notice of record errors: a rebuild that failed keeps the last
// good pages, so without this the browser would silently show the old page. konkursi writes the problems of
// the last rebuild into konkursi-preview.json at the site's root (an empty list when the records are valid);
// the page reloads after every rebuild. The preview writes this script and loads it; a built site has neither.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var url = new URL("../../konkursi-preview.json", script.src);
  fetch(url, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (state) {
      if (!state || !state.problems || !state.problems.length) return;
      var box = document.createElement("section");
      box.className = "konkursi-preview-errors";
      box.setAttribute("role", "alert");
      box.setAttribute("aria-labelledby", "konkursi-preview-errors-title");
      var title = document.createElement("h2");
      title.id = "konkursi-preview-errors-title";
      title.textContent = state.title;
      box.appendChild(title);
      var intro = document.createElement("p");
      intro.textContent = state.intro;
      box.appendChild(intro);
      var list = document.createElement("ul");
      state.problems.forEach(function (problem) {
        var item = document.createElement("li");
        item.textContent = problem;
        list.appendChild(item);
      });
      box.appendChild(list);
      box.style.cssText = "position:relative;z-index:10;margin:0;padding:1rem 1.5rem;background:#fff3f3;color:#5c0000;" +
        "border-bottom:4px solid #b00020;font-size:.8rem;line-height:1.5;white-space:pre-wrap";
      document.body.insertBefore(box, document.body.firstChild);
    })
    .catch(function () {});
})();
