// The service worker as the built server serves it (docs/decisions/0026-offline-field-pages.md):
// at /sw.js with its scope the whole site, never kept by a cache (a new build must reach the
// phone on its next visit), and precaching the build's own field-page assets. Needs `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("offline-sw");
let server: AppServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe("GET /sw.js", () => {
  it("is served uncached and precaches the built pickup form", async () => {
    const res = await fetch(`${server.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const body = await res.text();
    const built = fs.readdirSync(path.resolve("public/build/routes")).find((f) => f.startsWith("contracts.$contractId.pickups.new-"));
    expect(built).toBeTruthy();
    expect(body).toContain(`build/routes/${built}`);
    expect(body).not.toContain("self.__WB_MANIFEST");
    // Each precached file is there to be fetched.
    const urls = [...body.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls.slice(0, 5)) expect((await fetch(`${server.url}/${u}`)).status).toBe(200);
  });
});

describe("GET /build/…", () => {
  it("sends a script as Brotli to a browser that takes it, and gzip or plain to others", async () => {
    const built = fs.readdirSync(path.resolve("public/build/routes")).find((f) => f.startsWith("contracts.$contractId.pickups.new-") && f.endsWith(".js"))!;
    const plain = fs.readFileSync(path.resolve("public/build/routes", built), "utf8");
    const url = `${server.url}/build/routes/${built}`;
    // Node's fetch decodes br and gzip itself: the body must come out as the file, whatever the encoding.
    const br = await fetch(url, { headers: { "accept-encoding": "br, gzip" } });
    expect(br.status).toBe(200);
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(br.headers.get("cache-control")).toMatch(/immutable/);
    expect(br.headers.get("vary")).toMatch(/Accept-Encoding/i);
    expect(await br.text()).toBe(plain);
    const gz = await fetch(url, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).not.toBe("br");
    expect(await gz.text()).toBe(plain);
    // A name that only exists as .br is not served by guessing.
    expect((await fetch(`${server.url}/build/routes/${built}.br.js`, { headers: { "accept-encoding": "br" } })).status).toBe(404);
  });
});
