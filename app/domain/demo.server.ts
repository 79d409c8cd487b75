// Loads a realistic demo programme into an empty database: three value chains, ten farmer
// groups, ~200 households, three to four seasons of contracts with pickups, corrections,
// disputes, invoices and payments. The tables live in ./demo-data.ts; this file turns them
// into rows through the same domain functions the app uses (appendPickup, issueInvoice), so
// the hash chains and invoice numbers are exactly what real use would produce.
//
// Deterministic: every random choice comes from a PRNG seeded by a string key (the group,
// contract or invoice it belongs to), so two runs give identical data apart from cuid ids,
// timestamps and password salts, and changing one table row does not reshuffle the rest.
import { db, write, type Tx } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import {
  CONTRACT_PLAN,
  CORRECTION_REASONS,
  DEMO_LOGINS,
  DEMO_TODAY,
  EVENT_REASONS,
  GROUPS,
  NAMES,
  ORGS,
  PRODUCTS,
  UPHELD_RESOLUTION,
  type DemoPlace,
  type Ethnicity,
  type GroupRow,
  type PlanStatus,
  type ProductRow,
} from "./demo-data";
import { IN_FORCE as IN_FORCE_STATUSES } from "./contracts";
import { writeDemoDiaries } from "./diary/demo-diary.server";
import { issueInvoice } from "./invoices.server";
import { appendCorrection, appendPickup } from "./ledger.server";
import { addDays, kgToGrams } from "./money";
import { rngFor, type Rng } from "./rng";
import { groupPlaceColumns, placeColumns, resolvePlace, type Place } from "./places/resolve.server";
import { placeUnits } from "./places/units.server";
import { writeDemoSurveys } from "./surveys/demo-surveys.server";
import { writeDemoCertifications } from "./certifications/demo-certifications.server";

export { DEMO_LOGINS, DEMO_TODAY };
export const DEMO_PASSWORD = "caunoi-demo-2026";

export type DemoSummary = {
  organisations: number;
  groups: number;
  households: number;
  contracts: number;
  pickups: number;
  lots: number;
  invoices: number;
  payments: number;
  users: number;
};

