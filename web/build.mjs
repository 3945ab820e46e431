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
];

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
console.log(`copied ${FILES.length} files into marsad/web/static/vendor/`);
