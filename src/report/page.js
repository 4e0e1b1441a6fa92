"use strict";
(function () {
  var D = JSON.parse(document.getElementById("data").textContent);
  var NAMES = {zh: "Chinese", ja: "Japanese", ko: "Korean", en: "English", de: "German", fr: "French",
    es: "Spanish", it: "Italian", pt: "Portuguese", nl: "Dutch", ru: "Russian", other: "Other"};
  var PAGE = 20, page = 0;
  function lname(c) { return NAMES[c] || c; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function range(r) { return r ? (r[0] === r[1] ? r[0] : r[0] + " … " + r[1]) : "undated"; }
  var $ = function (id) { return document.getElementById(id); };
  $("totals").textContent = fmt(D.articles) + " articles → " + fmt(D.events) + " events (" +
    fmt(D.multi) + " with two or more articles) in " + D.langs.length + " languages: " +
    D.langs.map(function (l) { return lname(l[0]) + " " + fmt(l[1]); }).join(", ");
  D.langs.forEach(function (l) {
    var o = el("option", null, lname(l[0]) + " (" + l[0] + ")");
    o.value = l[0];
    $("lang").appendChild(o);
  });
  D.list.forEach(function (e, i) {
    e.i = i;
    e.hay = (e.id + " " + e.t + " " + e.a.map(function (a) { return a.id + " " + a.t; }).join(" ")).toLowerCase();
  });
  function filtered() {
    var q = $("q").value.trim().toLowerCase(), lang = $("lang").value;
    var multi = $("multi").checked, mixed = $("mixed").checked;
    var out = D.list.filter(function (e) {
      if (multi && e.n < 2) return false;
      if (mixed && e.langs.length < 2) return false;
      if (lang && !e.langs.some(function (l) { return l[0] === lang; })) return false;
      return !q || e.hay.indexOf(q) >= 0;
    });
    if ($("sort").value === "size") out = out.slice().sort(function (a, b) { return b.n - a.n || a.i - b.i; });
    return out;
  }
  function evidence(a) {
    var x = a.e, box = el("div", "ev");
    box.appendChild(document.createTextNode("linked to " + x.p + " (" + x.pl + "): "));
    box.appendChild(el("b", null, "similarity " + x.sim.toFixed(3)));
    var parts = ["score " + x.sc.toFixed(3)];
    if (x.w && x.w.length) parts.push("shared keys " + x.w.join(", "));
    if (x.names.length) parts.push("names " + x.names.join(", "));
    if (x.nv && x.nv.length) parts.push("numbers " + x.nv.join(", "));
    else if (x.nums) parts.push(x.nums + " shared number" + (x.nums > 1 ? "s" : ""));
    if (x.day) parts.push("same event day");
    box.appendChild(document.createTextNode(" · " + parts.join(" · ")));
    return box;
  }
  function article(a) {
    var li = el("li", a.r ? "rep" : null);
    li.dataset.id = a.id;
    var t = a.u ? el("a", "a-title", a.t) : el("span", "a-title", a.t);
    if (a.u) { t.href = a.u; t.rel = "noreferrer"; }
    li.appendChild(t);
    var meta = [a.id, a.d || "undated"];
    if (a.src) meta.push(a.src);
    if (a.r) meta.push("representative");
    li.appendChild(el("div", "a-meta", meta.join(" · ")));
    if (a.e) li.appendChild(evidence(a));
    return li;
  }
  function card(e) {
    var c = el("article", "event" + (e.n < 2 ? " single" : ""));
    c.id = e.id;
    var head = el("div", "ev-head");
    head.appendChild(el("span", "ev-title", e.t));
    var badges = el("span");
    e.langs.forEach(function (l) { badges.appendChild(el("span", "badge", l[0] + " " + l[1])); });
    head.appendChild(badges);
    c.appendChild(head);
    c.appendChild(el("div", "ev-meta", "event window " + range(e.w) + " · published " + range(e.p) +
      " · " + fmt(e.n) + (e.n === 1 ? " article" : " articles")));
    c.appendChild(el("div", "ev-id", e.id));
    var det = el("details");
    det.open = e.n <= 12;
    det.appendChild(el("summary", null, "articles by language"));
    var cur = null, ul = null;
    e.a.forEach(function (a) {
      if (a.l !== cur) {
        cur = a.l;
        var n = e.langs.filter(function (l) { return l[0] === cur; })[0];
        det.appendChild(el("div", "lang", lname(cur) + " · " + (n ? n[1] : "")));
        ul = el("ul", "arts");
        det.appendChild(ul);
      }
      ul.appendChild(article(a));
    });
    if (e.more) det.appendChild(el("div", "more", "… and " + fmt(e.more) + " more articles not listed"));
    c.appendChild(det);
    return c;
  }
  function render() {
    var list = filtered(), pages = Math.max(1, Math.ceil(list.length / PAGE));
    if (page >= pages) page = pages - 1;
    var main = $("events");
    main.textContent = "";
    var lastDay = null;
    list.slice(page * PAGE, page * PAGE + PAGE).forEach(function (e) {
      var day = e.date || (e.w ? e.w[0] : "undated");
      if ($("sort").value === "date" && day !== lastDay) { main.appendChild(el("div", "day", day)); lastDay = day; }
      main.appendChild(card(e));
    });
    $("status").textContent = fmt(list.length) + " of " + fmt(D.shown) + " listed events match · page " +
      (page + 1) + " of " + pages;
    var pager = $("pager");
    pager.textContent = "";
    function btn(label, p, cur) {
      var b = el("button", null, label);
      if (cur) b.setAttribute("aria-current", "page");
      b.onclick = function () { page = p; render(); window.scrollTo(0, 0); };
      pager.appendChild(b);
    }
    if (pages > 1) {
      if (page > 0) btn("‹ prev", page - 1);
      var from = Math.max(0, page - 4), to = Math.min(pages, from + 9);
      for (var p = from; p < to; p++) btn(String(p + 1), p, p === page);
      if (page < pages - 1) btn("next ›", page + 1);
    }
  }
  ["q", "lang", "multi", "mixed", "sort"].forEach(function (id) {
    $(id).addEventListener(id === "q" ? "input" : "change", function () { page = 0; render(); });
  });
  render();
})();
