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
