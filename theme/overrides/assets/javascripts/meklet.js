/* konkursi: the search page (/meklet/). Plain ES, no dependencies.
 * Reads the query and filters from the address (?q=jekabpils&statuss=open&regions=latgale), asks the
 * site's Pagefind index (pagefind/pagefind.js, written by the build: src/konkursi/outputs/search.py) and
 * lists the results with what a visitor needs to choose: for a call its status (live, as on every page),
 * municipality, region, round and deadline. Pagefind downloads only the parts of the index a query needs. */
(function () {
  "use strict";

  var PAGE = 10;
  var script = document.currentScript;
  var root = new URL("../../", script.src);  // this file is assets/javascripts/meklet.js under the site's root
  var KINDS = { call: "Konkurss", municipality: "Pašvaldība", round: "Kārta" };

  /* Latvian case endings, longest first. Pagefind matches a word's beginning and folds diacritics, so a query
     word without its ending finds every case form: "Jēkabpilī" → "jēkabpil" finds "Jēkabpils", "rezeknes
     novada" → "rezekn novad" finds "Rēzeknes novads". A stem keeps at least three letters. The words as typed
     are searched too, and each page keeps the better of its two scores. */
  var ENDINGS = ["iem", "ām", "ās", "ēm", "ēs", "īm", "īs", "os", "as", "es", "is", "us", "ai", "ei", "ij",
                 "am", "im", "um", "a", "ā", "e", "ē", "i", "ī", "u", "ū", "o", "s", "š"];

  /* ``word`` in lower case, as words() gives it. */
  function stem(word) {
    if (/\d/.test(word)) return word;
    for (var i = 0; i < ENDINGS.length; i += 1) {
      var ending = ENDINGS[i];
      if (word.length - ending.length >= 3 && word.slice(-ending.length) === ending) {
        return word.slice(0, -ending.length);
      }
    }
    return word;
  }

  /* The word the pages carry for a status or region (theme/pages/_macros.md.j2, search_word). */
  function narrowing(name, value) {
    return "konkursi_" + name + "_" + value;
  }

  function words(query) {
    return query.toLocaleLowerCase("lv").split(/[\s,;:!?"„”“()]+/).filter(Boolean);
  }

  function Search(form) {
    this.form = form;
    this.query = form.elements.q;
    this.message = document.getElementById("konkursi-search-message");
    this.list = document.getElementById("konkursi-search-results");
    this.more = document.getElementById("konkursi-search-more");
    this.header = document.getElementById("konkursi-search-box-q") || document.createElement("input");
    this.found = [];
    this.shown = 0;
    this.asked = 0;  // the latest search: an older one's answer arriving late is dropped
    this.index = null;
  }

  Search.prototype.load = function () {
    if (!this.index) {
      this.index = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        // noWorker: the search runs on the page, 41 KB less to download; a query reads only a few small chunks.
        return pagefind.options({ baseUrl: root.pathname, noWorker: true }).then(function () { return pagefind; });
      });
    }
    return this.index;
  };

  Search.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    this.query.value = params.get("q") || "";
    this.header.value = this.query.value;
    Array.prototype.forEach.call(this.form.querySelectorAll("select"), function (select) {
      var wanted = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
  };

  Search.prototype.writeUrl = function () {
    var params = new URLSearchParams();
    if (this.query.value.trim()) params.set("q", this.query.value.trim());
    Array.prototype.forEach.call(this.form.querySelectorAll("select"), function (select) {
      if (select.value) params.set(select.name, select.value);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    this.header.value = this.query.value;  // the header's box says what is searched for too (on a phone it is hidden)
  };

  /* The chosen status and region as the words the pages carry for them (theme/pages/_macros.md.j2, search_word):
     added to a query, they narrow it to the pages that have them. */
  Search.prototype.filters = function () {
    var chosen = [];
    var status = this.form.elements.statuss.value;
    var region = this.form.elements.regions.value;
    if (status) chosen.push(narrowing("statuss", status));
    if (region) chosen.push(narrowing("regions", region));
    return chosen;
  };

  Search.prototype.run = function () {
    var self = this;
    var asked = ++this.asked;
    var text = this.query.value.trim();
    var filters = this.filters();
    this.writeUrl();
    if (!text && !filters.length) {
      this.show([], "");
      return Promise.resolve();
    }
    return this.load().then(function (pagefind) {
      if (!text) return self.listed(pagefind);
      // The words as typed and their stems ("jēkabpilī" → "jēkabpil"), each a search of its own. A chosen
      // status or region is a search of its own, and only what both find is kept: Pagefind leaves out a word no
      // page has, so with the narrowing words in one query "zzzz" would list every open call.
      var typed = words(text).join(" ");
      var stemmed = words(text).map(stem).join(" ");
      var asks = [pagefind.search(typed)];
      if (stemmed !== typed) asks.push(pagefind.search(stemmed));
      var narrowed = filters.length ? pagefind.search(filters.join(" ")) : Promise.resolve(null);
      return Promise.all([Promise.all(asks), narrowed]).then(function (answers) {
        var allowed = null;
        if (answers[1]) {
          allowed = {};
          answers[1].results.forEach(function (result) { allowed[result.id] = true; });
        }
        // Each page once, at the better of its two scores (Pagefind scores both searches alike); the first ten are
        // then put in order by their names (ranked).
        var best = {};
        answers[0].forEach(function (answer) {
          answer.results.forEach(function (result) {
            if (allowed && !allowed[result.id]) return;
            if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
          });
        });
        return Object.keys(best).map(function (id) { return best[id]; })
          .sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
      });
    }).then(function (found) {
      if (asked !== self.asked) return;
      self.show(found, text);
    }, function () {
      if (asked !== self.asked) return;
      self.show([], text);
      self.unavailable();
    });
  };

  /* No words, a status or region chosen: the calls that have them in the order of the list of all calls (open
     ones closing soonest first, then upcoming ones opening soonest first, then closed ones, the latest first). */
  Search.prototype.listed = function (pagefind) {
    var region = this.form.elements.regions.value;
    var status = this.form.elements.statuss.value;
    var orders = { open: { when: "asc" }, upcoming: { when: "asc" }, closed: { when: "desc" } };  // "when": _macros.md.j2
    var statuses = status ? [status] : ["open", "upcoming", "closed"];
    return Promise.all(statuses.map(function (name) {
      var terms = [narrowing("statuss", name)].concat(region ? [narrowing("regions", region)] : []);
      return pagefind.search(terms.join(" "), { sort: orders[name] });
    })).then(function (answers) {
      return answers.reduce(function (all, answer) { return all.concat(answer.results); }, []);
    });
  };

  Search.prototype.unavailable = function () {
    this.say("Meklēšana pašlaik nav pieejama. Konkursus var atrast sarakstā „", "Visi konkursi",
             this.message.getAttribute("data-calls"), "”.");
  };

  /* A message with a link in it: the text around the link, never parsed as HTML. */
  Search.prototype.say = function (before, linked, href, after) {
    var link = document.createElement("a");
    link.href = href;
    link.textContent = linked;
    this.message.textContent = before;
    this.message.appendChild(link);
    this.message.appendChild(document.createTextNode(after));
  };

  Search.prototype.show = function (results, text) {
    this.found = results;
    this.shown = 0;
    this.list.textContent = "";
    this.list.hidden = !results.length;
    this.more.hidden = true;
    this.message.textContent = this.summary(results.length, text);
    if (results.length) this.next(false);
  };

  Search.prototype.summary = function (n, text) {
    var status = this.form.elements.statuss.value;
    var region = this.form.elements.regions.value;
    if (!text && !status && !region) return "";
    if (!n && text) {
      return "Nekas netika atrasts. Pārbaudiet rakstību vai saīsiniet meklējamo tekstu (piemēram, ierakstiet tikai " +
             "pašvaldības nosaukumu)." + (status || region ? " Varat arī mainīt izvēlēto statusu vai reģionu." : "");
    }
    if (!n) {
      if (status && region) return "Izvēlētajā reģionā nav neviena konkursa ar šādu statusu. Izvēlieties citu statusu vai reģionu.";
      return status ? "Nav neviena konkursa ar šādu statusu. Izvēlieties citu statusu."
                    : "Izvēlētajā reģionā nav neviena konkursa. Izvēlieties citu reģionu.";
    }
    var one = new Intl.PluralRules("lv").select(n) === "one";
    return (one ? "Atrasts " : "Atrasti ") + n + (one ? " rezultāts." : " rezultāti.");
  };

  /* The next page of results; focus moves to the first of them when the visitor asked for more. */
  Search.prototype.next = function (focus) {
    var self = this;
    var batch = this.found.slice(this.shown, this.shown + PAGE);
    var asked = this.asked;
    var query = this.shown ? "" : this.query.value.trim();
    this.shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (asked !== self.asked) return;
      if (query) pages = ranked(pages, query);
      var first = null;
      pages.forEach(function (page) {
        var item = self.item(page);
        self.list.appendChild(item);
        first = first || item.querySelector("a");
      });
      self.more.hidden = self.shown >= self.found.length;
      if (focus && first) first.focus();
    }, function () {
      // The site was published anew while this page was open: the index it loaded names files that are gone.
      if (asked === self.asked) self.republished();
    });
  };

  Search.prototype.republished = function () {
    this.list.hidden = true;
    this.more.hidden = true;
    this.say("Vietne tikko atjaunināta. ", "Pārlādējiet lapu", window.location.href, ", lai meklētu vēlreiz.");
  };

  Search.prototype.item = function (page) {
    var meta = page.meta || {};
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.className = "konkursi-result__title";
    link.href = page.url;
    link.textContent = meta.title || page.url;
    item.appendChild(link);
    var facts = document.createElement("p");
    facts.className = "konkursi-result__facts";
    var kind = document.createElement("span");
    kind.className = "konkursi-result__kind";
    kind.textContent = KINDS[meta.kind] || "Lapa";
    facts.appendChild(kind);
    var said = [];
    if (meta.kind === "call") {
      var status = callStatus(meta);
      facts.appendChild(document.createTextNode(" · "));
      facts.appendChild(status.badge);
      said = [meta.municipality + " (" + meta.region + ")", meta.round, "pieteikšanās " + meta["when_" + status.name]];
    } else if (meta.kind === "municipality") {
      said = [meta.region];
    } else if (meta.kind === "round") {
      said = [meta.period];
    }
    said = said.filter(Boolean);
    if (said.length) facts.appendChild(document.createTextNode(" · " + unbroken(said.join(" · "))));
    item.appendChild(facts);
    if (!meta.kind && page.content) item.appendChild(excerpt(page.content, this.query.value));
    return item;
  };

  /* "25. jūnijam", "2020. gada": a day's or year's number stays on the line of the word after it. */
  function unbroken(text) {
    return text.replace(/(\d+\.) (?=\S)/g, "$1\u00a0");
  }

  /* Pagefind ranks by the words of a whole page; a visitor typing a name wants the page of that name. Within the
     first page of results: first a page whose name the query is (a municipality, a round, a page's title; in any
     case form konkursi writes, with or without diacritics), then one whose name (a call's: its municipality's)
     has a word beginning with each word as typed ("cesu": Cēsu novads and its call), then with each word's stem
     ("Cēsīs"), then the rest; within a group the name nearest to the words typed first, then Pagefind's order. */
  function ranked(pages, query) {
    var typed = words(fold(query));
    var stems = typed.map(stem);
    var keys = pages.map(function (page) {
      var meta = page.meta || {};
      var names = [meta.title || ""].concat(listed(meta.names)).filter(Boolean);
      if (names.some(function (name) { return fold(name) === fold(query); })) return [0, 0];
      if (meta.municipality) names.push(meta.municipality);  // a call: its municipality's name is its name too
      var asTyped = nearest(names, typed, typed);
      if (asTyped < Infinity) return [1, asTyped];
      var byStem = nearest(names, stems, typed);
      return byStem < Infinity ? [2, byStem] : [3, 0];
    });
    return pages.map(function (page, at) { return { page: page, at: at, key: keys[at] }; })
      .sort(function (a, b) { return a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.at - b.at; })
      .map(function (item) { return item.page; });
  }

  /* A page's names and their case forms (a JSON list: _macros.md.j2, search_names). */
  function listed(names) {
    try {
      var list = JSON.parse(names || "[]");
      return Array.isArray(list) ? list.filter(function (name) { return typeof name === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  /* How near the best of ``names`` comes to the query when each of ``beginnings`` begins one of its words: by
     how many letters those words are longer or shorter than the words typed ("cēsīs": Cēsu is nearer than
     Cesvaines); Infinity when no name has them all. */
  function nearest(names, beginnings, typed) {
    return names.reduce(function (best, name) {
      var parts = fold(name).split(/[^\p{L}\p{N}]+/u);
      var total = 0;
      for (var i = 0; i < beginnings.length && total < Infinity; i += 1) {
        var off = Infinity;
        for (var j = 0; j < parts.length; j += 1) {
          if (parts[j].indexOf(beginnings[i]) === 0) off = Math.min(off, Math.abs(parts[j].length - typed[i].length));
        }
        total += off;
      }
      return Math.min(best, beginnings.length ? total : Infinity);
    }, Infinity);
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase("lv").replace(/\s+/g, " ").trim();
  }

  /* A call's status now, as the badges on every page show it (konkursi.js), "closing soon" too. */
  function callStatus(meta) {
    var live = window.konkursi;
    var now = live.now();
    var closes = Date.parse(meta.closes);
    var name = live.statusAt(Date.parse(meta.opens), closes, now);
    var soon = name === "open" && closes - now <= live.closingSoonMs;
    var badge = document.createElement("span");
    badge.className = "konkursi-status konkursi-status--" + name + (soon ? " konkursi-status--soon" : "");
    badge.textContent = live.labels()[name] + (soon ? live.labels().soon : "");
    return { name: name, badge: badge };
  }

  /* A passage of a page's text (Pagefind keeps it whole and unescaped) around the first word a query word or
     its stem begins, those words marked. Made into text nodes: text from a record is only ever text. */
  function excerpt(content, query) {
    var wanted = words(fold(query));
    wanted = wanted.concat(wanted.map(stem));
    var parts = content.split(/(\s+)/);
    var matches = function (part) {
      var word = fold(part).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      return word !== "" && wanted.some(function (beginning) { return word.indexOf(beginning) === 0; });
    };
    var first = parts.findIndex(matches);
    var start = Math.max(0, (first < 0 ? 0 : first) - 12);
    start -= start % 2;  // a word, not the space after it
    var shown = parts.slice(start, start + 48);
    var paragraph = document.createElement("p");
    paragraph.className = "konkursi-result__excerpt";
    if (start > 0) paragraph.appendChild(document.createTextNode("… "));
    shown.forEach(function (part) {
      if (matches(part)) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(part));
      }
    });
    if (start + 48 < parts.length) paragraph.appendChild(document.createTextNode(" …"));
    return paragraph;
  }

  Search.prototype.start = function () {
    var self = this;
    var timer = null;
    this.readUrl();
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      self.run();
    });
    this.query.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { self.run(); }, 250);
    });
    this.form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") self.run();
    });
    this.more.addEventListener("click", function () { self.next(true); });
    if (!this.query.value) this.query.focus();
    this.run();
  };

  var form = document.getElementById("konkursi-search");
  if (form) new Search(form).start();
})();
