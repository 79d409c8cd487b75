// Pass 2, first part: reference data (products, seasons), organisations, published offers,
// farmer groups with their households, and the logins. Places are the current units by code,
// with the former ones as written (places.ts); the AdminArea table is not written, as in the demo.
import { addDays } from "~/domain/money";
import { placeUnits } from "~/domain/places/units.server";
import { gradesFor, PASSWORD, productRow } from "./chains";
import { ethnicMixOf, near, personName, placeValues, provinceCentroid } from "./places";
import { PROJECT_OWNERS, provinceRef, type Plan } from "./plan";
import { at, pad, rngFor } from "./rng";
import type { Writer } from "./writer";

export type Ids = {
  next: () => string;
  products: Map<string, string>;
  seasons: Map<string, string>; // season ref → id
  buyers: string[]; // by buyer idx
  buyerAdmins: string[]; // user ids
  buyerStaff: string[];
  projectOwners: string[];
  groups: string[];
  households: string[][]; // by group idx
  householdRefs: string[][];
  leaders: string[]; // user id per group
  leaderNames: string[]; // head of each group's first household (its leader)
};

export const LOGINS = {
  admin: "admin@caunoi.vn",
  project: "project@caunoi.vn",
  authority: "authority@caunoi.vn",
  buyer: "buyer@caunoi.vn",
  staff: "staff@caunoi.vn",
  password: PASSWORD,
};
export const AUTHORITY_PROVINCE = "Sơn La";

const buyerLogin = (ref: string, i: number, role: "admin" | "staff") =>
  i === 0 ? LOGINS[role === "admin" ? "buyer" : "staff"] : `${ref}.${role}@bench.caunoi.vn`;

export function writeReference(w: Writer, plan: Plan, ids: Ids, now: string) {
  for (const ref of plan.products) {
    const p = productRow(ref);
    const id = ids.next();
    ids.products.set(ref, id);
    w.insert("Product", [id, p.ref, p.name, p.nameEn, "kg", JSON.stringify(p.measures)]);
    for (const s of plan.seasons.get(ref)!) {
      const sid = ids.next();
      ids.seasons.set(s.ref, sid);
      w.insert("Season", [sid, s.ref, id, s.name, s.start, s.end]);
    }
  }
  for (const b of plan.buyers) {
    const id = ids.next();
    ids.buyers.push(id);
    w.insert("Organisation", [id, b.ref, b.kind, b.name, ...placeValues(b.place), b.lat, b.lng, b.phone, null, null, null, null, now, now]);
  }
  for (const po of PROJECT_OWNERS) {
    const id = ids.next();
    ids.projectOwners.push(id);
    const c = provinceCentroid(po.province);
    const code = placeUnits().currentProvinces.find(po.province)[0];
    w.insert("Organisation", [
      id,
      po.ref,
      "project_owner",
      po.name,
      code,
      null,
      placeUnits().provinces.get(code)!.name,
      null,
      null,
      null,
      null,
      c.lat,
      c.lng,
      null,
      "Tăng thu nhập và khả năng chống chịu của hộ nghèo, cận nghèo qua liên kết chuỗi giá trị",
      "Hộ nghèo, cận nghèo, hộ mới thoát nghèo; ưu tiên phụ nữ làm chủ hộ và đồng bào dân tộc thiểu số",
      "2023-01-01",
      "2027-12-31",
      now,
      now,
    ]);
  }
  // One authority per current province, reading all of it: placed at its groups' mean position.
  for (const code of plan.provinceCodes) {
    const name = placeUnits().provinces.get(code)!.name;
    const at = [...plan.groups, ...plan.buyers].filter((x) => x.place.provinceCode === code);
    const lat = Math.round((at.reduce((s, x) => s + x.lat, 0) / at.length) * 1e5) / 1e5;
    const lng = Math.round((at.reduce((s, x) => s + x.lng, 0) / at.length) * 1e5) / 1e5;
    w.insert("Organisation", [
      ids.next(),
      provinceRef(name),
      "authority",
      name.startsWith("Thành phố") ? `UBND ${name}` : `UBND tỉnh ${name}`,
      code,
      null,
      name,
      null,
      null,
      null,
      null,
      lat,
      lng,
      null,
      null,
      null,
      null,
      null,
      now,
      now,
    ]);
  }
  writeOffers(w, plan, ids, now);
}

/** Each buyer's published offer for its product's running season (the marketplace's open offers). */
function writeOffers(w: Writer, plan: Plan, ids: Ids, now: string) {
  for (const b of plan.buyers) {
    const r = rngFor(`offer:${b.ref}`);
    const season = plan.seasons.get(b.product)!.at(-1)!;
    const windowEnd = addDays(season.end, -15);
    if (windowEnd < plan.today) continue;
    const p = productRow(b.product);
    const id = ids.next();
    const max = r.int(20, 200);
    w.insert("PurchaseOffer", [
      id,
      ids.buyers[b.idx],
      ids.products.get(b.product)!,
      ids.seasons.get(season.ref)!,
      `Thu mua ${p.name.toLowerCase()} – ${season.name}`,
      "published",
      Math.round(max / 5),
      max,
      addDays(season.start, 20),
      windowEnd,
      "fixed",
      r.pick([7, 15, 30]),
      0,
      JSON.stringify(r.next() < 0.7 ? [b.place.province] : []),
      "[]",
      at(addDays(season.start, -60)),
      now,
      now,
    ]);
    gradesFor(p, season).forEach((g, sort) => w.insert("OfferGrade", [ids.next(), id, g.code, g.label, g.criteria, g.priceVndPerKg, sort]));
    for (let k = 0; k < r.int(1, 3); k++) {
      const pt = near({ lat: b.lat, lng: b.lng }, `${b.ref}/cp${k}`, 0.15);
      w.insert("CollectionPoint", [ids.next(), id, `Điểm thu mua số ${k + 1} – ${b.district}`, pt.lat, pt.lng]);
    }
  }
}

