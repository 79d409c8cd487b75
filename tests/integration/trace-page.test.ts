// The public trace page (issue 16, docs/decisions/0028-public-trace-page.md) over real HTTP
// against the built server, without a session: what a demo lot's code shows, what it must not
// show (a name without consent, prices the buyer keeps to itself), the one "not found" page,
// the GS1 Digital Link shape, English, corrections, and the verdict turning to "altered" when a
// lot's row is changed directly in the database behind the app's back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawDatabase, type RawDb } from "../support/raw-db";
import { startServer, type AppServer } from "../support/server";
import { onPostgres, tempDatabase } from "../support/temp-db";

const file = tempDatabase("trace-page");
const { loadDemoProgramme } = await import("~/domain/demo.server");
const { disconnect } = await import("~/utils/db.server");

let server: AppServer;
let raw: RawDb;

type LotPick = {
  id: string;
  code: string;
  pickupId: string;
  pickupCode: string;
  contractId: string;
  chainSeq: number;
  hash: string;
  netG: number;
  grade: string;
  householdId: string;
  headName: string;
  buyerId: string;
  productId: string;
  productName: string;
  productNameEn: string | null;
  groupName: string;
  gradeLabel: string;
  date: string;
  unitPriceVnd: number;
};

let lot: LotPick;

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(server.url + path, { headers, redirect: "manual" });
  return { status: res.status, body: await res.text(), headers: res.headers };
};

/** A GTIN-13 with its GS1 check digit, as the 14 digits a Digital Link carries. */
function gtin14(body12: string): string {
  let sum = 0;
  const b = `0${body12}`;
  for (let i = 0; i < 13; i++) sum += Number(b[i]) * (i % 2 === 0 ? 3 : 1);
  return `${b}${(10 - (sum % 10)) % 10}`;
}

/** Grams as the Vietnamese page writes kilograms: 1.090,1 */
function formatKg(g: number): string {
  const [int, frac] = (g / 1000).toFixed(1).replace(/\.0$/, "").split(".");
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (frac ? `,${frac}` : "");
}

