// Shared helpers for the bundle, indicator and CLI tests: the hand-written bundles in
// tests/fixtures/bundles/, a normaliser for "the same document up to ordering", raw dumps of
// every table (to prove a rejected import wrote nothing), a CLI runner, and the indicators of
// chain.json computed BY HAND from shared/interchange.md.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { rawDatabase, type RawDb } from "./raw-db";
import { runCommand } from "./run";
import { onPostgres } from "./temp-db";

export const FIXTURES = path.resolve("tests/fixtures/bundles");
export const TSX = path.resolve("node_modules/.bin/tsx");

type Json = Record<string, unknown>;
export type BundleJson = { format: string } & Record<string, Json[] | string>;

/** A fresh copy of a fixture bundle (tests may change it). */
export function loadBundle(name: "chain" | "invalid" | "extension"): BundleJson {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as BundleJson;
}
export const fixturePath = (name: string) => path.join(FIXTURES, `${name}.json`);

const byRef = (a: Json, b: Json) => String(a.ref).localeCompare(String(b.ref));

/** "The same document up to ordering": every array sorted (records by ref, refs and grades too). */
export function sortBundle(bundle: unknown): Json {
  const b = JSON.parse(JSON.stringify(bundle)) as Json;
  for (const [k, v] of Object.entries(b)) {
    if (!Array.isArray(v)) continue;
    const rows = (v as Json[]).map((r) => {
      const row = { ...r };
      if (Array.isArray(row.lots)) row.lots = [...(row.lots as Json[])].sort(byRef);
      if (Array.isArray(row.witnessRefs)) row.witnessRefs = [...(row.witnessRefs as string[])].sort();
      if (Array.isArray(row.pickupRefs)) row.pickupRefs = [...(row.pickupRefs as string[])].sort();
      if (Array.isArray(row.grades)) row.grades = [...(row.grades as Json[])].sort((x, y) => String(x.code).localeCompare(String(y.code)));
      return row;
    });
    b[k] = rows.sort(byRef);
  }
  return b;
}

/** The app's tables, from the database's own catalogue. */
async function tables(raw: RawDb): Promise<string[]> {
  const sql = onPostgres()
    ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
    : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`;
  // PostgreSQL's counter of committed writes (the stand-in for SQLite's data_version, which is
  // no table's row) moves on every commit, changed rows or not.
  return (await raw.rows<{ name: string }>(sql))
    .map((t) => t.name)
    .filter((t) => t !== "CacheGeneration")
    .sort();
}

/** Row count of every table: of the SQLite file `file`, or on PostgreSQL of the test file's database. */
export async function tableCounts(file: string): Promise<Record<string, number>> {
  const raw = await rawDatabase(file);
  try {
    const counts: Record<string, number> = {};
    for (const t of await tables(raw)) counts[t] = Number((await raw.rows<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "${t}"`))[0].n);
    return counts;
  } finally {
    await raw.close();
  }
}

/** Every row of every table (of `file`, as tableCounts), in storage order: equal dumps mean nothing was written. */
export async function tableDump(file: string): Promise<Record<string, unknown[]>> {
  const raw = await rawDatabase(file);
  try {
    const dump: Record<string, unknown[]> = {};
    for (const t of await tables(raw)) dump[t] = await raw.rows(`SELECT * FROM "${t}" AS r ORDER BY ${await rowOrder(raw, t)}`);
    return dump;
  } finally {
    await raw.close();
  }
}

/**
 * SQLite: the storage order (storageOrder). PostgreSQL has no stable one (an UPDATE that
 * changes nothing still moves the row): the whole row's text, which orders any table alike.
 */
async function rowOrder(raw: RawDb, table: string): Promise<string> {
  if (onPostgres()) return "r::text";
  const pk = (await raw.rows<{ name: string }>(`SELECT "name" FROM pragma_table_info(?) WHERE "pk" > 0 ORDER BY "pk"`, table)).map((c) => `"${c.name}"`);
  const [{ sql }] = await raw.rows<{ sql: string }>(`SELECT "sql" FROM sqlite_master WHERE "name" = ?`, table);
  return sql.includes("WITHOUT ROWID") ? pk.join(", ") : "rowid";
}

