// Which built files the field pages need offline: Remix's entry, the root route and the field
// routes, each with the chunks and CSS they import, read from the asset manifest of the build
// in public/build. Shared by the service-worker build (scripts/build-sw.ts) and its budget test.
import fs from "node:fs";
import path from "node:path";

/** The route ids whose modules a field page needs (app/utils/offline-names.ts: FIELD_PAGES). */
export const FIELD_ROUTES = [
  "root",
  "routes/contracts._index",
  "routes/contracts.$contractId.pickups.new",
  "routes/groups.$groupId.passbook.$householdId",
  "routes/passbook",
];

type Entry = { module: string; imports?: string[]; css?: string[] };
type Manifest = { url?: string; entry: Entry; routes: Record<string, Entry> };

/** Paths relative to `publicDir` (globs matching exactly one file each). */
export function fieldShell(publicDir: string): string[] {
  const dir = path.join(publicDir, "build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-[A-Z0-9]+\.js$/i.test(f));
  if (!file) throw new Error("No Remix asset manifest in public/build: run `remix build` first");
  const src = fs.readFileSync(path.join(dir, file), "utf8");
  const manifest = JSON.parse(src.slice(src.indexOf("{"), src.lastIndexOf("}") + 1)) as Manifest;
  const urls = new Set<string>([`/build/${file}`]);
  const add = (e: Entry | undefined, id: string) => {
    if (!e) throw new Error(`Route ${id} is not in the Remix manifest: update FIELD_ROUTES`);
    for (const u of [e.module, ...(e.imports ?? []), ...(e.css ?? [])]) urls.add(u);
  };
  add(manifest.entry, "entry");
  for (const id of FIELD_ROUTES) add(manifest.routes[id], id);
  // Modules a field page loads later with import() (the pickup form's schema) are not in the
  // manifest: follow the import() calls in what is already listed, and their static imports.
  const seen = new Set<string>();
  const follow = (u: string, lazy: boolean) => {
    if (seen.has(u) || !u.endsWith(".js")) return;
    seen.add(u);
    if (lazy) urls.add(u);
    const code = fs.readFileSync(path.join(publicDir, u), "utf8");
    for (const m of code.matchAll(/import\("(\/build\/[^"]+\.js)"\)/g)) follow(m[1], true);
    if (lazy) for (const m of code.matchAll(/(?:from|import)\s*"(\/build\/[^"]+\.js)"/g)) follow(m[1], true);
  };
  for (const u of [...urls]) follow(u, false);
  // The stylesheets the root route links (app/root.tsx: app.css, leaflet.css) are not in it.
  for (const f of fs.readdirSync(path.join(dir, "_assets"))) if (/^(app|leaflet)-[A-Z0-9]+\.css$/i.test(f)) urls.add(`/build/_assets/${f}`);
  urls.add("/favicon.svg");
  return [...urls].map((u) => u.replace(/^\//, ""));
}