// ───────────────────────── small helpers (randomness: ./rng.ts) ─────────────────────────

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
/** A calendar date as a moment in the working day, Vietnam time, for DateTime columns. */
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+07:00`);
const to100g = (g: number) => Math.round(g / 100) * 100; // scales at collection points read to 0.1 kg
const pad = (n: number, w: number) => String(n).padStart(w, "0");

// ───────────────────────── pure generators ─────────────────────────

type HouseholdSpec = {
  ref: string;
  headName: string;
  headSex: "female" | "male";
  ethnicity: Ethnicity;
  povertyStatus: string;
  members: number;
  workers: number;
  baselineIncomeVnd: number;
  phone: string | null;
};

// Baseline income bands (million VND a year) per poverty status: poorer households earn less.
const INCOME_BANDS: Record<string, [number, number]> = {
  poor: [18, 28],
  near_poor: [25, 38],
  newly_escaped: [33, 46],
  non_poor: [42, 60],
};

/** 18–22 households; poverty by quota (≈40/30/15/15) so non-poor never exceed 30% of a group. */
function makeHouseholds(g: GroupRow, firstNo: number): HouseholdSpec[] {
  const r = rngFor(`households:${g.ref}`);
  const n = r.int(18, 22);
  const quota = { poor: Math.round(n * 0.4), near_poor: Math.round(n * 0.3), newly_escaped: Math.round(n * 0.15) };
  const statuses = r.shuffle(
    Array.from({ length: n }, (_, i) =>
      i < quota.poor
        ? "poor"
        : i < quota.poor + quota.near_poor
          ? "near_poor"
          : i < quota.poor + quota.near_poor + quota.newly_escaped
            ? "newly_escaped"
            : "non_poor",
    ),
  );
  const used = new Set(g.namedHeads?.map((h) => h.name));
  return statuses.map((povertyStatus, i) => {
    const named = g.namedHeads?.[i];
    const ethnicity = named?.ethnicity ?? r.weighted(g.ethnicMix);
    const headSex = named?.sex ?? (r.next() < 0.5 ? "female" : "male");
    let headName = named?.name ?? "";
    while (!headName || (!named && used.has(headName))) {
      const pool = NAMES[ethnicity];
      headName = `${r.pick(pool.surnames)} ${r.pick(headSex === "female" ? pool.female : pool.male)}`;
    }
    used.add(headName);
    const members = r.int(2, 8);
    const [lo, hi] = INCOME_BANDS[povertyStatus];
    return {
      ref: `hh-${pad(firstNo + i, 4)}`,
      headName,
      headSex,
      ethnicity,
      povertyStatus,
      members,
      workers: r.int(Math.max(1, Math.ceil(members / 3)), members),
      baselineIncomeVnd: Math.round(r.between(lo, hi) * 10) * 100_000,
      phone: named?.phone ?? null,
    };
  });
}

type Season = ProductRow["seasons"][number];
type LotPlan = { hh: number; grossKg: number; tareKg: number; grade: string; measurements: Record<string, number | string> };
type PickupPlan = { date: string; witnesses: number[]; lots: LotPlan[]; vehicle: string; staffName: string };

/**
 * Pickups spread over the harvest window, lot weights scaled so deliveries land near the
 * contracted volume. Everything is drawn first and filtered afterwards (breached contracts stop
 * half-way, the current season only up to a few days ago) so the draws never shift.
 */
function planPickups(c: ContractSpec, participants: number[], groupSize: number): PickupPlan[] {
  const r = rngFor(`pickups:${c.ref}`);
  const p = c.product;
  const buyer = ORGS.find((o) => o.ref === c.group.buyer)!.buyer!;
  const len = daysBetween(c.season.start, c.season.end);
  const from = addDays(c.season.start, Math.round(len * 0.12));
  const span = len - Math.round(len * 0.12) - Math.round(len * 0.1);
  const count = r.int(...p.pickups);
  const plans: PickupPlan[] = [];
  for (let i = 0; i < count; i++) {
    const date = addDays(from, Math.round(((i + 0.5 + (r.next() - 0.5) * 0.6) * span) / count));
    const lotCount = r.int(4, Math.min(10, participants.length));
    const lots = r
      .shuffle(participants)
      .slice(0, lotCount)
      .sort((a, b) => a - b)
      .map((hh) => {
        const grade = r.weighted(p.grades.map((g) => [g.code, g.share] as [string, number]));
        return { hh, grossKg: r.between(...p.lotKg), tareKg: 0, grade, measurements: p.measure(grade, r.next) };
      });
    // Households take turns riding along; about one pickup in ten has nobody.
    const witnesses = r.next() < 0.1 ? [] : r.shuffle([...Array(groupSize).keys()]).slice(0, r.int(1, 2));
    plans.push({ date, witnesses, lots, vehicle: r.pick(buyer.plates), staffName: r.pick(buyer.staff) });
  }
  const all = plans.flatMap((pl) => pl.lots);
  const target = c.volumeTonnes * 1000 * r.between(0.88, 1.04);
  const factor = clamp(target / all.reduce((s, l) => s + l.grossKg, 0), 0.6, 1.6);
  for (const l of all) {
    l.grossKg = round1(clamp(l.grossKg * factor, ...p.lotKg));
    l.tareKg = Math.max(0.5, round1(l.grossKg * r.between(0.01, 0.04)));
  }
  if (c.status === "breached") return plans.slice(0, Math.max(2, Math.ceil(count / 2)));
  return plans.filter((pl) => pl.date <= addDays(DEMO_TODAY, -3));
}

type ContractSpec = {
  ref: string;
  group: GroupRow;
  product: ProductRow;
  season: Season;
  seasonIndex: number;
  status: Exclude<PlanStatus, null>;
  signedOn: string | null;
  areaHa: number;
  volumeTonnes: number;
  paymentTermsDays: number;
  renewsRef: string | null;
};

const IN_FORCE = new Set<string>(IN_FORCE_STATUSES);
const TERMS: Record<string, number[]> = { "htx-khe-sanh": [7, 7, 15], "cty-rau-moc-chau": [15, 30], "htx-luc-ngan": [7, 15] };

/** Every contract of the plan, in season order so refs number chronologically per year. */
function planContracts(): ContractSpec[] {
  const rows: Omit<ContractSpec, "ref" | "renewsRef">[] = [];
  for (const group of GROUPS) {
    const product = PRODUCTS.find((p) => p.ref === group.product)!;
    CONTRACT_PLAN[group.ref].forEach((status, seasonIndex) => {
      if (!status) return;
      const season = product.seasons[seasonIndex];
      const r = rngFor(`contract:${group.ref}:${season.ref}`);
      // Linked area grows a little each season as neighbours see the buyer pays.
      const areaHa = clamp(Math.round(group.baseAreaHa * (1 + 0.07 * seasonIndex) * r.between(0.95, 1.05) * 2) / 2, 3, 20);
      rows.push({
        group,
        product,
        season,
        seasonIndex,
        status,
        areaHa,
        volumeTonnes: round1(areaHa * product.tonnesPerHa),
        signedOn: status === "draft" ? null : addDays(season.start, -r.int(15, 40)),
        paymentTermsDays: r.pick(TERMS[group.buyer]),
      });
    });
  }
  rows.sort((a, b) => a.season.start.localeCompare(b.season.start) || GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));
  const perYear = new Map<string, number>();
  const specs: ContractSpec[] = [];
  for (const row of rows) {
    const year = row.season.start.slice(0, 4);
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    // Renews the same pair's previous-season contract, if that one was actually in force.
    const prev = specs.find((s) => s.group === row.group && s.seasonIndex === row.seasonIndex - 1 && IN_FORCE.has(s.status));
    specs.push({ ...row, ref: `c-${year}-${pad(perYear.get(year)!, 3)}`, renewsRef: prev?.ref ?? null });
  }
  return specs;
}

/** One ContractEvent per status the contract passed through. */
function contractEvents(c: ContractSpec, byUserId: string | null) {
  const { start, end } = c.season;
  const mid = addDays(start, Math.round(daysBetween(start, end) / 2));
  const ev = (fromStatus: string | null, toStatus: string, date: string, reason?: string) => ({
    fromStatus,
    toStatus,
    at: at(date),
    reason: reason ?? null,
    byUserId,
  });
  const events = [ev(null, "draft", addDays(c.signedOn ?? start, c.signedOn ? -12 : -30))];
  if (c.status === "draft") return events;
  events.push(ev("draft", "signed", c.signedOn!));
  if (c.status === "cancelled") return [...events, ev("signed", "cancelled", addDays(start, -5), EVENT_REASONS.cancelled)];
  if (c.status === "signed") return events;
  events.push(ev("signed", "active", start));
  if (c.status === "completed") events.push(ev("active", "completed", addDays(end, 5)));
  if (c.status === "breached") events.push(ev("active", "breached", addDays(mid, 10), EVENT_REASONS.breached));
  return events;
}

type PaymentPlan = { paidOn: string; amountVnd: number };

/** Mostly paid within terms; some late, some in two instalments, a few partly paid; recent ones often not yet. */
function planPayments(issuedOn: string, dueOn: string, total: number, r: Rng): PaymentPlan[] {
  const terms = daysBetween(issuedOn, dueOn);
  const onTime = () => addDays(issuedOn, r.int(1, terms));
  const x = r.next();
  let plan: PaymentPlan[];
  if (issuedOn >= addDays(DEMO_TODAY, -35) && x < 0.8) plan = [];
  else if (x < 0.72) plan = [{ paidOn: onTime(), amountVnd: total }];
  else if (x < 0.86) plan = [{ paidOn: addDays(dueOn, r.int(3, 30)), amountVnd: total }];
  else {
    const first = Math.round((total * r.between(0.5, 0.7)) / 1000) * 1000;
    plan = [{ paidOn: onTime(), amountVnd: first }];
    if (x < 0.95) plan.push({ paidOn: addDays(dueOn, r.int(10, 45)), amountVnd: total - first });
  }
  return plan.filter((p) => p.paidOn < DEMO_TODAY);
}

// ───────────────────────── writers ─────────────────────────

type Ids = {
  orgs: Map<string, string>;
  seasons: Map<string, string>;
  offers: Map<string, string>;
  groups: Map<string, string>;
  households: Map<string, string[]>;
  users: Map<string, string>;
};

async function writeReference(tx: Tx, ids: Ids) {
  // The AdminArea table is no longer written: the units come from placeUnits() (the package's
  // 34 provinces and 3,321 communes), and a group's hamlet is text on the group.
  for (const o of ORGS) {
    const { ref, kind, name, lat, lng, phone } = o; // buyer details are demo plumbing, not columns
    ids.orgs.set(o.ref, (await tx.organisation.create({ data: { ref, kind, name, lat, lng, phone, ...placeColumns(demoPlace(o.ref, o.place)) } })).id);
  }
  for (const p of PRODUCTS) {
    const product = await tx.product.create({ data: { ref: p.ref, name: p.name, nameEn: p.nameEn, measures: JSON.stringify(p.measures) } });
    for (const s of p.seasons) {
      const season = await tx.season.create({ data: { ref: s.ref, productId: product.id, name: s.name, start: s.start, end: s.end } });
      ids.seasons.set(s.ref, season.id);
      if (s.current) ids.offers.set(s.ref, await writeCurrentOffer(tx, ids, p, s, product.id));
    }
  }
}

/** The coffee buyer's published offer for the running season: the marketplace is not empty. */
async function writeCurrentOffer(tx: Tx, ids: Ids, p: ProductRow, s: Season, productId: string) {
  const points = GROUPS.filter((g) => g.product === p.ref).map((g) => ({ name: g.collectionPoint, lat: g.hamlet.lat, lng: g.hamlet.lng }));
  const offer = await tx.purchaseOffer.create({
    data: {
      buyerId: ids.orgs.get("htx-khe-sanh")!,
      productId,
      seasonId: ids.seasons.get(s.ref)!,
      status: "published",
      title: `Thu mua ${p.name.toLowerCase()} – ${s.name}`,
      minTonnes: 5,
      maxTonnes: 60,
      windowStart: addDays(s.start, 20),
      windowEnd: addDays(s.end, -15),
      paymentTermsDays: 7,
      inputsAdvanced: "Cây giống cà phê Catimor, phân bón NPK 16-16-8",
      inputRecovery: "Khấu trừ 10% giá trị mỗi bảng kê thanh toán",
      // The current province: a group registered since July 2025 has no former district to match.
      eligibleProvinces: JSON.stringify(["Quảng Trị"]),
      eligibleDistricts: JSON.stringify([]),
      publishedAt: at(addDays(s.start, -60)),
      grades: { create: gradesFor(p, s).map((g, sort) => ({ ...g, sort })) },
      collectionPoints: { create: points },
    },
  });
  return offer.id;
}

function gradesFor(p: ProductRow, s: Season) {
  return p.grades.map((g) => ({
    code: g.code,
    label: g.label,
    criteria: g.criteria,
    priceVndPerKg: Math.round((g.price * s.priceFactor) / 100) * 100,
  }));
}

/**
 * A demo place as a record of the app holds it: the current unit by code, and for a record
 * registered before July 2025 the names it was written with. Those names must lead through the
 * official crosswalk to the same unit (or, for a split commune, to candidates that include it),
 * so the demo cannot drift from the data the app reads everything else with.
 */
function demoPlace(ref: string, p: DemoPlace): Place {
  const u = placeUnits();
  const province = u.provinces.get(p.provinceCode);
  const commune = p.communeCode ? u.communes.get(p.communeCode) : null;
  if (!province || (p.communeCode && commune?.provinceCode !== p.provinceCode))
    throw new Error(`demo ${ref}: no commune ${p.communeCode} in province ${p.provinceCode}`);
  let candidates: string[] = [];
  if (p.former) {
    const read = resolvePlace(p.former, "none");
    const was = read.ok ? read.place : null;
    const agrees =
      was?.provinceCode === p.provinceCode && (p.communeCode ? was.communeCode === p.communeCode || was.candidates.includes(p.communeCode) : !was.communeCode);
    if (!agrees) throw new Error(`demo ${ref}: ${JSON.stringify(p.former)} is not ${p.communeCode ?? p.provinceCode} by the crosswalk`);
    if (!p.communeCode) candidates = was!.candidates;
  }
  return {
    provinceCode: p.provinceCode,
    communeCode: commune?.code ?? null,
    province: province.name,
    commune: commune?.name ?? p.former?.commune ?? null,
    formerProvince: p.former?.province ?? null,
    formerDistrict: p.former?.district ?? null,
    formerCommune: p.former?.commune ?? null,
    candidates,
  };
}

async function writeGroup(tx: Tx, ids: Ids, g: GroupRow, households: HouseholdSpec[]) {
  const group = await tx.farmerGroup.create({
    data: {
      ref: g.ref,
      name: g.name,
      ...groupPlaceColumns(demoPlace(g.ref, g.place)),
      hamlet: g.hamlet.name,
      lat: g.hamlet.lat,
      lng: g.hamlet.lng,
      foundedOn: g.foundedOn,
      projectOwnerId: g.projectOwned ? ids.orgs.get("hlhpn-sinh-ke")! : null,
    },
  });
  ids.groups.set(g.ref, group.id);
  const hhIds: string[] = [];
  for (const h of households) {
    const row = await tx.household.create({
      data: { ...h, groupId: group.id, ethnicMinority: h.ethnicity !== "Kinh" },
    });
    hhIds.push(row.id);
  }
  ids.households.set(g.ref, hhIds);
}

async function writeUsers(tx: Tx, ids: Ids, passwordHash: string) {
  for (const l of DEMO_LOGINS) {
    const byPhone = !l.login.includes("@");
    const user = await tx.user.create({
      data: {
        email: byPhone ? null : l.login,
        phone: byPhone ? l.login : null,
        name: l.name,
        passwordHash,
        locale: "vi",
        isSiteAdmin: l.role === "site_admin",
      },
    });
    ids.users.set(l.login, user.id);
    if (l.role === "site_admin") continue;
    // A group account's own household is the one whose head has the account's name.
    const household = l.groupRef ? await tx.household.findFirst({ where: { groupId: ids.groups.get(l.groupRef!)!, headName: l.name } }) : null;
    await tx.membership.create({
      data: {
        userId: user.id,
        role: l.role,
        householdId: household?.id ?? null,
        acceptedAt: new Date(),
        organisationId: l.orgRef ? ids.orgs.get(l.orgRef)! : null,
        groupId: l.groupRef ? ids.groups.get(l.groupRef)! : null,
      },
    });
  }
}

/** Demo users who act for an organisation or group (recorded as the author of events, disputes…). */
function actor(ids: Ids, ref: string, roles: string[]): string | null {
  const login = DEMO_LOGINS.find((l) => (l.orgRef === ref || l.groupRef === ref) && roles.includes(l.role));
  return login ? (ids.users.get(login.login) ?? null) : null;
}

function participantsOf(c: ContractSpec, groupSize: number): number[] {
  const r = rngFor(`participants:${c.ref}`);
  const keep = Math.ceil(groupSize * r.between(0.7, 0.95));
  // The first households (leaders, the demo member) always take part so their logins show deliveries.
  return [0, 1, ...r.shuffle([...Array(groupSize).keys()].slice(2)).slice(0, keep - 2)].sort((a, b) => a - b);
}

async function writeContract(tx: Tx, ids: Ids, c: ContractSpec, participants: number[], refIds: Map<string, string>) {
  const r = rngFor(`allocations:${c.ref}`);
  const hh = ids.households.get(c.group.ref)!;
  const weights = participants.map(() => r.between(0.6, 1.4));
  const sum = weights.reduce((s, w) => s + w, 0);
  const tonnes = weights.map((w) => round2((c.volumeTonnes * w) / sum));
  tonnes[tonnes.length - 1] = round2(c.volumeTonnes - tonnes.slice(0, -1).reduce((s, t) => s + t, 0));
  const coffeeInputs = c.product.ref === "coffee-cherry" && c.seasonIndex >= 2;
  const contract = await tx.contract.create({
    data: {
      ref: c.ref,
      buyerId: ids.orgs.get(c.group.buyer)!,
      groupId: ids.groups.get(c.group.ref)!,
      seasonId: ids.seasons.get(c.season.ref)!,
      offerId: ids.offers.get(c.season.ref) ?? null,
      status: c.status,
      signedOn: c.signedOn,
      areaHa: c.areaHa,
      volumeTonnes: c.volumeTonnes,
      paymentTermsDays: c.paymentTermsDays,
      groupFundPct: 0,
      renewsId: c.renewsRef ? refIds.get(c.renewsRef)! : null,
      inputsAdvanced: coffeeInputs ? "Cây giống cà phê Catimor, phân bón NPK 16-16-8" : null,
      inputRecovery: coffeeInputs ? "Khấu trừ 10% giá trị mỗi bảng kê thanh toán" : null,
      grades: { create: gradesFor(c.product, c.season) },
      allocations: {
        create: participants.map((i, k) => ({ householdId: hh[i], tonnes: tonnes[k], areaHa: round2((c.areaHa * weights[k]) / sum) })),
      },
      events: { create: contractEvents(c, actor(ids, c.group.buyer, ["buyer_admin"])) },
    },
  });
  refIds.set(c.ref, contract.id);
  return contract.id;
}

type Counters = { pickups: Map<string, number>; lots: number; payments: number };

/** Pickups, then the odd correction and dispute, all through the ledger. Returns pickups by date. */
async function writePickups(tx: Tx, ids: Ids, c: ContractSpec, contractId: string, plans: PickupPlan[], n: Counters) {
  const r = rngFor(`corrections:${c.ref}`);
  const hh = ids.households.get(c.group.ref)!;
  const staffUser = actor(ids, c.group.buyer, ["buyer_staff"]);
  const leader = actor(ids, c.group.ref, ["group_leader"]);
  const resolver = actor(ids, c.group.buyer, ["buyer_admin"]);
  const written: { id: string; date: string }[] = [];
  for (const [pi, pl] of plans.entries()) {
    const year = pl.date.slice(0, 4);
    n.pickups.set(year, (n.pickups.get(year) ?? 0) + 1);
    const { pickup } = await appendPickup(tx, {
      ref: `p-${year}-${pad(n.pickups.get(year)!, 4)}`,
      contractId,
      date: pl.date,
      collectionPoint: c.group.collectionPoint,
      vehicle: pl.vehicle,
      staffName: pl.staffName,
      recordedById: pl.staffName === "Lê Thị Thu" ? staffUser : null,
      witnessHouseholdIds: pl.witnesses.map((i) => hh[i]),
      allowAnyStatus: true,
      lots: pl.lots.map((l) => ({
        ref: `l-${pad(++n.lots, 5)}`,
        householdId: hh[l.hh],
        grossG: kgToGrams(l.grossKg),
        tareG: kgToGrams(l.tareKg),
        grade: l.grade,
        measurements: l.measurements,
      })),
    });
    written.push({ id: pickup.id, date: pl.date });
    const lots = await tx.lot.findMany({ where: { pickupId: pickup.id }, orderBy: { chainSeq: "asc" } });
    const dispute = (lotId: string, data: { reason: string; status: string; resolution?: string; correctionLotId?: string }) =>
      tx.lotDispute.create({
        data: {
          lotId,
          openedById: leader,
          ...data,
          resolvedById: data.status === "open" ? null : resolver,
          resolvedAt: data.status === "open" ? null : at(addDays(pl.date, 2), 15),
        },
      });
    for (const [li, lot] of lots.entries()) {
      const x = r.next();
      if (c.status === "active" && pi === plans.length - 1 && li === 0 && c.group.ref === "tg-huong-phung-1") {
        // The newest pickup of the demo leader's group has one dispute still open.
        await dispute(lot.id, { status: "open", reason: "Hộ cho rằng tỷ lệ quả chín cao hơn mức ghi nhận, đề nghị kiểm tra lại" });
      } else if (x < 0.012) {
        // ≈1% of lots corrected: a scale found off, or a grade raised after the group disputed it.
        const { reason, kind } = lot.grade === "A" ? CORRECTION_REASONS[li % 2] : r.pick(CORRECTION_REASONS);
        const grade = kind === "grade" ? (lot.grade === "C" ? "B" : "A") : lot.grade;
        const grossG = kind === "weight" && reason.startsWith("Cân") ? to100g(lot.grossG * r.between(1.01, 1.04)) : lot.grossG;
        const tareG = reason.includes("bì") ? to100g(lot.tareG * 0.5) : lot.tareG;
        const fixed = await appendCorrection(tx, {
          lotId: lot.id,
          reason,
          grossG,
          tareG,
          grade,
          ref: `l-${pad(++n.lots, 5)}`,
          measurements: kind === "grade" ? c.product.measure(grade, r.next) : (JSON.parse(lot.measurements) as Record<string, number>),
        });
        if (!reason.includes("bì")) {
          await dispute(lot.id, {
            status: "corrected",
            correctionLotId: fixed.id,
            resolution: reason,
            reason: kind === "grade" ? "Tổ cho rằng lô bị xếp hạng thấp hơn thực tế" : "Hộ thấy khối lượng thấp hơn cân đối chứng của tổ",
          });
        }
      } else if (x > 0.993) {
        await dispute(lot.id, { status: "upheld", reason: "Hộ đề nghị kiểm tra lại phân loại", resolution: UPHELD_RESOLUTION });
      }
    }
  }
  return written;
}

type InvoicePlan = { contract: ContractSpec; contractId: string; pickupIds: string[]; issuedOn: string };

/** Consecutive pickups (1–3, within three weeks) go on one invoice, issued a day or two later. */
function planInvoices(c: ContractSpec, contractId: string, pickups: { id: string; date: string }[]): InvoicePlan[] {
  const r = rngFor(`invoices:${c.ref}`);
  const out: InvoicePlan[] = [];
  // On a contract still delivering, the last two pickups wait for the next statement.
  if (c.status === "active") pickups = pickups.slice(0, Math.max(0, pickups.length - 2));
  for (let i = 0; i < pickups.length;) {
    let size = r.weighted([
      [1, 0.5],
      [2, 0.35],
      [3, 0.15],
    ] as [number, number][]);
    while (size > 1 && (i + size > pickups.length || daysBetween(pickups[i].date, pickups[i + size - 1].date) > 21)) size--;
    const batch = pickups.slice(i, i + size);
    const issuedOn = addDays(batch[batch.length - 1].date, r.int(1, 2));
    if (issuedOn < DEMO_TODAY) out.push({ contract: c, contractId, pickupIds: batch.map((p) => p.id), issuedOn });
    i += size;
  }
  return out;
}

/** Invoices in date order per buyer, so the gap-free numbers also run chronologically. */
async function writeInvoices(ids: Ids, plans: InvoicePlan[], n: Counters) {
  plans.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.contract.ref.localeCompare(b.contract.ref));
  const expected = new Map<string, number>();
  for (let k = 0; k < plans.length; k += 25) {
    await write(async (tx) => {
      for (const p of plans.slice(k, k + 25)) {
        const buyer = ORGS.find((o) => o.ref === p.contract.group.buyer)!;
        const year = p.issuedOn.slice(0, 4);
        const number = (expected.get(buyer.ref + year) ?? 0) + 1;
        expected.set(buyer.ref + year, number);
        const ref = `inv-${buyer.buyer!.code}-${year}-${pad(number, 4)}`;
        const invoice = await issueInvoice(tx, { contractId: p.contractId, pickupIds: p.pickupIds, issuedOn: p.issuedOn, ref });
        if (invoice.number !== number) throw new Error(`Demo invoice ${ref} got number ${invoice.number}: database not empty?`);
        const r = rngFor(`payments:${ref}`);
        const method = r.next() < buyer.buyer!.cashShare ? "cash" : "bank_transfer";
        for (const pay of planPayments(invoice.issuedOn, invoice.dueOn, invoice.totalVnd, r)) {
          await tx.payment.create({
            data: {
              ref: `pay-${pad(++n.payments, 5)}`,
              invoiceId: invoice.id,
              paidOn: pay.paidOn,
              amountVnd: pay.amountVnd,
              method,
              reference: method === "bank_transfer" ? `CK ${ref.toUpperCase()}` : `Phiếu chi ${pad(n.payments, 5)}`,
              recordedById: actor(ids, buyer.ref, ["buyer_admin"]),
            },
          });
        }
      }
    });
  }
}

/**
 * Inputs advanced before each coffee season whose contract provides for recovering them (the
 * same rule as its inputRecovery clause: every such contract has advances to recover), and the
 * revolving group funds.
 */
async function writeAdvancesAndFunds(tx: Tx, ids: Ids, contractIds: Map<string, string>, specs: ContractSpec[]) {
  for (const c of specs.filter((x) => x.product.ref === "coffee-cherry" && x.seasonIndex >= 2)) {
    const g = c.group;
    const year = c.season.start.slice(0, 4);
    // The first households to deliver on the contract, so that its statements recover from them.
    const delivered = await tx.lot.findMany({
      where: { contractId: contractIds.get(c.ref)! },
      select: { householdId: true },
      orderBy: { chainSeq: "asc" },
    });
    const hh = [...new Set(delivered.map((l) => l.householdId))];
    for (const [k, i] of [0, 1, 2, 3].filter((i) => i < hh.length).entries()) {
      const seedlings = k % 2 === 0;
      await tx.inputAdvance.create({
        data: {
          groupId: ids.groups.get(g.ref)!,
          householdId: hh[i],
          providerId: ids.orgs.get(g.buyer)!,
          contractId: contractIds.get(c.ref)!,
          item: seedlings ? "Cây giống cà phê Catimor" : "Phân bón NPK 16-16-8",
          quantity: seedlings ? 400 : 250,
          unit: seedlings ? "cây" : "kg",
          valueVnd: seedlings ? 2_400_000 : 3_750_000,
          advancedOn: seedlings ? `${year}-06-10` : `${year}-07-20`,
          recoveryPlan: "per_invoice_pct",
          recoveryPct: 10,
        },
      });
    }
  }
  for (const g of GROUPS.filter((x) => x.projectOwned)) {
    const r = rngFor(`fund:${g.ref}`);
    const groupId = ids.groups.get(g.ref)!;
    const hh = ids.households.get(g.ref)!;
    const start = addDays(g.foundedOn, 30);
    const entry = (householdId: string, kind: string, amountVnd: number, on: string, note: string, inKind?: string) =>
      tx.groupFundEntry.create({ data: { groupId, householdId, kind, amountVnd, on, note, inKind: inKind ?? null } });
    for (const i of r.shuffle([...hh.keys()]).slice(0, 8)) await entry(hh[i], "contribution", 200_000, start, "Góp vốn quỹ tổ");
    const goat = g.product === "bamboo-shoot";
    const borrower = hh[r.int(2, hh.length - 1)];
    const lentOn = [addDays(start, 60), "2025-03-15"].sort()[1]; // not before the fund has money
    await entry(borrower, "loan_out", -2_000_000, lentOn, "Cho vay quay vòng, hộ nghèo ưu tiên", goat ? "Dê giống (2 con)" : undefined);
    await entry(borrower, "repayment", 1_000_000, "2026-03-20", "Trả nợ quỹ đợt 1");
  }
}

// ───────────────────────── entry points ─────────────────────────

export async function isDatabaseEmpty(): Promise<boolean> {
  const [orgs, users] = await Promise.all([db.organisation.count(), db.user.count()]);
  return orgs === 0 && users === 0;
}

export async function loadDemoProgramme(): Promise<DemoSummary> {
  if (!(await isDatabaseEmpty())) throw new Error("The demo programme loads into an empty database only");
  // Slow (scrypt), so outside any write; one hash serves every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: Ids = { orgs: new Map(), seasons: new Map(), offers: new Map(), groups: new Map(), households: new Map(), users: new Map() };

  await write((tx) => writeReference(tx, ids));
  let hhNo = 1;
  for (const g of GROUPS) {
    const households = makeHouseholds(g, hhNo);
    hhNo += households.length;
    await write((tx) => writeGroup(tx, ids, g, households));
  }
  await write((tx) => writeUsers(tx, ids, passwordHash));

  const specs = planContracts();
  const contractIds = new Map<string, string>();
  const counters: Counters = { pickups: new Map(), lots: 0, payments: 0 };
  const invoicePlans: InvoicePlan[] = [];
  for (const c of specs) {
    const groupSize = ids.households.get(c.group.ref)!.length;
    const participants = participantsOf(c, groupSize);
    const contractId = await write((tx) => writeContract(tx, ids, c, participants, contractIds));
    if (!IN_FORCE.has(c.status) || c.status === "signed") continue; // signed: harvest not started
    const plans = planPickups(c, participants, groupSize);
    if (plans.length === 0) continue;
    const pickups = await write((tx) => writePickups(tx, ids, c, contractId, plans, counters));
    invoicePlans.push(...planInvoices(c, contractId, pickups));
  }
  // Advances before the statements: a statement recovers only advances that exist when it is
  // issued, so written after them every statement of the contract showed 0 ₫ recovered.
  await write((tx) => writeAdvancesAndFunds(tx, ids, contractIds, specs));
  await writeInvoices(ids, invoicePlans, counters);
  const hp1 = GROUPS.find((g) => g.ref === "tg-huong-phung-1")!;
  await write((tx) =>
    writeDemoDiaries(tx, {
      today: DEMO_TODAY,
      groupId: ids.groups.get(hp1.ref)!,
      projectOwnerId: ids.orgs.get("hlhpn-sinh-ke")!,
      productRef: hp1.product,
      heads: hp1.namedHeads!.map((h) => h.name),
    }),
  );
  await write((tx) => writeDemoSurveys(tx, ids.orgs.get("hlhpn-sinh-ke")!, ids.users.get("project@caunoi.vn") ?? null));
  await writeDemoCertifications(ids);
  return summary();
}

async function summary(): Promise<DemoSummary> {
  const [organisations, groups, households, contracts, pickups, lots, invoices, payments, users] = await Promise.all([
    db.organisation.count(),
    db.farmerGroup.count(),
    db.household.count(),
    db.contract.count(),
    db.pickup.count(),
    db.lot.count(),
    db.invoice.count(),
    db.payment.count(),
    db.user.count(),
  ]);
  return { organisations, groups, households, contracts, pickups, lots, invoices, payments, users };
}