beforeAll(async () => {
  await loadDemoProgramme();
  await disconnect();
  raw = await rawDatabase(file);
  // A lot that nobody corrected, on a contract with a later pickup, whose household gave no consent.
  [lot] = await raw.rows<LotPick>(
    `SELECT l."id", t."code", l."pickupId", pt."code" AS "pickupCode", l."contractId", l."chainSeq", l."hash", l."netG", l."grade",
              h."id" AS "householdId", h."headName", c."buyerId", pr."id" AS "productId", pr."name" AS "productName", pr."nameEn" AS "productNameEn",
              g."name" AS "groupName", gr."label" AS "gradeLabel", p."date", l."unitPriceVnd"
       FROM "Lot" l JOIN "TraceCode" t ON t."lotId" = l."id" JOIN "TraceCode" pt ON pt."pickupId" = l."pickupId" AND pt."lotId" IS NULL
       JOIN "Pickup" p ON p."id" = l."pickupId" JOIN "Contract" c ON c."id" = l."contractId" JOIN "Household" h ON h."id" = l."householdId"
       JOIN "FarmerGroup" g ON g."id" = c."groupId" JOIN "Season" s ON s."id" = c."seasonId" JOIN "Product" pr ON pr."id" = s."productId"
       JOIN "ContractGrade" gr ON gr."contractId" = c."id" AND gr."code" = l."grade"
       WHERE l."supersedesId" IS NULL AND NOT EXISTS (SELECT 1 FROM "Lot" n WHERE n."supersedesId" = l."id")
         AND h."traceNameConsentAt" IS NULL AND h."headName" LIKE '% %'
         AND (SELECT COUNT(*) FROM "Pickup" q WHERE q."contractId" = c."id") >= 2
       ORDER BY l."chainSeq" DESC LIMIT 1`,
  );
  // A certificate of the group, valid on the pickup's date, recorded with the pickup.
  const [{ groupId }] = await raw.rows<{ groupId: string }>(`SELECT "groupId" FROM "Contract" WHERE "id" = ?`, lot.contractId);
  await raw.run(
    `INSERT INTO "Certification" ("id", "groupId", "scheme", "number", "body", "validFrom", "validTo", "createdAt", "updatedAt")
     VALUES ('cert-trace-1', ?, 'vietgap', 'VG-2026-0815', 'Trung tâm Chứng nhận Phù hợp QUACERT', '2020-01-01', '2099-12-31', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    groupId,
  );
  await raw.run(`INSERT INTO "PickupCertification" ("pickupId", "certificationId") VALUES (?, 'cert-trace-1')`, lot.pickupId);
  server = await startServer(); // on the test file's database (DATABASE_URL)
}, 180_000);

const count = async (sql: string) => (await raw.rows<{ n: number }>(sql))[0].n;

// Rendered pages are kept until the database changes: SQLite's data_version moves with any
// commit; PostgreSQL's stand-in is the counter every write of the app moves after its commit
// (docs/decisions/0033-two-engines.md), moved here as the app would.
const CACHE_GENERATION = `UPDATE "CacheGeneration" SET "n" = "n" + 1 WHERE "id" = 1`;

/** A setting changed as its page in the app would write it (consent, prices). */
async function setting(sql: string, ...args: unknown[]) {
  await raw.run(sql, ...args);
  if (onPostgres()) await raw.run(CACHE_GENERATION);
}

afterAll(async () => {
  await server?.stop();
  await raw?.close();
});

describe("codes at write time", () => {
  it("every demo pickup and lot got its code in the write that recorded it", async () => {
    const lotsWithout = await count(`SELECT COUNT(*) AS "n" FROM "Lot" l WHERE NOT EXISTS (SELECT 1 FROM "TraceCode" t WHERE t."lotId" = l."id")`);
    const pickupsWithout = await count(
      `SELECT COUNT(*) AS "n" FROM "Pickup" p WHERE NOT EXISTS (SELECT 1 FROM "TraceCode" t WHERE t."pickupId" = p."id" AND t."lotId" IS NULL)`,
    );
    expect(await count(`SELECT COUNT(*) AS "n" FROM "Lot"`)).toBeGreaterThan(100);
    expect([lotsWithout, pickupsWithout]).toEqual([0, 0]);
  });
});

describe("a lot's page, anonymous", () => {
  it("shows the product, grade, net weight, group, certificate, verdict and chain head", async () => {
    const r = await get(`/t/${lot.code}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/html/);
    expect(r.body).toContain(lot.productName);
    expect(r.body).toContain(lot.gradeLabel);
    expect(r.body).toContain(`${formatKg(lot.netG)} kg`);
    expect(r.body).toContain(lot.groupName);
    expect(r.body).toContain("VG-2026-0815");
    expect(r.body).toContain("QUACERT");
    expect(r.body).toContain("Hồ sơ nguyên vẹn");
    expect(r.body).not.toContain("Hồ sơ đã bị thay đổi");
    expect(r.body).toContain(`<code id="trace-head" class="hash">${lot.hash}</code>`);
    expect(r.body).toContain(`vị trí ${lot.chainSeq}`);
    // A page for the phone: no script at all, no Leaflet, the map inline.
    expect(r.body).not.toMatch(/<script/i);
    expect(r.body).not.toMatch(/leaflet/i);
    expect(r.body).toMatch(/<svg[^>]*viewBox/);
  });

  it("accepts the code as a person may type it", async () => {
    const r = await get(`/t/${lot.code.toLowerCase().slice(0, 5)}-${lot.code.toLowerCase().slice(5)}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain(lot.gradeLabel);
  });

  it("shows the household's given name only with its consent", async () => {
    const given = lot.headName.trim().split(/\s+/).pop()!;
    const family = lot.headName.trim().split(/\s+/)[0];
    const before = await get(`/t/${lot.code}`);
    expect(before.body).not.toContain(lot.headName);
    expect(before.body).not.toContain(`<dd>${given}</dd>`);
    await setting(`UPDATE "Household" SET "traceNameConsentAt" = CURRENT_TIMESTAMP WHERE "id" = ?`, lot.householdId);
    const after = await get(`/t/${lot.code}`);
    expect(after.body).toContain(`<dd>${given}</dd>`);
    expect(after.body).not.toContain(lot.headName);
    expect(after.body).not.toContain(`${family} `);
    await setting(`UPDATE "Household" SET "traceNameConsentAt" = NULL WHERE "id" = ?`, lot.householdId);
    expect((await get(`/t/${lot.code}`)).body).not.toContain(`<dd>${given}</dd>`);
  });

  it("shows the price only when the buyer chose to", async () => {
    const price = `${String(lot.unitPriceVnd).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} ₫/kg`;
    expect((await get(`/t/${lot.code}`)).body).not.toContain(price);
    await setting(`UPDATE "Organisation" SET "traceShowPrices" = ? WHERE "id" = ?`, true, lot.buyerId);
    expect((await get(`/t/${lot.code}`)).body).toContain(price);
    await setting(`UPDATE "Organisation" SET "traceShowPrices" = ? WHERE "id" = ?`, false, lot.buyerId);
    expect((await get(`/t/${lot.code}`)).body).not.toContain(price);
  });

  it("renders in English on request, and remembers it", async () => {
    const r = await get(`/t/${lot.code}?lang=en`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<html lang="en"');
    expect(r.body).toContain("Record intact");
    expect(r.body).toContain(lot.productNameEn ?? lot.productName);
    expect(r.body).toContain("Farmer group");
    const cookie = r.headers.get("set-cookie")!.split(";")[0];
    const again = await get(`/t/${lot.code}`, { cookie });
    expect(again.body).toContain("Record intact");
  });
});

describe("a pickup's page", () => {
  it("lists its lots with grade and net, and the totals", async () => {
    const lots = await raw.rows<{ netG: number }>(`SELECT "netG", "supersedesId" FROM "Lot" WHERE "pickupId" = ?`, lot.pickupId);
    const r = await get(`/t/${lot.pickupCode}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`href="/t/${lot.code}"`);
    expect(r.body).toContain("Hồ sơ nguyên vẹn");
    expect(r.body).toContain(`<dd>${lots.length}</dd>`);
    expect(r.body).toContain(`${formatKg(lots.reduce((s, l) => s + l.netG, 0))} kg`);
  });
});

