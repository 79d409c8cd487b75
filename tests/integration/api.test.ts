// The HTTP API with per-organisation tokens: JSON errors, and a token reaches only its own
// organisation's data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("api");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { computeIndicators } = await import("~/domain/indicators.server");
const { db, write, disconnect } = await import("~/utils/db.server");
const { todayInVietnam } = await import("~/utils/dates");

let server: AppServer;
let tokenA: string; // the demo's project owner (hlhpn-sinh-ke)
let tokenB: string; // a second project owner with one group of its own
let orgA: { id: string; ref: string };

const api = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(server.url + path, {
    ...init,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), "Content-Type": "application/json", ...(init.headers ?? {}) },
  });

beforeAll(async () => {
  await loadDemoProgramme();
  orgA = await db.organisation.findUniqueOrThrow({ where: { ref: "hlhpn-sinh-ke" }, select: { id: true, ref: true } });
  const admin = await db.user.findFirstOrThrow({ where: { isSiteAdmin: true } });
  const orgB = await write((tx) => tx.organisation.create({ data: { ref: "du-an-b", kind: "project_owner", name: "Dự án B" } }));
  // Move one Bắc Giang group to project B, so each token has something of its own.
  const bg = await db.farmerGroup.findFirstOrThrow({ where: { formerProvince: "Bắc Giang" } });
  await write((tx) => tx.farmerGroup.update({ where: { id: bg.id }, data: { projectOwnerId: orgB.id } }));
  tokenA = (await createToken(orgA.id, "A", admin.id)).token;
  tokenB = (await createToken(orgB.id, "B", admin.id)).token;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("authentication", () => {
  it("answers 401 JSON without a token, with a wrong one, or a revoked one", async () => {
    for (const token of [undefined, "cn_notarealtokennotarealtoken000", "garbage"]) {
      const res = await api("/api/v1/indicators?season=coffee-2025", token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    const admin = await db.user.findFirstOrThrow({ where: { isSiteAdmin: true } });
    const t = await createToken(orgA.id, "short-lived", admin.id);
    expect((await api("/api/v1/indicators?season=coffee-2025", t.token)).status).toBe(200);
    await write((tx) => tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } }));
    expect((await api("/api/v1/indicators?season=coffee-2025", t.token)).status).toBe(401);
  });

  it("answers bad requests with 4xx JSON", async () => {
    expect((await api("/api/v1/indicators", tokenA)).status).toBe(400);
    expect((await api("/api/v1/indicators?season=coffee-2025&asOf=2025-13-40", tokenA)).status).toBe(400);
    const unknown = await api("/api/v1/indicators?season=nope", tokenA);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/nope/);
    const bad = await api("/api/v1/import", tokenA, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_json");
  });
});

describe("a token reaches only its organisation's data", () => {
  it("indicators are always narrowed to the token's project", async () => {
    const asOf = todayInVietnam();
    const res = await api(`/api/v1/indicators?season=coffee-2025&asOf=${asOf}&projectOwner=du-an-b`, tokenA);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(await computeIndicators("coffee-2025", { asOf, scope: { projectOwner: "hlhpn-sinh-ke" } }))));
    const b = await (await api(`/api/v1/indicators?season=coffee-2025&asOf=${asOf}`, tokenB)).json();
    expect(b.scope).toEqual({ projectOwner: "du-an-b" });
    expect(b.areaHa).toBe(0); // project B has no coffee group
  });

  it("export gives each token its own groups only", async () => {
    const a = await (await api("/api/v1/export", tokenA)).json();
    const b = await (await api("/api/v1/export", tokenB)).json();
    expect(a.format).toBe("linkage-bundle/1");
    expect(b.farmerGroups).toHaveLength(1);
    const bRefs = new Set(b.farmerGroups.map((g: { ref: string }) => g.ref));
    expect(a.farmerGroups.some((g: { ref: string }) => bRefs.has(g.ref))).toBe(false);
    const bGroup = b.farmerGroups[0].ref;
    expect(a.households.some((h: { groupRef: string }) => h.groupRef === bGroup)).toBe(false);
    expect(b.households.every((h: { groupRef: string }) => h.groupRef === bGroup)).toBe(true);
    expect(b.contracts.every((c: { groupRef: string }) => c.groupRef === bGroup)).toBe(true);
  });

  it("import cannot touch another organisation's records", async () => {
    const b = await (await api("/api/v1/export", tokenB)).json();
    const renamed = { ...b, farmerGroups: b.farmerGroups.map((g: { name: string }) => ({ ...g, name: "Bị đổi tên" })) };
    const res = await api("/api/v1/import", tokenA, { method: "POST", body: JSON.stringify(renamed) });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.problems.map((p: { path: string }) => p.path)).toContain("$.farmerGroups[0].projectOwnerRef");
    expect((await db.farmerGroup.findUniqueOrThrow({ where: { ref: b.farmerGroups[0].ref } })).name).not.toBe("Bị đổi tên");
  });

  it("import of its own export changes nothing and says so", async () => {
    const b = await (await api("/api/v1/export", tokenB)).json();
    const before = await db.lot.count();
    const res = await api("/api/v1/import", tokenB, { method: "POST", body: JSON.stringify(b) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.counts.farmerGroups).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await db.lot.count()).toBe(before);
  });
});

describe("tokens in the UI", () => {
  it("a project admin creates a token that works, and another organisation cannot revoke it", async () => {
    const c = new Client(server.url);
    await c.login("project@caunoi.vn", DEMO_PASSWORD);
    const res = await c.post(`/orgs/${orgA.id}`, { intent: "createToken", name: "Bảng tính tỉnh" });
    expect(res.status).toBe(200);
    const token = /id="new-token">(cn_[A-Za-z0-9_-]+)</.exec(await res.text())![1];
    expect((await api("/api/v1/indicators?season=coffee-2025", token)).status).toBe(200);
    const row = await db.apiToken.findFirstOrThrow({ where: { name: "Bảng tính tỉnh" } });
    const other = new Client(server.url);
    await other.login("buyer@caunoi.vn", DEMO_PASSWORD);
    expect((await other.post(`/orgs/${orgA.id}`, { intent: "revokeToken", tokenId: row.id })).status).toBe(404);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();
    expect((await c.post(`/orgs/${orgA.id}`, { intent: "revokeToken", tokenId: row.id })).status).toBe(200);
    expect((await api("/api/v1/indicators?season=coffee-2025", token)).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("the token API answers 429 JSON past its limit, and logins per address are limited too", async () => {
    const limited = await startServer({ API_RATE_LIMIT: "5", LOGIN_RATE_LIMIT_PER_IP: "3" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push((await fetch(`${limited.url}/api/v1/indicators?season=coffee-2025`, { headers: { Authorization: `Bearer ${tokenA}` } })).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      const res = await fetch(`${limited.url}/api/v1/indicators?season=coffee-2025`, { headers: { Authorization: `Bearer ${tokenA}` } });
      expect((await res.json()).error.code).toBe("rate_limited");
      const c = new Client(limited.url);
      const logins: number[] = [];
      for (let i = 0; i < 4; i++) logins.push((await c.post("/login", { login: "nobody@example.vn", password: "wrong-password" })).status);
      expect(logins).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.stop();
    }
  });
});