const INCOME: Record<string, [number, number]> = { poor: [18, 28], near_poor: [25, 38], newly_escaped: [33, 46], non_poor: [42, 60] };

export function writeGroups(w: Writer, plan: Plan, ids: Ids, now: string, onGroup: (i: number) => void) {
  for (const g of plan.groups) {
    const r = rngFor(`households:${g.ref}`);
    const id = ids.next();
    ids.groups.push(id);
    w.insert("FarmerGroup", [
      id,
      g.ref,
      g.name,
      ...placeValues(g.place),
      g.place.placeCandidates,
      g.hamlet,
      g.lat,
      g.lng,
      g.projectOwner === null ? null : ids.projectOwners[g.projectOwner],
      g.foundedOn,
      now,
      now,
    ]);
    const n = g.households;
    const poor = Math.round(n * r.between(0.25, 0.5));
    const near_ = Math.round(n * r.between(0.2, 0.35));
    const escaped = Math.round(n * r.between(0.1, 0.2));
    const statuses = r.shuffle(
      Array.from({ length: n }, (_, i) => (i < poor ? "poor" : i < poor + near_ ? "near_poor" : i < poor + near_ + escaped ? "newly_escaped" : "non_poor")),
    );
    const mix = ethnicMixOf(g.province);
    const hhIds: string[] = [];
    const hhRefs: string[] = [];
    statuses.forEach((status, i) => {
      const ethnicity = r.weighted(mix);
      const sex = r.next() < (i === 0 ? 0.6 : 0.45) ? "female" : "male";
      const members = r.int(2, 8);
      const [lo, hi] = INCOME[status];
      const hid = ids.next();
      const ref = `hh-${pad(g.firstHh + i, 6)}`;
      const headName = personName(ethnicity, sex, r.next);
      if (i === 0) ids.leaderNames.push(headName);
      hhIds.push(hid);
      hhRefs.push(ref);
      w.insert("Household", [
        hid,
        ref,
        id,
        headName,
        sex,
        ethnicity === "Kinh" ? 0 : 1,
        ethnicity,
        status,
        members,
        r.int(Math.max(1, Math.ceil(members / 3)), members),
        Math.round(r.between(lo, hi) * 10) * 100_000,
        r.next() < 0.3 ? `09${pad(r.int(0, 99_999_999), 8)}` : null,
        now,
        now,
      ]);
    });
    ids.households.push(hhIds);
    ids.householdRefs.push(hhRefs);
    onGroup(g.idx);
  }
}

/** Logins: one password hash (scrypt is slow) shared by every account. */
export function writeUsers(w: Writer, plan: Plan, ids: Ids, passwordHash: string, now: string) {
  const user = (email: string | null, phone: string | null, name: string, admin = false) => {
    const id = ids.next();
    w.insert("User", [id, email, phone, name, passwordHash, "vi", admin ? 1 : 0, now]);
    return id;
  };
  const member = (userId: string, role: string, organisationId: string | null, groupId: string | null, householdId: string | null = null) =>
    w.insert("Membership", [ids.next(), userId, role, organisationId, groupId, householdId, now, now]);
  user(LOGINS.admin, null, "Quản trị hệ thống", true);
  member(user(LOGINS.project, null, "Nguyễn Thị Mai"), "project_admin", ids.projectOwners[0], null);
  const authorityId = w.db.prepare(`SELECT id FROM Organisation WHERE ref = ?`).pluck().get(provinceRef(AUTHORITY_PROVINCE)) as string | undefined;
  if (authorityId) member(user(LOGINS.authority, null, "Lò Văn Dũng"), "authority_viewer", authorityId, null);
  for (const b of plan.buyers) {
    const admin = user(buyerLogin(b.ref, b.idx, "admin"), null, `Quản lý ${b.name}`);
    member(admin, "buyer_admin", ids.buyers[b.idx], null);
    ids.buyerAdmins.push(admin);
    const staff = user(buyerLogin(b.ref, b.idx, "staff"), null, b.staff[0]);
    member(staff, "buyer_staff", ids.buyers[b.idx], null);
    ids.buyerStaff.push(staff);
  }
  for (const g of plan.groups) {
    const hh = ids.households[g.idx][0];
    const leader = user(null, `08${pad(g.idx + 1, 8)}`, ids.leaderNames[g.idx]);
    member(leader, "group_leader", null, ids.groups[g.idx], hh);
    ids.leaders.push(leader);
  }
}