describe("a corrected lot", () => {
  it("says so and links to the correcting lot's code", async () => {
    const [c] = await raw.rows<{ old: string; fix: string }>(
      `SELECT ot."code" AS "old", nt."code" AS "fix" FROM "Lot" n JOIN "TraceCode" nt ON nt."lotId" = n."id" JOIN "TraceCode" ot ON ot."lotId" = n."supersedesId" LIMIT 1`,
    );
    const r = await get(`/t/${c.old}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('id="trace-corrected"');
    expect(r.body).toContain(`href="/t/${c.fix}"`);
    const fix = await get(`/t/${c.fix}`);
    expect(fix.body).toContain(`href="/t/${c.old}"`);
  });
});

describe("not found", () => {
  it("answers an unknown and a malformed code with the same plain 404", async () => {
    const unknown = await get(`/t/${lot.code === "0000000000" ? "0000000001" : "0000000000"}`);
    const malformed = await get(`/t/not-a-code!`);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.body).toContain("Không tìm thấy mã này");
    expect(unknown.body).toBe(malformed.body);
    expect(unknown.body).not.toContain(lot.code.slice(0, 4));
  });
});

describe("GS1 Digital Link", () => {
  it("opens with the buyer's GTIN for the product, and is not found with another", async () => {
    const mine = gtin14("893850012345");
    const other = gtin14("893850099999");
    await raw.run(`INSERT INTO "ProductGtin" ("buyerId", "productId", "gtin") VALUES (?, ?, ?)`, lot.buyerId, lot.productId, mine);
    const ok = await get(`/01/${mine}/10/${lot.code}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain(lot.gradeLabel);
    const wrong = await get(`/01/${other}/10/${lot.code}`);
    const unknown = await get(`/t/0000000000`);
    expect(wrong.status).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    expect((await get(`/01/12345/10/${lot.code}`)).status).toBe(404);
  });
});

describe("tampering", () => {
  it("a lot changed directly in the database makes its page say the record was altered; an earlier lot stays intact", async () => {
    const [{ code: earlier }] = await raw.rows<{ code: string }>(
      `SELECT t."code" FROM "Lot" l JOIN "TraceCode" t ON t."lotId" = l."id" WHERE l."contractId" = ? AND l."chainSeq" < ? ORDER BY l."chainSeq" LIMIT 1`,
      lot.contractId,
      lot.chainSeq,
    );
    expect((await get(`/t/${lot.code}`)).body).toContain("Hồ sơ nguyên vẹn"); // cached now: the change below must still show
    await raw.dropTrigger("Lot_no_update", "Lot");
    await raw.run(`UPDATE "Lot" SET "netG" = "netG" + 1000 WHERE "id" = ?`, lot.id);
    // On SQLite this commit alone makes the page verify again. On PostgreSQL a change made outside
    // the app shows once the app next writes (docs/decisions/0033-two-engines.md): played here.
    if (onPostgres()) await raw.run(CACHE_GENERATION);
    const r = await get(`/t/${lot.code}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain("Hồ sơ đã bị thay đổi");
    expect(r.body).not.toContain("Hồ sơ nguyên vẹn");
    expect((await get(`/t/${lot.code}?lang=en`)).body).toContain("Record altered");
    expect((await get(`/t/${earlier}`)).body).toContain("Hồ sơ nguyên vẹn");
  });
});

describe("misses from one address", () => {
  it("are limited (429 after TRACE_MISS_RATE_LIMIT, 60 a minute), while found pages still open", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 64; i++) statuses.push((await get(`/t/${String(i).padStart(10, "0")}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(60);
    expect((await get(`/t/${lot.pickupCode}`)).status).toBe(200);
  });
});
