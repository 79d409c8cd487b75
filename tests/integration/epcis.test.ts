// The EPCIS 2.0 export of pickups (issue 16, item 4), over real HTTP on the demo programme:
// the document validates against GS1's own JSON Schema, has one current event per pickup with
// the effective lots' net weights, corrections as error declarations pointing at their
// corrective event, no household's personal data anywhere, and each buyer's token sees only
// that buyer's pickups. Bad queries answer 400 JSON; no token 401; a project owner's 403.
import fs from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("epcis");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { appendCorrection } = await import("~/domain/ledger.server");
const { normaliseGtin } = await import("~/domain/trace/links");
const { db, write, disconnect } = await import("~/utils/db.server");

const schema = JSON.parse(fs.readFileSync(new URL("../fixtures/epcis/EPCIS-JSON-Schema.json", import.meta.url), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

type Ev = {
  eventID: string;
  quantityList?: { epcClass: string; quantity: number; uom: string }[];
  errorDeclaration?: { declarationTime: string; correctiveEventIDs: string[] };
  certificationInfo?: string[];
  readPoint: { id: string };
  sourceList: { source: string }[];
  destinationList: { destination: string }[];
  "caunoi:pickup": string;
  "caunoi:chainHash": string;
};

let server: AppServer;
let khe: { id: string; ref: string }; // coffee buyer, given a GTIN below
let mocChau: { id: string; ref: string }; // vegetable buyer, no GTIN
let tokenKhe: string;
let tokenMoc: string;
let tokenProject: string;
let gtin: string;
const SEASON = "coffee-2025";
const as = sessionPool(() => server, DEMO_PASSWORD);

const api = (path: string, token?: string) => fetch(server.url + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
const events = (doc: { epcisBody: { eventList: Ev[] } }) => doc.epcisBody.eventList;
const current = (doc: { epcisBody: { eventList: Ev[] } }) => events(doc).filter((e) => !e.errorDeclaration);
const net = (e: Ev) => (e.quantityList ?? []).reduce((s, q) => s + Math.round(q.quantity * 1000), 0);

/** The buyer's pickups of the season with their effective net grams, and the trace code of each. */
async function expectedPickups(buyerId: string, season: string) {
  const pickups = await db.pickup.findMany({
    where: { contract: { buyerId, season: { ref: season } } },
    select: {
      id: true,
      traceCodes: { where: { lotId: null }, select: { code: true } },
      lots: { where: { supersededBy: { is: null } }, select: { netG: true } },
    },
  });
  return pickups.map((p) => ({ id: p.id, code: p.traceCodes[0]?.code, netG: p.lots.reduce((s, l) => s + l.netG, 0) }));
}

beforeAll(async () => {
  await loadDemoProgramme();
  const admin = await db.user.findFirstOrThrow({ where: { isSiteAdmin: true } });
  khe = await db.organisation.findUniqueOrThrow({ where: { ref: "htx-khe-sanh" }, select: { id: true, ref: true } });
  mocChau = await db.organisation.findUniqueOrThrow({ where: { ref: "cty-rau-moc-chau" }, select: { id: true, ref: true } });
  const project = await db.organisation.findUniqueOrThrow({ where: { ref: "hlhpn-sinh-ke" }, select: { id: true } });
  tokenKhe = (await createToken(khe.id, "erp", admin.id)).token;
  tokenMoc = (await createToken(mocChau.id, "erp", admin.id)).token;
  tokenProject = (await createToken(project.id, "sheet", admin.id)).token;

  const coffee = await db.product.findUniqueOrThrow({ where: { ref: "coffee-cherry" } });
  gtin = [...Array(10).keys()].map((d) => normaliseGtin(`0893600000001${d}`)).find(Boolean)!;
  const pickups = await db.pickup.findMany({
    where: { contract: { buyerId: khe.id, season: { ref: SEASON } } },
    orderBy: [{ date: "asc" }, { ref: "asc" }],
    include: { contract: { select: { groupId: true } }, lots: { where: { supersededBy: { is: null } }, orderBy: { chainSeq: "asc" } } },
  });
  const first = pickups[0];
  const cert = await write(async (tx) => {
    await tx.productGtin.create({ data: { buyerId: khe.id, productId: coffee.id, gtin } });
    const c = await tx.certification.create({
      data: {
        groupId: first.contract.groupId,
        scheme: "vietgap",
        number: "VietGAP-TT-12-34-56",
        body: "Trung tâm Chứng nhận Phù hợp",
        validFrom: "2025-01-01",
        validTo: "2027-12-31",
      },
    });
    for (const p of pickups.slice(0, 2)) await tx.pickupCertification.create({ data: { pickupId: p.id, certificationId: c.id } });
    // One more correction on top of the demo's own: corrected twice, so two error declarations.
    const lot = first.lots[0];
    const fixed = await appendCorrection(tx, { lotId: lot.id, reason: "Cân lệch", grossG: lot.grossG + 1500, tareG: lot.tareG, grade: lot.grade });
    await appendCorrection(tx, { lotId: fixed.id, reason: "Sai bì", grossG: fixed.grossG, tareG: fixed.tareG + 200, grade: fixed.grade });
    return c;
  });
  expect(cert.id).toBeTruthy();
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("the EPCIS document of a buyer's season", () => {
  let doc: { epcisBody: { eventList: Ev[] }; "@context": unknown[] };
  let text: string;

  beforeAll(async () => {
    const res = await api(`/api/v1/epcis?season=${SEASON}`, tokenKhe);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    text = await res.text();
    doc = JSON.parse(text);
  });

  it("validates against GS1's EPCIS 2.0 JSON Schema with zero errors", () => {
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc["@context"][0]).toBe("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
    expect(doc["@context"][1]).toEqual({ caunoi: `${server.url}/ns/epcis#` });
  });

  it("the schema is strict enough to catch a wrong document", () => {
    // The same document with a unit written wrong, and a field outside EPCIS and our namespace.
    const wrongUnit = structuredClone(doc);
    wrongUnit.epcisBody.eventList[0].quantityList![0].uom = "kg";
    expect(validate(wrongUnit)).toBe(false);
    const stray = structuredClone(doc) as unknown as { epcisBody: { eventList: Record<string, unknown>[] } };
    stray.epcisBody.eventList[0]["household name"] = "x";
    expect(validate(stray)).toBe(false);
  });

  it("has one current event per pickup, carrying the effective lots' net weight", async () => {
    const expected = await expectedPickups(khe.id, SEASON);
    expect(expected.length).toBeGreaterThan(10);
    const now = current(doc);
    expect(now).toHaveLength(expected.length);
    const byCode = new Map(now.map((e) => [e["caunoi:pickup"], e]));
    for (const p of expected) expect(net(byCode.get(`${server.url}/t/${p.code}`)!)).toBe(p.netG);
    const totalKg = now.reduce((s, e) => s + net(e), 0) / 1000;
    expect(totalKg).toBeCloseTo(expected.reduce((s, p) => s + p.netG, 0) / 1000, 6);
  });

  it("names lots as LGTINs under the buyer's GTIN, and the places as geo: URIs", () => {
    for (const e of current(doc)) {
      expect(e.quantityList!.length).toBeGreaterThan(0);
      for (const q of e.quantityList!) {
        expect(q.epcClass).toMatch(new RegExp(`^https://id\\.gs1\\.org/01/${gtin}/10/[0-9A-HJKMNP-TV-Z]{10}$`));
        expect(q.uom).toBe("KGM");
      }
      expect(e.readPoint.id).toMatch(/^geo:-?\d+(\.\d+)?,-?\d+(\.\d+)?$/);
      expect(e.sourceList[0].source).toMatch(new RegExp(`^${server.url}/id/group/`));
      expect(e.destinationList[0].destination).toBe(`${server.url}/id/org/${khe.ref}`);
      expect(e["caunoi:chainHash"]).toMatch(/^[0-9a-f]{64}$/);
    }
    const lotCodes = current(doc).flatMap((e) => e.quantityList!.map((q) => q.epcClass));
    expect(new Set(lotCodes).size).toBe(lotCodes.length);
  });

  it("declares every corrected version in error, pointing at the next version", async () => {
    const corrections = await db.lot.count({ where: { supersedesId: { not: null }, contract: { buyerId: khe.id, season: { ref: SEASON } } } });
    expect(corrections).toBeGreaterThanOrEqual(2);
    const declared = events(doc).filter((e) => e.errorDeclaration);
    expect(declared).toHaveLength(corrections);
    const ids = new Set(events(doc).map((e) => e.eventID));
    expect(ids.size).toBe(events(doc).length);
    for (const e of declared) {
      expect(e.errorDeclaration!.correctiveEventIDs).toHaveLength(1);
      const next = events(doc).find((x) => x.eventID === e.errorDeclaration!.correctiveEventIDs[0])!;
      expect(next["caunoi:pickup"]).toBe(e["caunoi:pickup"]);
    }
  });

  it("carries the certificates recorded with a pickup, and none where there are none", () => {
    const withCert = events(doc).filter((e) => e.certificationInfo);
    expect(new Set(withCert.map((e) => e["caunoi:pickup"])).size).toBe(2);
    for (const e of withCert) expect(e.certificationInfo).toEqual([`${server.url}/id/certificate/vietgap/VietGAP-TT-12-34-56`]);
  });

  it("never names a household: no head name, phone or ID number anywhere", async () => {
    const households = await db.household.findMany({ select: { headName: true, phone: true, idNumber: true, ref: true } });
    expect(households.length).toBeGreaterThan(50);
    const decoded = text.replace(/(%[0-9A-F]{2})+/gi, (s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    for (const h of households) {
      for (const secret of [h.headName, h.phone, h.idNumber, `"${h.ref}"`, `/${h.ref}`]) {
        if (!secret) continue;
        expect(text).not.toContain(secret);
        expect(decoded).not.toContain(secret);
      }
    }
  });

  it("gives the same event ids in every export", async () => {
    const again = await (await api(`/api/v1/epcis?season=${SEASON}`, tokenKhe)).json();
    expect(events(again).map((e: Ev) => e.eventID)).toEqual(events(doc).map((e) => e.eventID));
  });
});

describe("scope: a token sees its own buyer's pickups only", () => {
  it("another buyer's token finds none of this buyer's pickups, by season or by dates", async () => {
    const khePickups = await expectedPickups(khe.id, SEASON);
    const bySeason = await (await api(`/api/v1/epcis?season=${SEASON}`, tokenMoc)).json();
    expect(events(bySeason)).toHaveLength(0);
    const byDates = await api(`/api/v1/epcis?from=2025-06-01&to=2026-05-31`, tokenMoc);
    expect(byDates.status).toBe(200);
    const text = await byDates.text();
    const doc = JSON.parse(text);
    expect(validate(doc)).toBe(true);
    const mocCount = await db.pickup.count({ where: { contract: { buyerId: mocChau.id }, date: { gte: "2025-06-01", lte: "2026-05-31" } } });
    expect(mocCount).toBeGreaterThan(0);
    expect(current(doc)).toHaveLength(mocCount);
    for (const p of khePickups) expect(text).not.toContain(p.code);
    // No GTIN for vegetables: the lots are named by their trace address on this site.
    for (const e of current(doc)) for (const q of e.quantityList!) expect(q.epcClass).toMatch(new RegExp(`^${server.url}/t/[0-9A-HJKMNP-TV-Z]{10}$`));
    for (const e of current(doc)) expect(e.destinationList[0].destination).toBe(`${server.url}/id/org/${mocChau.ref}`);
  });

  it("a date range gives exactly the pickups of those days", async () => {
    const n = await db.pickup.count({ where: { contract: { buyerId: khe.id }, date: { gte: "2025-10-01", lte: "2025-10-31" } } });
    expect(n).toBeGreaterThan(0);
    const doc = await (await api(`/api/v1/epcis?from=2025-10-01&to=2025-10-31`, tokenKhe)).json();
    expect(current(doc)).toHaveLength(n);
    for (const e of events(doc)) expect((e as unknown as { eventTime: string }).eventTime.slice(0, 7)).toBe("2025-10");
  });
});

describe("refusals answer JSON", () => {
  it("no token or a wrong one: 401", async () => {
    for (const token of [undefined, "cn_notarealtokennotarealtoken000"]) {
      const res = await api(`/api/v1/epcis?season=${SEASON}`, token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("a project owner's token: 403", async () => {
    const res = await api(`/api/v1/epcis?season=${SEASON}`, tokenProject);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  it("bad dates and missing or mixed parameters: 400 with the problems", async () => {
    const cases: [string, string][] = [
      ["from=2025-02-30&to=2025-03-10", "from"],
      ["from=2025-03-10&to=2025-03-01", "to"],
      ["from=2025-03-10", "to"],
      ["from=yesterday&to=today", "from"],
      ["from=2024-01-01&to=2025-12-31", "to"],
      ["", "season"],
      [`season=${SEASON}&from=2025-01-01&to=2025-01-31`, "season"],
      ["season=x&colour=red", "colour"],
    ];
    for (const [q, field] of cases) {
      const res = await api(`/api/v1/epcis?${q}`, tokenKhe);
      expect(res.status, q).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = await res.json();
      expect(body.error.code).toBe("bad_request");
      expect(
        body.error.problems.map((p: { field: string }) => p.field),
        q,
      ).toContain(field);
    }
  });

  it("an unknown season: 404", async () => {
    const res = await api(`/api/v1/epcis?season=no-such-season`, tokenKhe);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/no-such-season/);
  });
});

describe("the file for the buyer's own people", () => {
  it("buyer staff download the season as a named .jsonld file that validates", async () => {
    const staff = await as("staff@caunoi.vn");
    const res = await staff.get(`/orgs/${khe.id}/epcis?season=${SEASON}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="caunoi-epcis-htx-khe-sanh-${SEASON}.jsonld"`);
    const doc = await res.json();
    expect(validate(doc)).toBe(true);
    expect(current(doc)).toHaveLength((await expectedPickups(khe.id, SEASON)).length);
    const audit = await db.auditLog.findFirst({ where: { action: "export", organisationId: khe.id }, orderBy: { at: "desc" } });
    expect(JSON.parse(audit!.detail)).toMatchObject({ via: "file", format: "epcis", season: SEASON });
  });

  it("another buyer, a group leader and a project owner get 404", async () => {
    for (const login of ["buyer2@caunoi.vn", "leader@caunoi.vn", "project@caunoi.vn"]) {
      const c = await as(login);
      const res = await c.get(`/orgs/${khe.id}/epcis?season=${SEASON}`);
      expect(res.status, login).toBe(404);
      expect(await res.text()).not.toContain("ObjectEvent");
    }
  });

  it("the buyer's page offers the download", async () => {
    const buyer = await as("buyer@caunoi.vn");
    const html = await (await buyer.get(`/orgs/${khe.id}`)).text();
    expect(html).toContain(`action="/orgs/${khe.id}/epcis"`);
    expect(html).toContain(`value="${SEASON}"`);
  });
});

describe("a buyer's own tokens", () => {
  it("the buyer's administrator makes one on the buyer's page; it reads EPCIS and nothing of the project API", async () => {
    const admin = await as("buyer@caunoi.vn");
    const res = await admin.post(`/orgs/${khe.id}`, { intent: "createToken", name: "ERP của HTX" });
    expect(res.status).toBe(200);
    const token = /id="new-token">(cn_[A-Za-z0-9_-]+)</.exec(await res.text())![1];
    const doc = await (await api(`/api/v1/epcis?season=${SEASON}`, token)).json();
    expect(current(doc)).toHaveLength((await expectedPickups(khe.id, SEASON)).length);
    expect((await api("/api/v1/export", token)).status).toBe(403);
    expect((await api(`/api/v1/indicators?season=${SEASON}`, token)).status).toBe(403);
  });

  it("buyer staff cannot make one (403), another buyer's administrator cannot (404): no token written", async () => {
    const before = await db.apiToken.count({ where: { organisationId: khe.id } });
    const staff = await as("staff@caunoi.vn");
    expect((await staff.post(`/orgs/${khe.id}`, { intent: "createToken", name: "x" })).status).toBe(403);
    const other = await as("buyer2@caunoi.vn");
    expect((await other.post(`/orgs/${khe.id}`, { intent: "createToken", name: "x" })).status).toBe(404);
    expect(await db.apiToken.count({ where: { organisationId: khe.id } })).toBe(before);
  });
});