/** rowid, or the primary key of a WITHOUT ROWID table (which has no rowid). */
export function storageOrder(raw: Database.Database, table: string): string {
  const pk = (raw.prepare(`SELECT "name" FROM pragma_table_info(?) WHERE "pk" > 0 ORDER BY "pk"`).pluck().all(table) as string[]).map((c) => `"${c}"`);
  const withoutRowid = (raw.prepare(`SELECT "sql" FROM sqlite_master WHERE "name" = ?`).pluck().get(table) as string).includes("WITHOUT ROWID");
  return withoutRowid ? pk.join(", ") : "rowid";
}

/**
 * Runs `tsx scripts/cli.ts …` on its own database, the way an operator does: `db` is a SQLite
 * file, a postgresql:// URL, or "" for the test file's database (DATABASE_URL).
 */
export async function runCli(args: string[], db: string) {
  const url = !db ? process.env.DATABASE_URL : /^postgres(ql)?:\/\//.test(db) ? db : `file:${db}`;
  const r = await runCommand(TSX, ["scripts/cli.ts", ...args], { env: { ...process.env, DATABASE_URL: url } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ─────────────────────────── chain.json, by hand ───────────────────────────
//
// Groups (province / district / project owner):
//   g1 tg-huong-phung-1  Quảng Trị / Hướng Hóa      / care-vn
//   g2 tg-ta-long-1      Quảng Trị / Đakrông        / —
//   g3 tg-ea-tu-1        Đắk Lắk   / Buôn Ma Thuột  / care-vn
//   g4 tg-cu-sue-1       Đắk Lắk   / Cư M'gar       / sns-vn
// Households (group, head, minority, poverty):
//   hh-0001 g1 F EM poor · hh-0002 g1 M EM near_poor · hh-0003 g1 F Kinh non_poor · hh-0004 g1 M EM poor
//   hh-0101 g2 F EM newly_escaped · hh-0102 g2 M non-EM poor
//   hh-0201 g3 M EM near_poor · hh-0202 g3 F EM poor · hh-0301 g4 M non-EM non_poor
// Seasons of coffee-cherry by start: coffee-2022 (09-2022) < coffee-2023 (09-2023) < coffee-2024 (09-2024).
//   pepper-2024 starts 2024-06-01, between coffee-2023 and coffee-2024, but is another product:
//   it is NOT coffee-2024's previous season, and has no previous season of its own.
//
// coffee-2023 contracts: c-2023-001 htx×g1 completed (area 10, 3 t) · c-2023-002 htx×g2 breached (6, 1.5 t)
//   · c-2023-003 simexco×g3 completed (4, 1 t) · c-2023-004 simexco×g4 DRAFT · c-2023-005 htx×g3 CANCELLED
//   · c-2023-006 htx×g1 active (0.5, 0.5 t; same pair as c-2023-001)
//   in-force pairs: (htx,g1) (htx,g2) (simexco,g3) = 3
// coffee-2024 contracts: c-2024-001 htx×g1 active (12.5 ha, 2 t, 7 days, A 14 500 / B 13 000)
//   · c-2024-002 simexco×g3 signed (4.25 ha, 1.5 t, 10 days, G1 13 001 / G2 12 000)
//   · c-2024-003 simexco×g4 active (3 ha, 0.5 t, 30 days, A 14 000)
//   · c-2024-004 htx×g2 DRAFT (7 ha, 10 t) · c-2024-005 htx×g1 CANCELLED (5 ha, 8 t)
//   · c-2024-006 htx×g1 completed (1.25 ha, 1 t, 7 days, A 14 500)
//   in-force pairs: (htx,g1) [001 and 006], (simexco,g3), (simexco,g4)
//   continued from 2023: (htx,g1), (simexco,g3) = 2 of 3;  (htx,g2) only has a draft in 2024.
//
// coffee-2024 lots (net = gross − tare; amount = round(net × price), half up):
//   p-2024-0001 c-001 witnessed    l-0001 hh-0001 412−12   = 400   kg A → 5 800 000
//                                  l-0002 hh-0002 230.5−6.5 = 224 kg B → 2 912 000
//   p-2024-0002 c-001 no witness   l-0003 hh-0001 180−4 = 176 A DISPUTED, superseded by l-0004 (not effective)
//                                  l-0004 hh-0001 170−4 = 166 kg A → 2 407 000
//   p-2024-0003 c-001 witnessed    l-0005 hh-0003 300−10  = 290   kg B → 3 770 000
//   p-2024-0101 c-002 witnessed    l-0101 hh-0201 105.5−5 = 100.5 kg G1 → 100.5 × 13 001 = 1 306 600.5 → 1 306 601
//                                  l-0102 hh-0202 250−10  = 240   kg G2 → 2 880 000
//   p-2024-0201 c-003 no witness   l-0201 hh-0301 80−0    = 80    kg A DISPUTED → 1 120 000
//   p-2024-0501 c-006 no witness   l-0501 hh-0002 62−0    = 62    kg A → 899 000
//   excluded: p-2024-0301 (draft c-004, witnessed, l-0301 hh-0101 500 kg DISPUTED),
//             p-2024-0401 (cancelled c-005, l-0401 hh-0004 50 kg, invoice paid 725 000)
//
// coffee-2024 invoices (due = issuedOn + paymentTermsDays):
//   inv-2024-0001 [p-0001] 8 712 000, due 2024-10-11; paid 5 000 000 (10-06) + 3 712 000 (10-11)  → on time
//   inv-2024-0002 [p-0002] 2 407 000 (effective l-0004 only), due 2024-10-19; paid 2 407 000 (10-18) → on time
//   inv-2024-0003 [p-0003] 3 770 000, due 2024-11-28; paid 3 000 000 (11-25) + 770 000 (11-29, late) → late
//   inv-2024-0101 [p-0101] 1 306 601 + 2 880 000 = 4 186 601, due 2024-11-16; paid 4 186 600 (11-16) → late (1 VND short)
//   inv-2024-0201 [p-0201] 1 120 000, due 2024-12-02 + 30 = 2025-01-01; paid 1 120 000 (12-20)      → on time once due

export type Indicators = {
  season: string;
  asOf: string;
  scope: Record<string, string>;
  contractContinuance: { previousPairs: number; continuedPairs: number; rate: number | null };
  areaHa: number;
  contractedTonnes: number;
  deliveredTonnes: number;
  fulfilment: number | null;
  households: {
    total: number;
    byPoverty: { poor: number; near_poor: number; newly_escaped: number; non_poor: number };
    femaleHeaded: number;
    ethnicMinority: number;
  };
  paidVnd: number;
  onTimePaymentRate: number | null;
  witnessedPickupRate: number | null;
  disputedLots: number;
};

/** Nothing in scope: every count 0, every rate null. */
export function nothing(season: string, asOf: string, scope: Record<string, string> = {}): Indicators {
  return {
    season,
    asOf,
    scope,
    contractContinuance: { previousPairs: 0, continuedPairs: 0, rate: null },
    areaHa: 0,
    contractedTonnes: 0,
    deliveredTonnes: 0,
    fulfilment: null,
    households: { total: 0, byPoverty: { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 0 }, femaleHeaded: 0, ethnicMinority: 0 },
    paidVnd: 0,
    onTimePaymentRate: null,
    witnessedPickupRate: null,
    disputedLots: 0,
  };
}

/** coffee-2024, whole programme, as of 2024-12-31. */
export const COFFEE_2024: Indicators = {
  season: "coffee-2024",
  asOf: "2024-12-31",
  scope: {},
  // 2023 pairs (htx,g1) (htx,g2) (simexco,g3) = 3 (the draft simexco×g4 and cancelled htx×g3 do not count);
  // continued in 2024: (htx,g1), (simexco,g3) = 2 → 2/3
  contractContinuance: { previousPairs: 3, continuedPairs: 2, rate: 2 / 3 },
  areaHa: 21, // 12.5 + 4.25 + 3 + 1.25 (draft 7 ha and cancelled 5 ha left out)
  contractedTonnes: 5, // 2 + 1.5 + 0.5 + 1
  // effective kg: 400 + 224 + 166 + 290 (c-001) + 100.5 + 240 (c-002) + 80 (c-003) + 62 (c-006) = 1 562.5 kg
  deliveredTonnes: 1.5625,
  fulfilment: 0.3125, // 1.5625 / 5
  households: {
    // hh-0001 hh-0002 hh-0003 hh-0201 hh-0202 hh-0301 (hh-0002 has lots in c-001 and c-006: once;
    // hh-0101 only under the draft, hh-0004 only under the cancelled contract)
    total: 6,
    byPoverty: { poor: 2, near_poor: 2, newly_escaped: 0, non_poor: 2 }, // poor 0001,0202 · near 0002,0201 · non 0003,0301
    femaleHeaded: 3, // 0001, 0003, 0202
    ethnicMinority: 4, // 0001, 0002, 0201, 0202
  },
  // 5 000 000 + 3 712 000 + 2 407 000 + 3 000 000 + 770 000 + 4 186 600 + 1 120 000
  // (2023's 5 760 000 and the cancelled contract's 725 000 left out)
  paidVnd: 20_195_600,
  onTimePaymentRate: 0.5, // due by 12-31: 0001 ✓, 0002 ✓, 0003 ✗ (late part), 0101 ✗ (1 VND short); 0201 not yet due → 2/4
  witnessedPickupRate: 0.5, // p-0001 ✓, p-0002, p-0003 ✓, p-0101 ✓, p-0201, p-0501 → 3/6
  disputedLots: 2, // l-0003 (superseded but marked) and l-0201; l-0301 is under the draft
};

/** coffee-2024 narrowed by each filter, as of 2024-12-31. Each filter narrows 2023 too. */
export const COFFEE_2024_SCOPED: Record<"province" | "district" | "buyer" | "projectOwner" | "projectOwnerSns", Indicators> = {
  // Quảng Trị = g1 + g2
  province: {
    season: "coffee-2024",
    asOf: "2024-12-31",
    scope: { province: "Quảng Trị" },
    // 2023 in Quảng Trị: (htx,g1) (htx,g2) = 2; 2024: (htx,g1) → 1/2
    contractContinuance: { previousPairs: 2, continuedPairs: 1, rate: 0.5 },
    areaHa: 13.75, // 12.5 + 1.25
    contractedTonnes: 3, // 2 + 1
    deliveredTonnes: 1.142, // 1 080 (c-001) + 62 (c-006) = 1 142 kg
    fulfilment: 1.142 / 3, // 0.380 666…
    households: { total: 3, byPoverty: { poor: 1, near_poor: 1, newly_escaped: 0, non_poor: 1 }, femaleHeaded: 2, ethnicMinority: 2 }, // 0001 0002 0003
    paidVnd: 14_889_000, // c-001's payments: 5 000 000 + 3 712 000 + 2 407 000 + 3 000 000 + 770 000
    onTimePaymentRate: 2 / 3, // 0001 ✓ 0002 ✓ 0003 ✗
    witnessedPickupRate: 0.5, // p-0001 ✓ p-0002 p-0003 ✓ p-0501 → 2/4
    disputedLots: 1, // l-0003
  },
  // Đakrông = g2: one 2023 pair (breached counts), only a draft in 2024
  district: { ...nothing("coffee-2024", "2024-12-31", { district: "Đakrông" }), contractContinuance: { previousPairs: 1, continuedPairs: 0, rate: 0 } },
  buyer: {
    season: "coffee-2024",
    asOf: "2024-12-31",
    scope: { buyer: "dn-simexco" },
    // 2023: (simexco,g3) (the draft with g4 does not count) → continued in 2024 → 1/1
    contractContinuance: { previousPairs: 1, continuedPairs: 1, rate: 1 },
    areaHa: 7.25, // 4.25 + 3
    contractedTonnes: 2, // 1.5 + 0.5
    deliveredTonnes: 0.4205, // 100.5 + 240 + 80 = 420.5 kg
    fulfilment: 0.21025, // 0.4205 / 2
    households: { total: 3, byPoverty: { poor: 1, near_poor: 1, newly_escaped: 0, non_poor: 1 }, femaleHeaded: 1, ethnicMinority: 2 }, // 0201 0202 0301
    paidVnd: 5_306_600, // 4 186 600 + 1 120 000
    onTimePaymentRate: 0, // 0101 ✗ (1 VND short); 0201 not yet due → 0/1
    witnessedPickupRate: 0.5, // p-0101 ✓ p-0201 → 1/2
    disputedLots: 1, // l-0201
  },
  // care-vn = g1 + g3
  projectOwner: {
    season: "coffee-2024",
    asOf: "2024-12-31",
    scope: { projectOwner: "care-vn" },
    // 2023: (htx,g1) (simexco,g3) = 2 (cancelled htx×g3 left out); both continued → 1
    contractContinuance: { previousPairs: 2, continuedPairs: 2, rate: 1 },
    areaHa: 18, // 12.5 + 1.25 + 4.25
    contractedTonnes: 4.5, // 2 + 1 + 1.5
    deliveredTonnes: 1.4825, // 1 142 + 340.5 = 1 482.5 kg
    fulfilment: 1.4825 / 4.5, // 0.329 444…
    // 0001 0002 0003 0201 0202: poor 0001,0202 · near 0002,0201 · non 0003; F 0001,0003,0202; EM 0001,0002,0201,0202
    households: { total: 5, byPoverty: { poor: 2, near_poor: 2, newly_escaped: 0, non_poor: 1 }, femaleHeaded: 3, ethnicMinority: 4 },
    paidVnd: 19_075_600, // 14 889 000 + 4 186 600
    onTimePaymentRate: 0.5, // 0001 ✓ 0002 ✓ 0003 ✗ 0101 ✗
    witnessedPickupRate: 0.6, // p-0001 ✓ p-0002 p-0003 ✓ p-0501 p-0101 ✓ → 3/5
    disputedLots: 1, // l-0003
  },
  // sns-vn = g4: its 2023 contract is a draft → previous season exists but 0 pairs → rate null
  projectOwnerSns: {
    season: "coffee-2024",
    asOf: "2024-12-31",
    scope: { projectOwner: "sns-vn" },
    contractContinuance: { previousPairs: 0, continuedPairs: 0, rate: null },
    areaHa: 3,
    contractedTonnes: 0.5,
    deliveredTonnes: 0.08, // 80 kg
    fulfilment: 0.16, // 0.08 / 0.5
    households: { total: 1, byPoverty: { poor: 0, near_poor: 0, newly_escaped: 0, non_poor: 1 }, femaleHeaded: 0, ethnicMinority: 0 }, // 0301
    paidVnd: 1_120_000,
    onTimePaymentRate: null, // inv-0201 due 2025-01-01, after asOf
    witnessedPickupRate: 0, // p-0201 has no witness → 0/1
    disputedLots: 1, // l-0201
  },
};

/** coffee-2023 as of 2024-08-31: its previous season coffee-2022 exists but has no contracts. */
export const COFFEE_2023: Indicators = {
  season: "coffee-2023",
  asOf: "2024-08-31",
  scope: {},
  contractContinuance: { previousPairs: 0, continuedPairs: 0, rate: null },
  areaHa: 20.5, // 10 + 6 + 4 + 0.5 (draft 2 ha, cancelled 3 ha left out)
  contractedTonnes: 6, // 3 + 1.5 + 1 + 0.5
  deliveredTonnes: 0.48, // l-2023-0001: 500 − 20 = 480 kg
  fulfilment: 0.08, // 0.48 / 6
  households: { total: 1, byPoverty: { poor: 1, near_poor: 0, newly_escaped: 0, non_poor: 0 }, femaleHeaded: 1, ethnicMinority: 1 }, // hh-0001
  paidVnd: 5_760_000,
  onTimePaymentRate: 1, // inv-2023-0001: 480 × 12 000 = 5 760 000, due 10-13, paid in full 10-12
  witnessedPickupRate: 1, // p-2023-0001 witnessed by hh-0003
  disputedLots: 0,
};

/** pepper-2024: the only pepper season (no previous), one signed contract, nothing delivered. */
export const PEPPER_2024: Indicators = {
  ...nothing("pepper-2024", "2024-08-31"),
  areaHa: 1,
  contractedTonnes: 0.8,
  fulfilment: 0, // 0 / 0.8
};

// ──────────────────── small bundles for correction semantics ────────────────────

const caseBase = (p: string) => ({
  organisations: [{ ref: `${p}-buyer`, kind: "cooperative", name: `HTX ${p}` }],
  farmerGroups: [{ ref: `${p}-group`, name: `Tổ ${p}`, province: "Gia Lai", district: "Chư Sê", commune: "Ia Glai" }],
  households: [
    {
      ref: `${p}-hh-1`,
      groupRef: `${p}-group`,
      headName: "Rơ Châm H'Lim",
      headSex: "female",
      ethnicMinority: true,
      ethnicity: "Gia Rai",
      povertyStatus: "poor",
      members: 5,
    },
    { ref: `${p}-hh-2`, groupRef: `${p}-group`, headName: "Phạm Văn Đức", headSex: "male", ethnicMinority: false, povertyStatus: "non_poor", members: 3 },
  ],
  products: [{ ref: `${p}-coffee`, name: "Cà phê quả tươi", unit: "kg" }],
  seasons: [{ ref: `${p}-2024`, productRef: `${p}-coffee`, name: "Vụ 2024", start: "2024-09-01", end: "2025-01-31" }],
  contracts: [
    {
      ref: `${p}-c-1`,
      buyerRef: `${p}-buyer`,
      groupRef: `${p}-group`,
      seasonRef: `${p}-2024`,
      status: "active",
      signedOn: "2024-08-20",
      areaHa: 1,
      volumeTonnes: 1,
      paymentTermsDays: 5,
      grades: [{ code: "A", label: "Loại A", priceVndPerKg: 10_000 }],
    },
  ],
});

/**
 * A weighing booked to the wrong household, corrected: `hh-1`'s lot (100 kg) is superseded by
 * a lot of `hh-2` (120 kg). The effective lot is the correction, so the season's one household
 * is hh-2 (male, non-EM, non_poor), and 0.12 t were delivered.
 */
export function correctionToAnotherHousehold(): BundleJson {
  const p = "fixhh";
  return {
    format: "linkage-bundle/1",
    ...caseBase(p),
    pickups: [
      {
        ref: `${p}-p-1`,
        contractRef: `${p}-c-1`,
        date: "2024-10-01",
        witnessRefs: [],
        lots: [
          { ref: `${p}-l-1`, householdRef: `${p}-hh-1`, grossKg: 100, tareKg: 0, grade: "A" },
          { ref: `${p}-l-2`, householdRef: `${p}-hh-2`, grossKg: 120, tareKg: 0, grade: "A", supersedesRef: `${p}-l-1` },
        ],
      },
    ],
    invoices: [],
    payments: [],
  } as BundleJson;
}

/**
 * A lot re-weighed at the next visit: p-1 (10-01) has l-1 (hh-1, 100 kg); at p-2 (10-02) the
 * buyer records l-2 (hh-1, 90 kg) correcting l-1, and invoices p-2 only:
 *   inv-1 [p-2]: effective lots of p-2 = l-2 → 90 × 10 000 = 900 000, due 10-03 + 5 = 10-08,
 *   paid 900 000 on 10-06 → on time. p-1 has no effective lot left.
 */
export function correctionAtLaterPickup(): BundleJson {
  const p = "fixpk";
  return {
    format: "linkage-bundle/1",
    ...caseBase(p),
    pickups: [
      {
        ref: `${p}-p-1`,
        contractRef: `${p}-c-1`,
        date: "2024-10-01",
        lots: [{ ref: `${p}-l-1`, householdRef: `${p}-hh-1`, grossKg: 100, tareKg: 0, grade: "A" }],
      },
      {
        ref: `${p}-p-2`,
        contractRef: `${p}-c-1`,
        date: "2024-10-02",
        lots: [{ ref: `${p}-l-2`, householdRef: `${p}-hh-1`, grossKg: 90, tareKg: 0, grade: "A", supersedesRef: `${p}-l-1` }],
      },
    ],
    invoices: [{ ref: `${p}-inv-1`, contractRef: `${p}-c-1`, pickupRefs: [`${p}-p-2`], issuedOn: "2024-10-03" }],
    payments: [{ ref: `${p}-pay-1`, invoiceRef: `${p}-inv-1`, paidOn: "2024-10-06", amountVnd: 900_000, method: "cash" }],
  } as BundleJson;
}
