// A step of `npm run build`, after `remix build`: bundles the service worker (app/sw/sw.ts) and
// injects its precache list — the app shell of the field pages, read from Remix's asset
// manifest — into public/sw.js. Prints the precache total; the budget (1 MB) is asserted by
// tests/unit/offline-budget.test.ts.
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { build } from "esbuild";
import { injectManifest } from "workbox-build";
import { fieldShell } from "./offline-shell";

const PUBLIC = path.resolve("public");
const tmp = path.resolve(".cache/sw-src.js");
fs.mkdirSync(path.dirname(tmp), { recursive: true });

await build({
  entryPoints: ["app/sw/sw.ts"],
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2020",
  outfile: tmp,
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});

const shell = fieldShell(PUBLIC);
const result = await injectManifest({
  swSrc: tmp,
  swDest: path.join(PUBLIC, "sw.js"),
  globDirectory: PUBLIC,
  globPatterns: shell,
  // The build's file names carry their content hash already.
  dontCacheBustURLsMatching: /^build\//,
  maximumFileSizeToCacheInBytes: 1024 * 1024,
});
for (const w of result.warnings) console.warn(`[sw] ${w}`);
const sw = fs.statSync(path.join(PUBLIC, "sw.js")).size;
console.log(`[sw] public/sw.js ${(sw / 1024).toFixed(1)} kB; precache ${result.count} files, ${(result.size / 1024).toFixed(1)} kB (budget 1024 kB)`);

// Every script and style sheet also as Brotli at its best level, made once here rather than per
// request: about a fifth smaller than gzip, which on 3G is time a first visit does not wait
// (server.js serves the .br to browsers that accept it; browsers ask for it over HTTPS).
const assets = path.join(PUBLIC, "build");
let raw = 0;
let br = 0;
for (const entry of fs.readdirSync(assets, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(js|css)$/.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const body = fs.readFileSync(file);
  const packed = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
  fs.writeFileSync(`${file}.br`, packed);
  raw += body.length;
  br += packed.length;
}
console.log(`[br] public/build: ${(raw / 1024).toFixed(0)} kB of scripts and styles, ${(br / 1024).toFixed(0)} kB as Brotli`);
