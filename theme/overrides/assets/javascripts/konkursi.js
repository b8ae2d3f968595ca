/* konkursi: live call statuses, the all-calls filters and order, the folded sections. Plain ES, no dependencies.
 * The server-rendered page is complete without this script; it only keeps the
 * statuses true after the build, lets visitors narrow and order the list of calls,
 * and opens a folded section that a link leads to. */
(function () {
  "use strict";

  var CLOSING_SOON_MS = 7 * 24 * 60 * 60 * 1000;
  var STATUSES = ["upcoming", "open", "closed"];

  /* A demo build fixes "now" and says so in a meta element; a live site uses the clock. */
  function referenceNow() {
    var fixed = document.querySelector('meta[name="konkursi:now"]');
    return fixed ? Date.parse(fixed.content) : Date.now();
  }

  function statusAt(opens, closes, now) {
    if (now < opens) return "upcoming";
    return now < closes ? "open" : "closed";
  }

  function labels() {
    var element = document.getElementById("konkursi-labels");
    return element ? JSON.parse(element.textContent) : null;
  }

  function updateBadge(badge, now, text) {
    var opens = Date.parse(badge.getAttribute("data-opens"));
    var closes = Date.parse(badge.getAttribute("data-closes"));
    var status = statusAt(opens, closes, now);
    var soon = status === "open" && closes - now <= CLOSING_SOON_MS;
    if (badge.getAttribute("data-status") === status && badge.classList.contains("konkursi-status--soon") === soon) return;
    STATUSES.forEach(function (name) {
      badge.classList.toggle("konkursi-status--" + name, name === status);
    });
    badge.classList.toggle("konkursi-status--soon", soon);
    badge.setAttribute("data-status", status);
    badge.textContent = text[status] + (soon ? text.soon : "");
  }

  /* Home page: each table lists calls of one status, in one region (data-section, data-region on its wrapper).
     A call that opened moves into its region's open table (made like the table it was in, where the region had
     none; a page without regions' open sections leaves it where it is); rows whose status left their table's
     are hidden, and so are tables, folds and notes that become empty or untrue. */
  function updateSections() {
    var badges = Array.prototype.slice.call(document.querySelectorAll(".konkursi-status[data-section]"));
    if (!badges.length) return;
    var openBodies = [];
    badges.forEach(function (badge) {
      var row = badge.closest("tr");
      var status = badge.getAttribute("data-status");
      var openBody = status === "open" ? openTableOf(badge.getAttribute("data-region"), row) : null;
      if (status === "open" && openBody && row.parentNode !== openBody) {
        openBody.appendChild(row);
        badge.setAttribute("data-section", "open");
      }
      if (openBody && openBodies.indexOf(openBody) < 0) openBodies.push(openBody);
      var elsewhere = status === "open" && !openBody;
      row.hidden = badge.getAttribute("data-section") !== status && !elsewhere;
    });
    openBodies.forEach(sortByDeadline);
    var listed = badges.filter(function (b) { return !b.closest("tr").hidden; });
    document.querySelectorAll(".konkursi-empty[data-section], .konkursi-regions[data-section]").forEach(function (message) {
      var section = message.getAttribute("data-section");
      var region = message.getAttribute("data-region");
      var some = listed.some(function (b) {
        return b.getAttribute("data-status") === section && (!region || b.getAttribute("data-region") === region);
      });
      message.hidden = message.classList.contains("konkursi-regions") ? !some : some;
    });
    document.querySelectorAll(".konkursi-calls[data-section]").forEach(function (wrap) {
      var table = wrap.querySelector("table");
      var shown = table && Array.prototype.some.call(table.tBodies[0].rows, function (row) { return !row.hidden; });
      wrap.hidden = !shown;
    });
    document.querySelectorAll("details[data-section]").forEach(function (fold) {
      var rows = Array.prototype.filter.call(fold.querySelectorAll("tbody tr"), function (row) { return !row.hidden; });
      fold.hidden = rows.length === 0;
      fold.querySelectorAll(".konkursi-rows-count").forEach(function (count) { recount(count, rows.length); });
    });
  }

  /* The tbody of a region's open table on the home page; made as a copy of the table ``row`` is in (without its
     rows) before the region's note where the region has none yet. */
  function openTableOf(region, row) {
    var wrap = document.querySelector('.konkursi-calls[data-section="open"][data-region="' + region + '"]');
    var note = document.querySelector('.konkursi-empty[data-section="open"][data-region="' + region + '"]');
    var model = row.closest(".konkursi-calls");
    if (!wrap && note && model) {
      wrap = model.cloneNode(true);
      wrap.setAttribute("data-section", "open");
      Array.prototype.slice.call(wrap.querySelector("table").tBodies[0].rows).forEach(function (r) { r.remove(); });
      note.parentNode.insertBefore(wrap, note);
    }
    var table = wrap && wrap.querySelector("table");
    return table ? table.tBodies[0] : null;
  }

  function recount(element, n) {
    var word = element.getAttribute(new Intl.PluralRules("lv").select(n) === "one" ? "data-one" : "data-other");
    element.textContent = n + " " + word;
  }

  function sortByDeadline(body) {
    Array.prototype.slice.call(body.rows).sort(function (a, b) {
      return closesOf(a) - closesOf(b);
    }).forEach(function (row) { body.appendChild(row); });
  }

  function closesOf(row) {
    return Date.parse(row.querySelector(".konkursi-status").getAttribute("data-closes"));
  }

  /* "6 atvērti, 4 drīzumā …": recount from the page's badges. */
  function updateCounts() {
    document.querySelectorAll(".konkursi-count-of[data-status]").forEach(function (element) {
      var status = element.getAttribute("data-status");
      recount(element, document.querySelectorAll('article .konkursi-status[data-status="' + status + '"]').length);
    });
  }

  function updateStatuses() {
    var text = labels();
    if (!text) return;
    var now = referenceNow();
    /* "Statuses as of <build time>" is the no-script fallback; live statuses make it untrue. */
    if (!document.querySelector('meta[name="konkursi:now"]')) {
      document.querySelectorAll(".konkursi-asof").forEach(function (note) { note.hidden = true; });
    }
    document.querySelectorAll(".konkursi-status[data-opens]").forEach(function (badge) {
      updateBadge(badge, now, text);
    });
    updateSections();
    updateCounts();
    if (filters) filters.apply();
  }

  /* The all-calls page: filters and sort order kept in the URL's query string. */
  function Filters(form) {
    this.form = form;
    this.count = document.getElementById("konkursi-count");
    this.order = document.getElementById("konkursi-order");
    this.rows = Array.prototype.map.call(
      document.querySelectorAll(".konkursi-status[data-region]"),
      function (badge, index) {
        var row = badge.closest("tr");
        return { badge: badge, row: row, index: index, name: row ? row.cells[0].textContent.trim() : "" };
      }
    ).filter(function (item) { return item.row; });
  }

  function moment(item, name) {
    return Date.parse(item.badge.getAttribute("data-" + name));
  }

  /* The orders of the sort select ("kartot"), each a comparison; ties keep the page's own order. The default
     (""), the order the page was built in: open calls first, closing soonest first; then upcoming ones,
     opening soonest first; closed last, the most recently closed first. Statuses are the live ones. */
  var STATUS_RANK = { open: 0, upcoming: 1, closed: 2 };
  var COLLATOR = typeof Intl === "object" ? new Intl.Collator("lv") : null;
  var ORDERS = {
    "": function (a, b) {
      var status = a.badge.getAttribute("data-status");
      var rank = STATUS_RANK[status] - STATUS_RANK[b.badge.getAttribute("data-status")];
      if (rank) return rank;
      if (status === "open") return moment(a, "closes") - moment(b, "closes");
      if (status === "upcoming") return moment(a, "opens") - moment(b, "opens");
      return moment(b, "closes") - moment(a, "closes");
    },
    asc: function (a, b) { return moment(a, "closes") - moment(b, "closes"); },
    desc: function (a, b) { return moment(b, "closes") - moment(a, "closes"); },
    pasvaldiba: function (a, b) { return COLLATOR ? COLLATOR.compare(a.name, b.name) : 0; }
  };

  Filters.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(this.form.elements, function (control) {
      if (control.tagName !== "SELECT") return;
      var wanted = params.get(control.name) || "";
      var known = Array.prototype.some.call(control.options, function (o) { return o.value === wanted; });
      control.value = known ? wanted : "";
    });
  };

  Filters.prototype.writeUrl = function () {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(this.form.elements, function (control) {
      if (control.tagName === "SELECT" && control.value) params.set(control.name, control.value);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  };

  /* Once a region is chosen, only its municipalities can be picked. */
  Filters.prototype.narrowMunicipalities = function () {
    var region = this.form.elements.regions.value;
    var select = this.form.elements.pasvaldiba;
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
      var elsewhere = Boolean(region) && group.getAttribute("data-region") !== region;
      group.disabled = elsewhere;
      group.hidden = elsewhere;
    });
    var chosen = select.options[select.selectedIndex];
    if (chosen && chosen.parentNode.disabled) select.value = "";
  };

  Filters.prototype.matches = function (badge) {
    var form = this.form.elements;
    var wanted = {
      region: form.regions.value,
      municipality: form.pasvaldiba.value,
      round: form.karta.value,
      status: form.statuss.value
    };
    return Object.keys(wanted).every(function (key) {
      return !wanted[key] || badge.getAttribute("data-" + key) === wanted[key];
    });
  };

  Filters.prototype.apply = function () {
    var self = this;
    var shown = 0;
    var sort = this.form.elements.kartot;
    var compare = ORDERS[sort.value] || ORDERS[""];
    var ordered = this.rows.slice().sort(function (a, b) {
      return compare(a, b) || a.index - b.index;
    });
    var chosen = sort.options[sort.selectedIndex];
    if (this.order && chosen && chosen.getAttribute("data-order")) this.order.textContent = chosen.getAttribute("data-order");
    ordered.forEach(function (item) {
      var visible = self.matches(item.badge);
      item.row.hidden = !visible;
      item.row.parentNode.appendChild(item.row);
      if (visible) shown += 1;
    });
    this.announce(shown);
  };

  Filters.prototype.announce = function (shown) {
    if (!this.count) return;
    var form = new Intl.PluralRules("lv").select(shown) === "one" ? "one" : "other";
    var message = shown === 0 ? this.count.getAttribute("data-none") : this.count.getAttribute("data-" + form);
    this.count.textContent = message.replace("{n}", String(shown));
  };

  Filters.prototype.start = function () {
    var self = this;
    var update = function () {
      self.narrowMunicipalities();
      self.writeUrl();
      self.apply();
    };
    this.readUrl();
    this.narrowMunicipalities();
    this.form.addEventListener("change", update);
    this.form.addEventListener("reset", function () {
      window.setTimeout(update, 0);  // the form's values change after the reset event
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.hidden = false;
    if (this.count) this.count.hidden = false;
  };

  /* The theme's menu button (narrow screens) is a <label>: make it a keyboard button. */
  function menuButton() {
    var button = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.getElementById("__drawer");
    var text = labels();
    if (!button || !drawer || !text || button.hasAttribute("role")) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", text.menu);
    button.setAttribute("aria-expanded", String(drawer.checked));
    drawer.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(drawer.checked));
    });
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // the theme would click the label on Enter too, toggling twice
      drawer.click();
    });
  }

  /* The theme's drawer and search are checkboxes, which browsers restore checked when a visitor comes back
     ("back", reload) to a page left with the menu or search open: Chromium just before "pageshow", Firefox
     while parsing. Material marks them autocomplete="off" against it, which HTML does not allow on a
     checkbox, so theme/hooks/material_markup.py takes it out and a restored toggle is closed here (one the
     visitor opened meanwhile, with a change event, stays open; a page from the back-forward cache is left
     as it was). */
  function closeRestoredToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (!toggle) return;
      var changed = false;
      toggle.addEventListener("change", function () { changed = true; });
      window.addEventListener("pageshow", function (event) {
        if (event.persisted || changed || !toggle.checked) return;
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }, { once: true });
    });
  }

  /* A table wider than the page scrolls sideways in the theme's wrapper (.md-typeset__scrollwrap, made by
     Material's script). While it does, the wrapper is a named region in the tab order, so that the keyboard
     can scroll it too (WCAG 2.1.1; axe's "scrollable-region-focusable"); a table that fits stays out of it. */
  function scrollableTables() {
    var text = labels();
    if (!text) return;
    var wraps = document.querySelectorAll("article .md-typeset__scrollwrap");
    var mark = function () { Array.prototype.forEach.call(wraps, function (wrap) { markScrolling(wrap, text); }); };
    mark();
    if (typeof ResizeObserver !== "function") return;
    var observer = new ResizeObserver(mark);  // a narrower window, a table's rows filtered or restored
    Array.prototype.forEach.call(wraps, function (wrap) {
      observer.observe(wrap);
      if (wrap.querySelector("table")) observer.observe(wrap.querySelector("table"));
    });
  }

  function markScrolling(wrap, text) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth;
    if (scrolls === wrap.hasAttribute("tabindex")) return;
    if (!scrolls) {
      ["tabindex", "role", "aria-label"].forEach(function (name) { wrap.removeAttribute(name); });
      return;
    }
    var name = tableName(wrap);
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", name ? text.table_named.replace("{name}", name) : text.table);
  }

  /* The table's caption, or else the heading it stands under. */
  function tableName(wrap) {
    var table = wrap.querySelector("table");
    if (table && table.caption) return table.caption.textContent.trim();
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
    }
    return "";
  }

  /* Folded sections (<details>): a link to one, or to something inside one, opens it; so does the address's
     fragment on arrival. (Chromium opens a fold for find in page and for a fragment inside it by itself.) */
  function openFoldOf(hash) {
    var target = null;
    try {
      target = hash && hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    } catch (error) {
      return;  // a fragment that is no valid percent-encoding names no element
    }
    if (!target) return;
    for (var fold = target.closest("details"); fold; fold = fold.parentElement.closest("details")) fold.open = true;
  }

  function folds() {
    if (!document.querySelector("article details")) return;
    openFoldOf(window.location.hash);
    if (foldsWatched) return;
    foldsWatched = true;  // the window's and document's listeners outlive a page shown by the theme's instant loading
    window.addEventListener("hashchange", function () { openFoldOf(window.location.hash); });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (link) openFoldOf(link.getAttribute("href"));  // also when the address already has this fragment
    });
    /* Print what the page holds, folded or not; the visitor's folds come back afterwards. */
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = Array.prototype.filter.call(document.querySelectorAll("article details:not([open])"), function (fold) {
        fold.open = true;
        return true;
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (fold) { fold.open = false; });
      opened = [];
    });
  }

  var filters = null;
  var timer = null;
  var foldsWatched = false;

  /* Runs once per page shown; re-checks statuses every minute while the page stays open. */
  function start() {
    var form = document.getElementById("konkursi-filters");
    filters = form ? new Filters(form) : null;
    if (filters) filters.start();
    menuButton();
    updateStatuses();
    scrollableTables();
    folds();
    window.clearInterval(timer);
    timer = window.setInterval(updateStatuses, 60 * 1000);
  }

  /* What the search page (meklet.js) needs to show a call's status as every page does. */
  window.konkursi = { statusAt: statusAt, now: referenceNow, labels: labels, closingSoonMs: CLOSING_SOON_MS };

  closeRestoredToggles();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
