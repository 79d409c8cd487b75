// Bad input at every door. Malformed, oversized, wrong-typed, unicode-edge and injection-shaped
// payloads (tests/support/fuzz.ts, seeded, so every run sends the same cases) go to every form
// action and API route of the built app, as every role and as nobody. For each door:
//  - no answer is a 5xx (or a dropped connection);
//  - a refusal (4xx) says why: an HTML page shows an error element (role="alert",
//    .field-error, .alert-error or the error panel), a JSON route answers {error|errors},
//    a resource route answers a plain-text reason;
//  - no row is written and no row changes (every table is counted and hashed before and after
//    each door; login failures, the audit log and sessions are expected to move).
// Afterwards the demo's hash chains still verify and logging in still works.
//
// The run prints requests and status codes per door, and the cases that broke a rule.
// FUZZ_SEED=<n> sends another set of cases; FUZZ_REPORT=<file> writes every finding as JSON.
// App bugs this test found are listed in KNOWN_BUGS: each marks exactly one test `it.fails`,
// so the test turns red when the bug is fixed (then delete the entry) or when a new one appears.
import crypto from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storageOrder } from "../support/bundle-fixtures";
import * as F from "../support/fuzz";
import { HANG_GUARD_MS } from "../support/limits";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const DB_FILE = tempDatabase("bad-input");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { verifyAll } = await import("~/domain/pickups.server");
const { db, disconnect } = await import("~/utils/db.server");
const { todayInVietnam } = await import("~/utils/dates");

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);
const CONCURRENCY = 10;
// A request silent this long is hung, not slow: reported as a dropped connection, well within
// the suite's hang guard so the finding is listed.
const REQUEST_HANG_MS = HANG_GUARD_MS / 2;

// ───────────────────────── roles and the world they act in ─────────────────────────

const LOGINS = {
  leader: "leader@caunoi.vn",
  member: "0912000001",
  staff: "staff@caunoi.vn",
  buyer: "buyer@caunoi.vn",
  project: "project@caunoi.vn",
  authority: "authority@caunoi.vn",
  admin: "admin@caunoi.vn",
} as const;
type Role = "nobody" | keyof typeof LOGINS;
const ROLES: Role[] = ["nobody", "leader", "member", "staff", "buyer", "project", "authority", "admin"];

type World = {
  today: string;
  adminId: string;
  buyerOrg: string; // htx-khe-sanh, buyer of the demo's coffee contracts
  otherBuyerOrg: string;
  projectOrg: string; // hlhpn-sinh-ke
  buyerAdminMembership: string | null; // the buyer org's only admin: removing it is refused
  g1: string; // tg-huong-phung-1
  g2: string;
  h1: string; // a household of g1
  h2: string; // a household of g2
  round: string; // the demo project's baseline survey round
  c1: string; // the active coffee-2026 contract of g1
  renewedContract: string | null; // a contract that already has a live renewal
  grade: string; // a grade code of c1
  p1: string; // a pickup of c1 with lots
  l1: string; // a lot of p1
  l2: string; // a lot of another pickup
  invoicedPickup: string | null; // a pickup of c1 already on a live invoice
  otherPickup: string; // a pickup of another contract
  invoice: string; // an issued invoice of the buyer org with money still due: its payment form is on the page
  paidInvoice: string | null; // one paid in full: no payment form
  offer: string; // an offer of the buyer org
  offerStatus: string;
  otherOffer: string | null; // an offer of another buyer
  seasonId: string;
  seasonStart: string;
  seasonEnd: string;
  decidedAcceptance: string | null;
  otherUsersNotification: string | null;
  g2Rota: string | null;
  token: string; // project owner's API token
  buyerToken: string; // a token of a buyer organisation: the API refuses non-project owners
  bundle: Record<string, unknown> | null; // the project's own export
};

// ───────────────────────── requests ─────────────────────────

type Csrf = "ok" | "missing" | "wrong" | "double";
type Req = {
  role: Role;
  method: string;
  path: string;
  form?: F.Payload;
  csrf?: Csrf;
  raw?: { body: string; type: string };
  headers?: Record<string, string>;
  note: string;
  /** Sent exactly as built (no transport damage): the case that shows a known bug on every seed. */
  exact?: boolean;
};

/** html: a page with an error boundary; plain: a resource route (text answers); json: an API. */
type DoorKind = "html" | "plain" | "json" | "get";
type Door = {
  name: string;
  kind: DoorKind;
  count: number;
  /** /login and /signup send a signed-in visitor home (their loader redirects), whatever was posted. */
  homeIfSignedIn?: boolean;
  /** Transport-level damage (CSRF, content type, Origin, method) on top of the payload. */
  perturb?: boolean;
  make: (r: F.Rng, w: World, i: number) => Req;
};

// ───────────────────────── field specs (app/domain/*.schema.ts) ─────────────────────────

const text = (max: number, min?: number): F.FieldSpec => ({ kind: "text", max, min });
const optText = (max: number): F.FieldSpec => ({ kind: "optText", max });
const int = (min: number, max: number): F.FieldSpec => ({ kind: "int", min, max });
const optInt = (min: number, max: number): F.FieldSpec => ({ kind: "optInt", min, max });
const dec = (min: number, max: number): F.FieldSpec => ({ kind: "decimal", min, max });
const optDec = (min: number, max: number): F.FieldSpec => ({ kind: "optDecimal", min, max });
const oneOf = (...values: string[]): F.FieldSpec => ({ kind: "enum", values });
const DATE: F.FieldSpec = { kind: "date" };
const OPT_DATE: F.FieldSpec = { kind: "optDate" };
const ANY: F.FieldSpec = { kind: "any" };
const fd = (spec: F.FieldSpec, valid: F.Value | (() => F.Value), repeatOk = false): F.FieldDef => ({
  spec,
  valid: typeof valid === "function" ? valid : () => valid,
  repeatOk,
});

const ORG_ROLES = ["buyer_admin", "buyer_staff", "project_admin", "project_staff", "authority_admin", "authority_viewer"];

const groupForm = (): F.Form => ({
  name: fd(text(160), "Tổ hợp tác thử nghiệm"),
  provinceCode: fd(text(10), "44"),
  communeCode: fd(optText(10), ""),
  commune: fd(optText(80), "huong phung"),
  hamlet: fd(optText(80), "Cheng"),
  lat: fd(optDec(8, 24), "16.7"),
  lng: fd(optDec(102, 118), "106.6"),
  projectOwnerId: fd(optText(40), ""),
  foundedOn: fd(OPT_DATE, "2020-01-15"),
});

const householdForm = (): F.Form => ({
  headName: fd(text(120), "Hồ Văn Thử"),
  headSex: fd(oneOf("female", "male"), "male"),
  ethnicMinority: fd({ kind: "checkbox" }, "on"),
  ethnicity: fd(optText(60), "Vân Kiều"),
  povertyStatus: fd(oneOf("poor", "near_poor", "newly_escaped", "non_poor"), "poor"),
  povertyCertifiedOn: fd(DATE, "2024-03-01"),
  members: fd(int(1, 30), "4"),
  membersFemale: fd(optInt(0, 30), "2"),
  workers: fd(optInt(0, 30), "2"),
  baselineIncomeVnd: fd(optInt(0, 10_000_000_000), "20.000.000"),
  phone: fd(optText(20), "0912345678"),
});
const surveyAnswerForm = (): F.Form => ({
  incomeCropsVnd: fd(optInt(0, 2_000_000_000), "20.000.000"),
  incomeLivestockVnd: fd(optInt(0, 2_000_000_000), "3000000"),
  incomeWagesVnd: fd(optInt(0, 2_000_000_000), ""),
  incomeBusinessVnd: fd(optInt(0, 2_000_000_000), ""),
  incomeOtherVnd: fd(optInt(0, 2_000_000_000), ""),
  povertyStatus: fd(oneOf("poor", "near_poor", "newly_escaped", "non_poor"), "near_poor"),
  povertyCertifiedOn: fd(DATE, "2024-12-15"),
  membersFemale: fd(int(0, 30), "2"),
  membersMale: fd(int(0, 30), "2"),
  membersUnder16: fd(int(0, 30), "1"),
  members16to60: fd(int(0, 30), "3"),
  membersOver60: fd(int(0, 30), "0"),
  participantsFemale: fd(int(0, 30), "1"),
  participantsMale: fd(int(0, 30), "1"),
});
// Editing a household leaves its poverty status alone: a change is a dated record (its own form).
const householdEditForm = (): F.Form => {
  const { povertyStatus: _s, povertyCertifiedOn: _d, ...rest } = householdForm();
  return rest;
};

const orgFields = (): F.Form => ({
  name: fd(text(160), "Công ty thử nghiệm"),
  provinceCode: fd(optText(10), "44"),
  communeCode: fd(optText(10), ""),
  commune: fd(optText(80), ""),
  phone: fd(optText(20), "0233123456"),
  lat: fd(optDec(8, 24), ""),
  lng: fd(optDec(102, 118), ""),
});

const offerForm = (w: World): F.Form => ({
  title: fd(text(160), "Thu mua cà phê thử"),
  seasonId: fd(text(100_000), w.seasonId),
  minTonnes: fd(dec(0, 1_000_000), "1"),
  maxTonnes: fd(dec(0.001, 1_000_000), "10"),
  windowStart: fd(DATE, w.seasonStart),
  windowEnd: fd(DATE, w.seasonEnd),
  priceMechanism: fd(oneOf("fixed", "floor_plus_market"), "fixed"),
  marketReference: fd(optText(300), ""),
  paymentTermsDays: fd(int(0, 365), "14"),
  groupFundPct: fd(optDec(0, 20), "2"),
  inputsAdvanced: fd(optText(500), ""),
  inputRecovery: fd(optText(500), ""),
  eligibleProvinces: fd(ANY, "Quảng Trị"),
  eligibleDistricts: fd(ANY, ""),
  notes: fd(optText(1000), ""),
  "grade.code": fd(text(8), "A", true),
  "grade.label": fd(text(80), "Loại A", true),
  "grade.criteria": fd(optText(300), "", true),
  "grade.priceVndPerKg": fd(int(1, 100_000_000), "12.000", true),
  "point.name": fd(text(120), "Điểm cân Hướng Phùng", true),
  "point.lat": fd(dec(8, 24), "16.6", true),
  "point.lng": fd(dec(102, 118), "106.7", true),
});

const pickupForm = (w: World, i: number): F.Form => ({
  clientKey: fd({ kind: "regex", re: /^[A-Za-z0-9_-]{8,64}$/ }, `fuzz-${SEED}-${i}`),
  date: fd(DATE, w.today),
  collectionPoint: fd(optText(120), ""),
  vehicle: fd(optText(20), "74C-12345"),
  staffName: fd(optText(80), ""),
  witnesses: fd(ANY, undefined),
  "lot.householdId": fd(text(40), w.h1, true),
  "lot.grossKg": fd(dec(0.001, 100_000), "12,5", true),
  "lot.tareKg": fd(dec(0, 100_000), "0.5", true),
  "lot.grade": fd(text(8), w.grade, true),
});

const PICKUP_BREAKABLE = ["clientKey", "date", "collectionPoint", "vehicle", "staffName", "lot.householdId", "lot.grossKg", "lot.tareKg", "lot.grade"];

// ───────────────────────── helpers for doors ─────────────────────────

const pickRole = (r: F.Rng, owners: Role[], i: number): Role => (i % 10 < 6 ? owners[i % owners.length] : ROLES[(i * 7 + r.int(3)) % ROLES.length]);
const idOr = (r: F.Rng, real: string, p = 0.12): string => (r.chance(p) ? encodeURIComponent(F.garbageId(r)) : real);

function formReq(role: Role, path: string, built: { payload: F.Payload; mutations: F.Mutation[] }, note = ""): Req {
  const m = built.mutations
    .filter((x) => x.how !== "noise")
    .map((x) => `${x.how}:${x.field}`)
    .join(",");
  return { role, method: "POST", path, form: built.payload, note: [note, m].filter(Boolean).join(" ") };
}

const JSON_BODIES = (r: F.Rng, w: World): { body: string; note: string } => {
  const x = r.next();
  if (x < 0.25) return { body: r.pick(F.NOT_JSON), note: "not json" };
  if (x < 0.3) return { body: F.deeplyNested(r.pick([1_000, 10_000, 100_000]), r.pick(["object", "array"] as const)), note: "deeply nested" };
  if (x < 0.33) return { body: `{"format":"linkage-bundle/1","households":[${F.deeplyNested(5_000, "object")}]}`, note: "nested record" };
  return { body: JSON.stringify(F.badBundle(r, w.bundle)), note: "bad bundle" };
};

/** About 5 MB: a bare array, or an array of 1.3 million strings where the households belong. */
const FIVE_MB = (where: "bare" | "households") => {
  const big = F.bigArray(5 * 1024 * 1024, '"x"');
  return where === "bare" ? { body: big, note: "5 MB array" } : { body: `{"format":"linkage-bundle/1","households":${big}}`, note: "5 MB households" };
};

const BAD_TOKENS = (r: F.Rng): Record<string, string> =>
  r.pick<Record<string, string>>([
    {},
    { Authorization: "" },
    { Authorization: "Bearer" },
    { Authorization: "Bearer " },
    { Authorization: "Bearer cn_notarealtokennotarealtoken000" },
    { Authorization: "Bearer garbage" },
    { Authorization: "Basic YWRtaW46YWRtaW4=" },
    { Authorization: `Bearer cn_${"A".repeat(65)}` },
    { Authorization: "Bearer ' OR 1=1 --" },
    { Authorization: `Bearer ${F.LONG_10K.replace(/[^\x20-\x7e]/g, "x")}` },
    { Authorization: "bearer cn_notarealtokennotarealtoken000 extra" },
  ]);

// ───────────────────────── the doors ─────────────────────────

const ALL_SIGNED_IN: Role[] = ["leader", "member", "staff", "buyer", "project", "authority", "admin"];

const DOORS: Door[] = [
  {
    name: "POST /login",
    kind: "html",
    count: 40,
    homeIfSignedIn: true,
    perturb: true,
    make: (r, _w, i) => {
      const form: F.Form = { login: fd(text(200), `fuzz-${i}@example.invalid`), password: fd(text(200), "not-the-password"), redirectTo: fd(ANY, "/") };
      const role: Role = i % 4 === 0 ? ROLES[i % ROLES.length] : "nobody";
      // A quarter are well formed but wrong (unknown account, or a real one with a wrong password).
      if (i % 4 === 1)
        return formReq(
          role,
          "/login",
          {
            payload: {
              login: r.pick([`fuzz-${i}@example.invalid`, "buyer2@caunoi.vn", " BUYER2@caunoi.vn ", r.pick(F.INJECTION)]),
              password: F.anyValue(r).slice(0, 200) || "x",
              redirectTo: r.pick(["//evil.example", "https://evil.example", "/\\evil", F.anyValue(r)]),
            },
            mutations: [],
          },
          "wrong credentials",
        );
      return formReq(role, "/login", F.badForm(form, r, { mustBreak: ["login", "password"] }));
    },
  },
  {
    name: "POST /signup",
    kind: "html",
    count: 45,
    homeIfSignedIn: true,
    perturb: true,
    make: (r, _w, i) => {
      const form: F.Form = {
        name: fd(text(120, 2), "Người Thử"),
        email: fd({ kind: "email" }, `fuzz-${SEED}-${i}@example.invalid`),
        phone: fd({ kind: "phone" }, ""),
        password: fd({ kind: "password" }, "mat-khau-thu-1"),
        confirm: fd({ kind: "password" }, "mat-khau-thu-1"),
      };
      const role: Role = i % 5 === 0 ? ROLES[i % ROLES.length] : "nobody";
      if (i % 8 === 3) {
        // Well formed, but the email or phone is taken: answered as a free one (a redirect to log
        // in, so a stranger cannot tell), and no second account.
        return formReq(
          role,
          "/signup",
          {
            payload: {
              name: "Người Trùng",
              email: r.pick(["leader@caunoi.vn", "LEADER@caunoi.vn", ""]),
              phone: "0912000001",
              password: "mat-khau-thu-1",
              confirm: "mat-khau-thu-1",
            },
            mutations: [],
          },
          "taken",
        );
      }
      if (i % 8 === 5) {
        return formReq(
          role,
          "/signup",
          { payload: { name: "Người Thử", email: "", phone: "", password: "mat-khau-thu-1", confirm: "mat-khau-thu-1" }, mutations: [] },
          "neither email nor phone",
        );
      }
      return formReq(role, "/signup", F.badForm(form, r));
    },
  },
  {
    name: "POST /logout",
    kind: "plain",
    count: 16,
    make: (r, _w, i) => ({
      role: ROLES[i % ROLES.length],
      method: "POST",
      path: "/logout",
      form: r.chance(0.5) ? {} : { [r.pick(F.EXTRA_FIELDS)]: F.anyValue(r) },
      // Only broken tokens: a good one would end the session this test reuses.
      csrf: r.pick(["missing", "wrong"] as const),
      headers: r.chance(0.25) ? { Origin: r.pick(["https://evil.example", "null"]) } : undefined,
      note: "bad csrf",
    }),
  },
  {
    name: "POST /locale",
    kind: "plain",
    count: 30,
    perturb: true,
    make: (r, _w, i) =>
      formReq(
        ROLES[i % ROLES.length],
        "/locale",
        F.badForm({ locale: fd(oneOf("vi", "en"), "en", true), redirectTo: fd(ANY, "/") }, r, { mustBreak: ["locale"] }),
      ),
  },
  {
    name: "POST /groups/new",
    kind: "html",
    count: 55,
    perturb: true,
    make: (r, _w, i) => {
      const role = pickRole(r, ALL_SIGNED_IN, i);
      if (i % 9 === 4) {
        const payload = Object.fromEntries(Object.entries(groupForm()).map(([k, d]) => [k, d.valid() as string]));
        return formReq(role, "/groups/new", { payload: { ...payload, projectOwnerId: F.garbageId(r).slice(0, 40) }, mutations: [] }, "unknown project owner");
      }
      return formReq(role, "/groups/new", F.badForm(groupForm(), r, { mustBreak: Object.keys(groupForm()).filter((k) => k !== "projectOwnerId") }));
    },
  },
  {
    name: "POST /orgs/new",
    kind: "html",
    count: 50,
    perturb: true,
    make: (r, _w, i) => {
      const role = pickRole(r, ALL_SIGNED_IN, i);
      const form = { ...orgFields(), kind: fd(oneOf("cooperative", "enterprise", "project_owner"), "enterprise") };
      if (i % 7 === 2) {
        // Well formed, but only a site administrator may create an authority, and not here.
        const payload = Object.fromEntries(Object.entries(form).map(([k, d]) => [k, d.valid() as string]));
        return formReq(role, "/orgs/new", { payload: { ...payload, kind: "authority" }, mutations: [] }, "kind=authority");
      }
      return formReq(role, "/orgs/new", F.badForm(form, r));
    },
  },
  {
    name: "POST /admin",
    kind: "html",
    count: 40,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["admin"], i);
      const which = i % 4;
      if (which === 0) {
        const form: F.Form = {
          ...orgFields(),
          kind: fd(oneOf("authority"), "authority"),
          provinceCode: fd(text(10), "14"),
        };
        return formReq(role, "/admin", F.badForm(form, r, { extra: { intent: "createAuthority" } }), "createAuthority");
      }
      if (which === 1) {
        return formReq(
          role,
          "/admin",
          { payload: { intent: r.pick(["disable", "enable"]), userId: r.chance(0.3) ? w.adminId : F.garbageId(r) }, mutations: [] },
          "disable/enable a garbage id or oneself",
        );
      }
      return formReq(
        role,
        "/admin",
        {
          payload: r.chance(0.2)
            ? { userId: F.garbageId(r) }
            : { intent: r.chance(0.5) ? F.anyValue(r) : r.pick(["DISABLE", "disable ", "createauthority", "__proto__", ""]) },
          mutations: [],
        },
        "unknown intent",
      );
    },
  },
  {
    name: "POST /orgs/:orgId",
    kind: "html",
    count: 70,
    perturb: true,
    make: (r, w, i) => {
      const orgChoice = i % 3 === 0 ? w.projectOrg : i % 7 === 1 ? w.otherBuyerOrg : w.buyerOrg;
      const role = pickRole(r, orgChoice === w.projectOrg ? ["project", "admin"] : ["buyer", "admin", "staff"], i);
      const path = `/orgs/${idOr(r, orgChoice)}`;
      const ownAdmin = orgChoice === w.projectOrg ? "project@caunoi.vn" : orgChoice === w.buyerOrg ? "buyer@caunoi.vn" : "buyer2@caunoi.vn";
      switch (i % 8) {
        case 0:
          return formReq(role, path, F.badForm(orgFields(), r, { extra: { intent: "update" } }), "update");
        case 1: {
          const form: F.Form = {
            login: fd(text(200), ownAdmin),
            role: fd(oneOf(...ORG_ROLES), "buyer_staff"),
            name: fd(optText(120), ""),
            password: fd({ kind: "optPassword" }, ""),
          };
          return formReq(role, path, F.badForm(form, r, { extra: { intent: "addMember" } }), "addMember");
        }
        case 2: {
          const form: F.Form = {
            objectives: fd(optText(2000), "Tăng thu nhập"),
            beneficiarySelection: fd(optText(2000), ""),
            startedOn: fd(OPT_DATE, "2024-01-01"),
            endsOn: fd(OPT_DATE, "2027-12-31"),
          };
          return formReq(role, path, F.badForm(form, r, { extra: { intent: "profile" } }), "profile");
        }
        case 3:
          return formReq(role, path, F.badForm({ name: fd(text(80), "Bảng tính") }, r, { extra: { intent: "createToken" } }), "createToken");
        case 4:
          return formReq(
            role,
            path,
            {
              payload: { intent: "revokeToken", ...(r.chance(0.8) ? { tokenId: r.chance(0.5) ? F.garbageId(r) : [F.garbageId(r), F.garbageId(r)] } : {}) },
              mutations: [],
            },
            "revokeToken garbage",
          );
        case 5:
          return formReq(
            role,
            path,
            {
              payload: {
                intent: "removeMember",
                ...(r.chance(0.85)
                  ? { membershipId: orgChoice === w.buyerOrg && w.buyerAdminMembership && r.chance(0.4) ? w.buyerAdminMembership : F.garbageId(r) }
                  : {}),
              },
              mutations: [],
            },
            "removeMember garbage or last admin",
          );
        default:
          return formReq(
            role,
            path,
            {
              payload: { intent: r.chance(0.7) ? F.anyValue(r) : r.pick(["UPDATE", "profile ", "create_token", "__proto__", "toString"]), name: "Đổi tên" },
              mutations: [],
            },
            "unknown intent",
          );
      }
    },
  },
  {
    name: "POST /groups/:groupId/edit",
    kind: "html",
    count: 45,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "admin"], i);
      const g = i % 6 === 5 ? w.g2 : w.g1;
      return formReq(
        role,
        `/groups/${idOr(r, g)}/edit`,
        F.badForm(groupForm(), r, { mustBreak: Object.keys(groupForm()).filter((k) => k !== "projectOwnerId") }),
      );
    },
  },
  {
    // The group's page picks a split commune's current one; the demo's groups have none to pick.
    name: "POST /groups/:groupId",
    kind: "html",
    count: 24,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "admin"], i);
      const payload = { intent: r.chance(0.8) ? "pickCommune" : F.anyValue(r), communeCode: r.pick([F.anyValue(r), "19441", "", F.garbageId(r)]) };
      return formReq(role, `/groups/${idOr(r, w.g1)}`, { payload, mutations: [] }, "pick a commune where there is none to pick");
    },
  },
  {
    name: "POST /groups/:groupId/households/new",
    kind: "html",
    count: 50,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "admin"], i);
      const path = `/groups/${idOr(r, i % 8 === 7 ? w.g2 : w.g1)}/households/new`;
      if (i % 10 === 3) {
        const payload = Object.fromEntries(Object.entries(householdForm()).map(([k, d]) => [k, d.valid() as string]));
        const semantic = r.pick<F.Payload>([
          { ethnicMinority: "on", ethnicity: "" },
          { members: "2", workers: "3" },
        ]);
        return formReq(role, path, { payload: { ...payload, ...semantic }, mutations: [] }, `cross-field ${JSON.stringify(semantic)}`);
      }
      return formReq(
        role,
        path,
        F.badForm(householdForm(), r, {
          mustBreak: [
            "headName",
            "headSex",
            "povertyStatus",
            "povertyCertifiedOn",
            "members",
            "membersFemale",
            "workers",
            "baselineIncomeVnd",
            "phone",
            "ethnicity",
          ],
        }),
      );
    },
  },
  {
    name: "POST /groups/:groupId/households/:householdId",
    kind: "html",
    count: 40,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "admin"], i);
      const hh = i % 7 === 6 ? w.h2 : w.h1;
      return formReq(
        role,
        `/groups/${idOr(r, w.g1, 0.06)}/households/${idOr(r, hh, 0.08)}`,
        F.badForm(householdEditForm(), r, {
          mustBreak: ["headName", "headSex", "members", "membersFemale", "workers", "baselineIncomeVnd", "phone", "ethnicity"],
        }),
      );
    },
  },
  {
    name: "POST /projects/:projectId/surveys",
    kind: "html",
    count: 30,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["project", "admin"], i);
      const form: F.Form = {
        kind: fd(oneOf("baseline", "midline", "endline", "other"), "endline"),
        name: fd(text(120), "Khảo sát cuối kỳ thử"),
        heldOn: fd(DATE, "2025-03-01"),
      };
      return formReq(role, `/projects/${idOr(r, w.projectOrg)}/surveys`, F.badForm(form, r));
    },
  },
  {
    name: "POST /projects/:projectId/surveys/:roundId/:householdId",
    kind: "html",
    count: 40,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["project", "admin"], i);
      const hh = i % 7 === 6 ? w.h2 : w.h1;
      const path = `/projects/${idOr(r, w.projectOrg, 0.06)}/surveys/${idOr(r, w.round, 0.06)}/${idOr(r, hh, 0.08)}`;
      if (i % 10 === 3) {
        const payload = Object.fromEntries(Object.entries(surveyAnswerForm()).map(([k, d]) => [k, d.valid() as string]));
        const semantic = r.pick<F.Payload>([
          { membersOver60: "1" },
          { participantsMale: "3" },
          { membersFemale: "0", membersMale: "0", membersUnder16: "0", members16to60: "0" },
        ]);
        return formReq(role, path, { payload: { ...payload, ...semantic }, mutations: [] }, `cross-field ${JSON.stringify(semantic)}`);
      }
      return formReq(role, path, F.badForm(surveyAnswerForm(), r));
    },
  },
  {
    name: "POST /groups/:groupId/members",
    kind: "html",
    count: 40,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "admin"], i);
      const path = `/groups/${idOr(r, w.g1)}/members`;
      const form: F.Form = {
        login: fd(text(200), "leader@caunoi.vn"),
        role: fd(oneOf("group_leader", "group_member"), "group_member"),
        householdId: fd(optText(40), w.h1),
        name: fd(optText(120), ""),
        password: fd({ kind: "optPassword" }, ""),
      };
      if (i % 8 === 2)
        return formReq(
          role,
          path,
          {
            payload: {
              login: `fuzz-${i}@example.invalid`,
              role: "group_member",
              householdId: F.garbageId(r).slice(0, 40),
              name: "Người mới",
              password: "mat-khau-thu-1",
            },
            mutations: [],
          },
          "household of nobody",
        );
      return formReq(role, path, F.badForm(form, r, { mustBreak: ["login", "role", "householdId", "name", "password"] }));
    },
  },
  {
    name: "POST /groups/:groupId/rota",
    kind: "html",
    count: 40,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "admin"], i);
      const path = `/groups/${idOr(r, w.g1)}/rota`;
      if (i % 10 === 9)
        return formReq(
          role,
          path,
          { payload: { intent: "remove", rotaId: w.g2Rota && r.chance(0.5) ? w.g2Rota : F.garbageId(r) }, mutations: [] },
          "remove another group's or no rota entry",
        );
      // The household ids always belong to nobody in this group: even a well-formed date is refused.
      const form: F.Form = { on: fd(DATE, w.today), householdIds: fd({ kind: "list", max: 20, itemMax: 40 }, ["zz-not-a-real-id"]) };
      return formReq(role, path, F.badForm(form, r, { extra: r.chance(0.3) ? { intent: F.anyValue(r) } : {} }));
    },
  },
  {
    name: "POST /groups/:groupId/fund",
    kind: "html",
    count: 40,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "admin"], i);
      const path = `/groups/${idOr(r, i % 9 === 8 ? w.g2 : w.g1)}/fund`;
      const form: F.Form = {
        kind: fd(oneOf("contribution", "counterpart", "loan_out", "repayment"), "contribution"),
        householdId: fd(optText(40), ""),
        amountVnd: fd(int(1, 10_000_000_000), "100.000"),
        inKind: fd(optText(120), ""),
        on: fd(DATE, w.today),
        note: fd(optText(300), "Góp quỹ"),
      };
      if (i % 8 === 3)
        return formReq(
          role,
          path,
          { payload: { kind: "repayment", householdId: F.garbageId(r).slice(0, 40), amountVnd: "1000", on: w.today }, mutations: [] },
          "household of nobody",
        );
      return formReq(role, path, F.badForm(form, r));
    },
  },
  {
    name: "POST /groups/:groupId/advances",
    kind: "html",
    count: 45,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff", "project", "admin"], i);
      const path = `/groups/${idOr(r, w.g1)}/advances`;
      const provider = role === "project" ? w.projectOrg : w.buyerOrg;
      const form: F.Form = {
        providerId: fd(ANY, provider),
        householdId: fd(text(40), w.h1),
        contractId: fd(optText(40), ""),
        item: fd(text(120), "Phân bón NPK"),
        quantity: fd(optDec(0, 1_000_000), "50"),
        unit: fd(optText(20), "kg"),
        valueVnd: fd(int(1, 10_000_000_000), "500.000"),
        advancedOn: fd(DATE, w.today),
        recoveryPlan: fd(oneOf("per_invoice_pct", "lump_sum", "none"), "per_invoice_pct"),
        recoveryPct: fd(optDec(0, 100), "10"),
      };
      if (i % 9 === 4) {
        const payload = Object.fromEntries(Object.entries(form).map(([k, d]) => [k, d.valid() as string]));
        const semantic = r.pick<F.Payload>([
          { householdId: w.h2 },
          { householdId: "zz-not-a-real-id" },
          { contractId: "zz-not-a-real-id" },
          { providerId: w.otherBuyerOrg },
        ]);
        return formReq(role, path, { payload: { ...payload, ...semantic }, mutations: [] }, `semantic ${Object.keys(semantic)[0]}`);
      }
      return formReq(role, path, F.badForm(form, r, { mustBreak: Object.keys(form).filter((k) => k !== "providerId") }));
    },
  },
  {
    name: "POST /offers/new",
    kind: "html",
    count: 55,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff"], i);
      const buyerId = i % 10 === 9 ? r.pick([w.otherBuyerOrg, w.projectOrg, F.garbageId(r)]) : w.buyerOrg;
      const form = offerForm(w);
      if (i % 10 === 4) {
        const payload = Object.fromEntries(Object.entries(form).map(([k, d]) => [k, d.valid() as string]));
        const semantic = r.pick<F.Payload>([
          { seasonId: "zz-not-a-real-id" },
          { windowStart: "1999-01-01" },
          { minTonnes: "20", maxTonnes: "10" },
          { windowStart: w.seasonEnd, windowEnd: w.seasonStart },
          { "grade.code": ["A", "a"], "grade.label": ["X", "Y"], "grade.priceVndPerKg": ["1", "2"] },
          { priceMechanism: "floor_plus_market", marketReference: "" },
        ]);
        return formReq(
          role,
          "/offers/new",
          { payload: { ...payload, ...semantic, buyerId }, mutations: [] },
          `semantic ${JSON.stringify(semantic).slice(0, 60)}`,
        );
      }
      return formReq(role, "/offers/new", F.badForm(form, r, { mustBreak: Object.keys(form).filter((k) => !k.startsWith("eligible")), extra: { buyerId } }));
    },
  },
  {
    name: "POST /offers/:offerId/edit",
    kind: "html",
    count: 45,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff", "admin"], i);
      const offer = i % 8 === 7 && w.otherOffer ? w.otherOffer : w.offer;
      const form = offerForm(w);
      return formReq(role, `/offers/${idOr(r, offer)}/edit`, F.badForm(form, r, { mustBreak: Object.keys(form).filter((k) => !k.startsWith("eligible")) }));
    },
  },
  {
    name: "POST /offers/:offerId",
    kind: "html",
    count: 60,
    perturb: true,
    make: (r, w, i) => {
      const path = `/offers/${idOr(r, w.offer)}`;
      // Only moves the offer's status does not allow, so an owner cannot change it by accident.
      const refusedMoves =
        {
          draft: ["pause", "resume", "close"],
          published: ["publish", "resume"],
          paused: ["publish", "pause"],
          closed: ["publish", "pause", "resume", "close"],
        }[w.offerStatus] ?? [];
      switch (i % 6) {
        case 0: {
          const role = pickRole(r, ["buyer", "staff", "admin"], i);
          const owner = role === "buyer" || role === "staff" || role === "admin";
          const intent = owner ? (refusedMoves.length ? r.pick(refusedMoves) : "resume") : r.pick(["publish", "pause", "resume", "close"]);
          return formReq(role, path, { payload: { intent, [r.pick(F.EXTRA_FIELDS)]: F.anyValue(r) }, mutations: [] }, `status move ${intent}`);
        }
        case 1: {
          const role = pickRole(r, ["buyer", "staff", "admin"], i);
          const acceptanceId = w.decidedAcceptance && r.chance(0.4) ? w.decidedAcceptance : F.garbageId(r);
          return formReq(role, path, { payload: { intent: "confirm", acceptanceId, confirm: "on" }, mutations: [] }, "confirm a decided or unknown acceptance");
        }
        case 2: {
          const role = pickRole(r, ["buyer", "staff", "admin"], i);
          const acceptanceId = w.decidedAcceptance && r.chance(0.4) ? w.decidedAcceptance : F.garbageId(r);
          return formReq(role, path, F.badForm({ reason: fd(text(500), "Không phù hợp") }, r, { extra: { intent: "decline", acceptanceId } }), "decline");
        }
        case 3:
        case 4: {
          const role = pickRole(r, ["leader"], i);
          const form: F.Form = {
            areaHa: fd(dec(0.01, 100_000), "2,5"),
            volumeTonnes: fd(dec(0.001, 1_000_000), "1"),
            acceptTerms: fd(oneOf("on"), "on"),
            [`alloc.${w.h1}`]: fd(dec(1e-9, 1_000_000), "1"),
          };
          return formReq(
            role,
            path,
            F.badForm(form, r, { extra: { intent: "accept", groupId: r.chance(0.85) ? w.g1 : r.pick([w.g2, F.garbageId(r)]) } }),
            "accept",
          );
        }
        default:
          return formReq(
            pickRole(r, ["buyer", "leader", "admin"], i),
            path,
            { payload: { intent: r.chance(0.6) ? F.anyValue(r) : r.pick(["", "Publish", "accept ", "confirm\u0000", "toString"]) }, mutations: [] },
            "unknown intent",
          );
      }
    },
  },
  {
    name: "POST /contracts/:contractId",
    kind: "html",
    count: 45,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff", "leader", "admin"], i);
      const mayComplete = role === "buyer" || role === "staff" || role === "admin";
      const kind = i % 5;
      if (i === 1) {
        // An observer ending the contract without a reason: refused for the reason first.
        return {
          ...formReq(
            "authority",
            `/contracts/${w.c1}`,
            { payload: { intent: "move", to: "breached", reason: " " }, mutations: [] },
            "observer: breached without a reason",
          ),
          exact: true,
        };
      }
      if (kind <= 2) {
        // Never a move the role may make: c1 is active, and breached/cancelled need a reason.
        const to = r.pick([
          F.anyValue(r),
          "draft",
          "signed",
          "active",
          "COMPLETED",
          "completed ",
          "breached",
          "cancelled",
          ...(mayComplete ? [] : ["completed"]),
        ]);
        const reason = to === "breached" || to === "cancelled" ? r.pick([...F.BLANK, undefined]) : r.chance(0.5) ? F.anyValue(r) : undefined;
        return formReq(
          role,
          `/contracts/${idOr(r, w.c1)}`,
          { payload: { intent: "move", to, ...(reason === undefined ? {} : { reason }) }, mutations: [] },
          `move to ${JSON.stringify(to).slice(0, 30)}`,
        );
      }
      if (kind === 3) {
        // Renewing: refused for observers and members, or for a contract already renewed.
        const canRenew = role === "buyer" || role === "staff" || role === "leader" || role === "admin";
        const target = canRenew ? (w.renewedContract ?? F.garbageId(r)) : r.chance(0.8) ? w.c1 : F.garbageId(r);
        return formReq(role, `/contracts/${encodeURIComponent(target)}`, { payload: { intent: "renew" }, mutations: [] }, "renew refused");
      }
      return formReq(
        role,
        `/contracts/${idOr(r, w.c1)}`,
        { payload: { intent: r.chance(0.6) ? F.anyValue(r) : r.pick(["", "MOVE", "renew ", "__proto__"]), to: "completed" }, mutations: [] },
        "unknown intent",
      );
    },
  },
  {
    name: "POST /contracts/:contractId/pickups/new",
    kind: "html",
    count: 55,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff", "admin"], i);
      const path = `/contracts/${idOr(r, w.c1)}/pickups/new`;
      const form = pickupForm(w, i);
      if (i % 8 === 3) {
        const payload = Object.fromEntries(Object.entries(form).flatMap(([k, d]) => (d.valid() === undefined ? [] : [[k, d.valid() as string]])));
        const semantic = r.pick<F.Payload>([
          { date: "2999-01-01" },
          { witnesses: "zz-not-a-real-id" },
          { witnesses: w.h2 },
          { "lot.householdId": w.h2 },
          { "lot.grade": "ZZZ" },
          { "lot.grossKg": "1", "lot.tareKg": "2" },
        ]);
        return formReq(role, path, { payload: { ...payload, ...semantic }, mutations: [] }, `semantic ${JSON.stringify(semantic)}`);
      }
      return formReq(role, path, F.badForm(form, r, { mustBreak: PICKUP_BREAKABLE }));
    },
  },
  {
    name: "POST /api/pickups",
    kind: "json",
    count: 50,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff", "admin"], i);
      const contractId = r.chance(0.85) ? w.c1 : r.pick([F.garbageId(r), "", w.renewedContract ?? "x"]);
      const form = pickupForm(w, 1000 + i);
      if (i % 8 === 3) {
        const payload = Object.fromEntries(Object.entries(form).flatMap(([k, d]) => (d.valid() === undefined ? [] : [[k, d.valid() as string]])));
        const semantic = r.pick<F.Payload>([
          { date: "2999-01-01" },
          { witnesses: "zz-not-a-real-id" },
          { "lot.householdId": w.h2 },
          { "lot.grade": "ZZZ" },
          { contractId: F.garbageId(r) },
        ]);
        return formReq(role, "/api/pickups", { payload: { contractId, ...payload, ...semantic }, mutations: [] }, `semantic ${JSON.stringify(semantic)}`);
      }
      return formReq(role, "/api/pickups", F.badForm(form, r, { mustBreak: PICKUP_BREAKABLE, extra: { contractId } }));
    },
  },
  {
    name: "POST /contracts/:contractId/invoices/new",
    kind: "html",
    count: 40,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff", "admin"], i);
      // The pickups are always already invoiced, another contract's, or nobody's.
      const refused = [w.otherPickup, "zz-not-a-real-id", ...(w.invoicedPickup ? [w.invoicedPickup] : [])];
      const form: F.Form = { pickupIds: fd({ kind: "list", max: 200, itemMax: 40 }, () => [r.pick(refused)]), issuedOn: fd(DATE, w.today) };
      if (i === 0)
        return {
          ...formReq("buyer", `/contracts/${w.c1}/invoices/new`, { payload: { pickupIds: "", issuedOn: w.today }, mutations: [] }, "blank pickup id"),
          exact: true,
        };
      if (i % 6 === 2)
        return formReq(
          role,
          `/contracts/${idOr(r, w.c1)}/invoices/new`,
          { payload: { pickupIds: r.sample(refused, 1 + r.int(refused.length)), issuedOn: r.pick([w.today, "2999-12-31"]) }, mutations: [] },
          "refused pickups",
        );
      return formReq(role, `/contracts/${idOr(r, w.c1)}/invoices/new`, F.badForm(form, r));
    },
  },
  {
    name: "POST /invoices/:invoiceId",
    kind: "html",
    count: 45,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["buyer", "staff", "admin"], i);
      const path = `/invoices/${idOr(r, i % 5 === 4 && w.paidInvoice ? w.paidInvoice : w.invoice)}`;
      switch (i % 4) {
        case 0:
        case 1: {
          const form: F.Form = {
            paidOn: fd(DATE, w.today),
            amountVnd: fd(int(1, 100_000_000_000), "1.000"),
            method: fd(oneOf("bank_transfer", "cash"), "cash"),
            reference: fd(optText(120), "UNC 123"),
          };
          if (i % 8 === 1)
            return formReq(
              role,
              path,
              { payload: { intent: "pay", paidOn: r.pick(["2999-01-01", w.today]), amountVnd: "99.999.999.999", method: "cash" }, mutations: [] },
              "future date or overpayment",
            );
          return formReq(role, path, F.badForm(form, r, { extra: { intent: "pay" } }), "pay");
        }
        case 2:
          // A well-formed reason would cancel the invoice: only broken ones.
          return formReq(role, path, F.badForm({ reason: fd(text(500), "Nhập sai") }, r, { extra: { intent: "cancel" } }), "cancel");
        default:
          return formReq(
            role,
            path,
            { payload: { intent: r.chance(0.6) ? F.anyValue(r) : r.pick(["", "PAY", "cancel ", "refund"]) }, mutations: [] },
            "unknown intent",
          );
      }
    },
  },
  {
    name: "POST /pickups/:pickupId",
    kind: "html",
    count: 50,
    perturb: true,
    make: (r, w, i) => {
      const role = pickRole(r, ["leader", "buyer", "staff", "admin", "member"], i);
      const path = `/pickups/${idOr(r, w.p1)}`;
      const lotId = i % 9 === 8 ? r.pick([w.l2, F.garbageId(r), ""]) : w.l1;
      switch (i % 4) {
        case 0:
          return formReq(role, path, F.badForm({ reason: fd(text(500), "Cân sai") }, r, { extra: { intent: "dispute", lotId } }), "dispute");
        case 1: {
          const form: F.Form = {
            explanation: fd(text(500), "Cân lại"),
            grossKg: fd(dec(0.001, 100_000), "10"),
            tareKg: fd(dec(0, 100_000), "1"),
            grade: fd(text(8), w.grade),
          };
          return formReq(
            role,
            path,
            F.badForm(form, r, { extra: { intent: "correct", lotId, ...(r.chance(0.5) ? { disputeId: F.garbageId(r) } : {}) } }),
            "correct",
          );
        }
        case 2:
          return formReq(
            role,
            path,
            F.badForm({ explanation: fd(text(500), "Đúng cân") }, r, {
              extra: { intent: "uphold", lotId, ...(r.chance(0.5) ? { disputeId: F.garbageId(r) } : {}) },
            }),
            "uphold",
          );
        default:
          return formReq(
            role,
            path,
            { payload: { intent: r.chance(0.6) ? F.anyValue(r) : r.pick(["", "DISPUTE", "correct "]), lotId }, mutations: [] },
            "unknown intent",
          );
      }
    },
  },
  {
    name: "POST /inbox",
    kind: "html",
    count: 15,
    perturb: true,
    make: (r, w, i) => {
      // Always at least one id (no id means "mark all read", a legitimate request).
      const ids = [w.otherUsersNotification && r.chance(0.5) ? w.otherUsersNotification : F.garbageId(r), ...(r.chance(0.3) ? [F.anyValue(r)] : [])];
      return formReq(ROLES[i % ROLES.length], "/inbox", { payload: { id: ids }, mutations: [] }, "someone else's or no notification");
    },
  },
  {
    name: "POST /import (web upload)",
    kind: "json",
    count: 40,
    make: (r, w, i) => {
      const role = i === 7 ? "project" : pickRole(r, ["project"], i);
      const { body, note } = i === 7 ? FIVE_MB("bare") : JSON_BODIES(r, w);
      const org = r.chance(0.8) ? `?org=${encodeURIComponent(r.chance(0.85) ? w.projectOrg : F.garbageId(r))}` : "";
      const csrf = r.next();
      return {
        role,
        method: "POST",
        path: `/import/upload${org}`,
        raw: { body, type: r.chance(0.9) ? "application/json" : r.pick(["text/plain", "application/x-www-form-urlencoded"]) },
        headers: { ...(csrf < 0.85 ? { "X-CSRF-Token": "$CSRF" } : csrf < 0.95 ? { "X-CSRF-Token": "garbage" } : {}) },
        note,
      };
    },
  },
  {
    name: "POST /api/v1/import",
    kind: "json",
    count: 55,
    make: (r, w, i) => {
      const { body, note } = i === 5 ? FIVE_MB("bare") : i === 15 ? FIVE_MB("households") : JSON_BODIES(r, w);
      const x = i % 10;
      const headers = x < 7 ? { Authorization: `Bearer ${w.token}` } : x === 7 ? { Authorization: `Bearer ${w.buyerToken}` } : BAD_TOKENS(r);
      return {
        role: ROLES[i % ROLES.length],
        method: i % 17 === 16 ? r.pick(["PUT", "PATCH", "DELETE"]) : "POST",
        path: "/api/v1/import",
        raw: { body, type: r.chance(0.9) ? "application/json" : "text/plain" },
        headers,
        note: `${note} ${Object.keys(headers).length ? "" : "no token"}`,
      };
    },
  },
  {
    name: "GET /api/v1/indicators",
    kind: "json",
    count: 40,
    make: (r, w, i) => {
      const params = new URLSearchParams();
      const x = i % 4;
      // Always broken somewhere: the season, the date or the token.
      const season = x === 0 ? undefined : x === 1 ? F.anyValue(r).slice(0, 300) : "coffee-2025";
      if (season !== undefined) params.set("season", season);
      if (x === 2 || r.chance(0.4))
        params.set("asOf", x === 2 ? r.pick([...F.DATES, "", " ", F.anyValue(r)].filter((d) => d !== "2025-12-31T00:00:00Z")) : w.today);
      for (const k of ["province", "district", "buyer", "projectOwner"]) if (r.chance(0.3)) params.set(k, F.anyValue(r).slice(0, 2000));
      const headers = x === 3 ? BAD_TOKENS(r) : i % 7 === 0 ? { Authorization: `Bearer ${w.buyerToken}` } : { Authorization: `Bearer ${w.token}` };
      const method = i % 13 === 12 ? r.pick(["POST", "PUT", "DELETE"]) : "GET";
      return { role: ROLES[i % ROLES.length], method, path: `/api/v1/indicators?${params}`, headers, note: `${x === 3 ? "bad token" : "bad query"} ${method}` };
    },
  },
  {
    name: "GET /api/v1/export",
    kind: "json",
    count: 20,
    make: (r, w, i) =>
      i % 2 === 0
        ? {
            role: ROLES[i % ROLES.length],
            method: "GET",
            path: `/api/v1/export${r.chance(0.3) ? `?org=${encodeURIComponent(F.anyValue(r).slice(0, 200))}` : ""}`,
            headers: i % 6 === 0 ? { Authorization: `Bearer ${w.buyerToken}` } : BAD_TOKENS(r),
            note: "bad token",
          }
        : {
            role: ROLES[i % ROLES.length],
            method: r.pick(["POST", "PUT", "PATCH", "DELETE"]),
            path: "/api/v1/export",
            headers: { Authorization: `Bearer ${w.token}` },
            raw: { body: "{}", type: "application/json" },
            note: "wrong method",
          },
  },
  {
    name: "POST to pages without an action",
    kind: "html",
    count: 32,
    perturb: true,
    make: (r, w, i) => {
      const paths = [
        "/dashboard",
        "/reports",
        `/contracts/${w.c1}/verify`,
        `/groups/${w.g1}/passbook/${w.h1}`,
        "/",
        "/offers",
        "/contracts",
        "/invoices",
        "/groups",
        // resource routes (a loader and no page)
        "/passbook",
        `/contracts/${w.c1}/pdf`,
        `/invoices/${w.invoice}/pdf`,
        "/reports.csv",
        "/dashboard.csv?table=cards",
        "/healthz",
      ];
      return formReq(
        ROLES[i % ROLES.length],
        paths[i % paths.length],
        { payload: { intent: F.anyValue(r), [r.pick(F.EXTRA_FIELDS)]: F.anyValue(r) }, mutations: [] },
        "no action here",
      );
    },
  },
  {
    name: "GET pages and reports with bad query strings",
    kind: "get",
    count: 60,
    make: (r, w, i) => {
      // Kept under Node's 16 KB header limit (beyond it Node answers 431 before the app runs).
      const v = () => F.anyValue(r).slice(0, 600);
      const targets: [string, string[]][] = [
        ["/offers", ["minPrice", "productId", "seasonId", "province", "district", "open"]],
        ["/contracts", ["seasonId", "status"]],
        ["/invoices", ["status"]],
        ["/dashboard", ["org", "province", "district", "product", "season"]],
        ["/dashboard.csv", ["table", "org", "province", "season"]],
        ["/reports", ["org", "season"]],
        ["/reports.csv", ["org", "season"]],
        [`/offers/${w.offer}`, ["group"]],
        ["/login", ["redirectTo"]],
        ["/groups", ["q", "province"]],
      ];
      const [path, keys] = targets[i % targets.length];
      const params = new URLSearchParams();
      for (const k of keys) if (r.chance(0.7)) params.append(k, v());
      if (path === "/offers") {
        params.set("minPrice", ["9".repeat(400), "1e309", "-1", "١٢٣", "99999999999999999999", "2147483648"][Math.floor(i / targets.length) % 6]);
        params.set("page", ["9".repeat(400), "1e309", "-1", "١٢٣", "0x10", " 2 "][Math.floor(i / targets.length) % 6]);
      }
      if (path === "/dashboard.csv" && r.chance(0.5)) params.set("table", r.pick(["cards", "areas"]));
      const role = path === "/offers" ? ALL_SIGNED_IN[Math.floor(i / targets.length) % ALL_SIGNED_IN.length] : ROLES[(i * 3) % ROLES.length];
      return { role, method: "GET", path: `${path}?${params}`, note: "query" };
    },
  },
];

/** CSRF, Origin, content type and method damage applied on top of a form payload. */
function perturb(req: Req, r: F.Rng): Req {
  const x = r.next();
  if (x < 0.05) return { ...req, csrf: "missing", note: `${req.note} [csrf missing]` };
  if (x < 0.08) return { ...req, csrf: "wrong", note: `${req.note} [csrf wrong]` };
  if (x < 0.1) return { ...req, csrf: "double", note: `${req.note} [csrf repeated]` };
  if (x < 0.12)
    return {
      ...req,
      headers: { ...req.headers, Origin: r.pick(["https://evil.example", "null", "http://127.0.0.1.evil.example"]) },
      note: `${req.note} [cross-site]`,
    };
  if (x < 0.15)
    return {
      ...req,
      headers: {
        ...req.headers,
        "Content-Type": r.pick(["application/json", "text/plain", "multipart/form-data; boundary=zz", "application/x-www-form-urlencoded; charset=utf-16"]),
      },
      note: `${req.note} [content-type]`,
    };
  if (x < 0.17) return { ...req, method: r.pick(["PUT", "PATCH", "DELETE"]), note: `${req.note} [method]` };
  return req;
}

// ───────────────────────── sending and judging ─────────────────────────

type Outcome = { status: number; type: string; location: string | null; text: string; error?: string; ms?: number };
type Finding = { door: string; role: Role; method: string; path: string; status: number; note: string; payload: string; answer: string };

let server: AppServer;
let world: World;
const clients = {} as Record<Role, Client>;

function cookieHeader(c: Client): string {
  return [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

/**
 * One request on its own connection (node:http, no keep-alive pool). A pooled connection would
 * let one case spoil the next: see "keeps the connection usable…" below.
 */
function request(url: string, opts: { method: string; headers: Record<string, string>; body?: string; agent?: http.Agent }): Promise<Outcome> {
  return new Promise((resolve) => {
    const body = opts.body === undefined ? undefined : Buffer.from(opts.body, "utf8");
    const req = http.request(
      url,
      { method: opts.method, headers: { ...opts.headers, ...(body ? { "Content-Length": String(body.length) } : {}) }, agent: opts.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const location = res.headers.location;
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? ""),
            location: typeof location === "string" ? location : null,
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", (e) => resolve({ status: 0, type: "", location: null, text: "", error: String(e) }));
      },
    );
    req.setTimeout(REQUEST_HANG_MS, () => req.destroy(new Error(`no answer for ${REQUEST_HANG_MS} ms`)));
    req.on("error", (e) => resolve({ status: 0, type: "", location: null, text: "", error: String(e) }));
    req.end(body);
  });
}

async function send(req: Req): Promise<Outcome> {
  const client = clients[req.role];
  const headers: Record<string, string> = { Cookie: cookieHeader(client) };
  let body: string | undefined;
  if (req.form) {
    const token = client.csrf!;
    const csrf =
      req.csrf === "missing" ? null : req.csrf === "wrong" ? (token.slice(1) + "A").replace(/^./, "B") : req.csrf === "double" ? [token, "garbage"] : token;
    body = F.formBody(req.form, csrf).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (req.raw) {
    body = req.raw.body;
    headers["Content-Type"] = req.raw.type;
  }
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k] = v === "$CSRF" ? client.csrf! : v;
  const started = Date.now();
  const o = await request(server.url + req.path, { method: req.method, headers, body });
  return { ...o, ms: Date.now() - started };
}

const MESSAGE_IN_HTML = /role="alert"|class="[^"]*\b(field-error|alert-error|error-panel)\b/;

function hasJsonError(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (!body || typeof body !== "object") return false;
    const e = body.error as { message?: unknown } | undefined;
    if (e && typeof e === "object" && typeof e.message === "string" && e.message) return true;
    if (body.errors && typeof body.errors === "object" && Object.keys(body.errors).length) return true;
    return Array.isArray(body.problems) && body.problems.length > 0; // /import answers {ok:false, problems}
  } catch {
    return false;
  }
}

/** The server's own cross-site refusal (server.js), plain text, before Remix sees the request. */
const crossSiteRefusal = (o: Outcome) => o.status === 403 && o.type.startsWith("text/plain") && /Cross-site request refused/.test(o.text);

type Verdict = "ok" | "refused-login" | "accepted" | "5xx" | "no-message" | "not-json";

function judge(door: Door, req: Req, o: Outcome): Verdict {
  if (o.status === 0 || o.status >= 500) return "5xx";
  if (o.status >= 300 && o.status < 400 && door.homeIfSignedIn && req.role !== "nobody" && o.location === "/") return "ok";
  if (o.status >= 300 && o.status < 400)
    return req.role === "nobody" && /^\/login\?redirectTo=/.test(o.location ?? "") ? "refused-login" : door.kind === "get" ? "ok" : "accepted";
  if (o.status < 300) return door.kind === "get" ? "ok" : "accepted";
  if (crossSiteRefusal(o)) return "ok";
  if (door.kind === "json") return hasJsonError(o.text) ? "ok" : "not-json";
  // server.js answers some refusals itself in plain text (rate limits): a sentence is a message.
  if (o.type.startsWith("text/plain") && o.text.trim().length > 0) return "ok";
  if (o.type.includes("text/html")) return MESSAGE_IN_HTML.test(o.text) ? "ok" : "no-message";
  if (door.kind === "plain" || door.kind === "get") return o.text.trim().length > 0 ? "ok" : "no-message";
  if (o.type.includes("application/json")) return hasJsonError(o.text) ? "ok" : "no-message";
  return "no-message";
}

// ───────────────────────── "no row written" ─────────────────────────

// Moved by refused requests on purpose: failed logins, the audit log, sessions.
const MOVING_TABLES = new Set(["LoginFailure", "AuditLog", "Session"]);
// Moved by reads on purpose: an API token records its last use.
const MOVING_COLUMNS: Record<string, string[]> = { ApiToken: ["lastUsedAt"] };

type Snapshot = Map<string, { rows: number; hash: string }>;

function snapshot(): Snapshot {
  const raw = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
    ).map((t) => t.name);
    const out: Snapshot = new Map();
    for (const t of tables) {
      if (MOVING_TABLES.has(t)) continue;
      const rows = raw.prepare(`SELECT * FROM "${t}" ORDER BY ${storageOrder(raw, t)}`).all() as Record<string, unknown>[];
      const skip = MOVING_COLUMNS[t] ?? [];
      const h = crypto.createHash("sha256");
      for (const row of rows) {
        for (const c of skip) delete row[c];
        h.update(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
      }
      out.set(t, { rows: rows.length, hash: h.digest("hex") });
    }
    return out;
  } finally {
    raw.close();
  }
}

function diff(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [t, a] of after) {
    const b = before.get(t);
    if (!b) out.push(`${t}: new table`);
    else if (a.rows !== b.rows) out.push(`${t}: ${b.rows} → ${a.rows} rows`);
    else if (a.hash !== b.hash) out.push(`${t}: rows changed (same count)`);
  }
  return out;
}

// ───────────────────────── the run ─────────────────────────

type DoorResult = {
  slowest: { ms: number; what: string }[];
  sent: number;
  histogram: Map<number, number>;
  verdicts: Map<Verdict, number>;
  findings: Record<Exclude<Verdict, "ok" | "refused-login">, Finding[]>;
  writes: string[];
  roles: Set<Role>;
  ms: number;
};
const results = new Map<string, DoorResult>();
/** Requests with a body over 1 MB: how big and how slow their answers were. */
const bigAnswers: { door: string; note: string; status: number; inBytes: number; outBytes: number; ms: number }[] = [];
let firstSnapshot: Snapshot;
let lastSnapshot: Snapshot;
let runMs = 0;

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function loadWorld(): Promise<World> {
  const org = (ref: string) => db.organisation.findUniqueOrThrow({ where: { ref }, select: { id: true } });
  const group = (ref: string) => db.farmerGroup.findUniqueOrThrow({ where: { ref }, select: { id: true } });
  const [buyerOrg, otherBuyerOrg, projectOrg, g1, g2] = await Promise.all([
    org("htx-khe-sanh"),
    org("cty-rau-moc-chau"),
    org("hlhpn-sinh-ke"),
    group("tg-huong-phung-1"),
    group("tg-tan-xuan-rau"),
  ]);
  const admin = await db.user.findFirstOrThrow({ where: { isSiteAdmin: true }, select: { id: true } });
  const h1 = await db.household.findFirstOrThrow({ where: { groupId: g1.id }, orderBy: { ref: "asc" }, select: { id: true } });
  const h2 = await db.household.findFirstOrThrow({ where: { groupId: g2.id }, select: { id: true } });
  const c1 = await db.contract.findFirstOrThrow({ where: { groupId: g1.id, status: "active", season: { ref: "coffee-2026" } }, include: { grades: true } });
  const renewed = await db.contract.findFirst({ where: { renewedBy: { some: { status: { not: "cancelled" } } } }, select: { id: true } });
  const p1 = await db.pickup.findFirstOrThrow({ where: { contractId: c1.id, lots: { some: {} } }, include: { lots: { select: { id: true } } } });
  const l2 = await db.lot.findFirstOrThrow({ where: { pickupId: { not: p1.id } }, select: { id: true } });
  const invoiced = await db.pickup.findFirst({
    where: { contractId: c1.id, invoices: { some: { invoice: { status: { not: "cancelled" } } } } },
    select: { id: true },
  });
  const otherPickup = await db.pickup.findFirstOrThrow({ where: { contractId: { not: c1.id } }, select: { id: true } });
  // The demo's invoices all have payments; one with money still due shows the payment form.
  const invoices = await db.invoice.findMany({
    where: { buyerId: buyerOrg.id, kind: "invoice", status: "issued" },
    select: { id: true, totalVnd: true, payments: { select: { amountVnd: true } }, notes: { where: { status: "issued" }, select: { totalVnd: true } } },
  });
  const due = (x: (typeof invoices)[number]) => x.totalVnd + x.notes.reduce((s, n) => s + n.totalVnd, 0) - x.payments.reduce((s, p) => s + p.amountVnd, 0);
  const invoice = invoices.find((x) => due(x) > 0) ?? invoices[0];
  const paidInvoice = invoices.find((x) => due(x) <= 0) ?? null;
  const offer =
    (await db.purchaseOffer.findFirst({ where: { buyerId: buyerOrg.id, status: "published" }, include: { season: true } })) ??
    (await db.purchaseOffer.findFirstOrThrow({ where: { buyerId: buyerOrg.id }, include: { season: true } }));
  const otherOffer = await db.purchaseOffer.findFirst({ where: { buyerId: { not: buyerOrg.id }, status: { not: "draft" } }, select: { id: true } });
  const decided = await db.offerAcceptance.findFirst({ where: { offerId: offer.id, status: { not: "pending" } }, select: { id: true } });
  const leader = await db.user.findUniqueOrThrow({ where: { email: LOGINS.leader }, select: { id: true } });
  const notification = await db.notification.findFirst({ where: { userId: leader.id }, select: { id: true } });
  const rota = await db.witnessRota.findFirst({ where: { groupId: g2.id }, select: { id: true } });
  const buyerAdmins = await db.membership.findMany({ where: { organisationId: buyerOrg.id, role: "buyer_admin" }, select: { id: true } });
  const token = (await createToken(projectOrg.id, "fuzz", admin.id)).token;
  const buyerToken = (await createToken(buyerOrg.id, "fuzz-buyer", admin.id)).token;
  return {
    today: todayInVietnam(),
    adminId: admin.id,
    buyerOrg: buyerOrg.id,
    otherBuyerOrg: otherBuyerOrg.id,
    projectOrg: projectOrg.id,
    buyerAdminMembership: buyerAdmins.length === 1 ? buyerAdmins[0].id : null,
    g1: g1.id,
    g2: g2.id,
    h1: h1.id,
    h2: h2.id,
    round: (await db.surveyRound.findFirstOrThrow({ where: { projectOwnerId: projectOrg.id, kind: "baseline" }, select: { id: true } })).id,
    c1: c1.id,
    renewedContract: renewed?.id ?? null,
    grade: c1.grades[0].code,
    p1: p1.id,
    l1: p1.lots[0].id,
    l2: l2.id,
    invoicedPickup: invoiced?.id ?? null,
    otherPickup: otherPickup.id,
    invoice: invoice.id,
    paidInvoice: paidInvoice?.id ?? null,
    offer: offer.id,
    offerStatus: offer.status,
    otherOffer: otherOffer?.id ?? null,
    seasonId: offer.seasonId,
    seasonStart: offer.season.start,
    seasonEnd: offer.season.end,
    decidedAcceptance: decided?.id ?? null,
    otherUsersNotification: notification?.id ?? null,
    g2Rota: rota?.id ?? null,
    token,
    buyerToken,
    bundle: null,
  };
}

async function runDoor(door: Door, seed: number) {
  const r = F.rng(seed);
  const reqs: Req[] = [];
  for (let i = 0; i < door.count; i++) {
    const req = door.make(r, world, i);
    reqs.push(door.perturb && req.form && !req.exact ? perturb(req, r) : req);
  }
  const res: DoorResult = {
    sent: 0,
    histogram: new Map(),
    verdicts: new Map(),
    findings: { accepted: [], "5xx": [], "no-message": [], "not-json": [] },
    writes: [],
    roles: new Set(),
    ms: 0,
    slowest: [],
  };
  const started = Date.now();
  const before = snapshot();
  await pool(reqs, CONCURRENCY, async (req) => {
    const o = await send(req);
    const v = judge(door, req, o);
    res.sent++;
    res.roles.add(req.role);
    const inBytes = req.raw?.body.length ?? 0;
    if (inBytes > 1024 * 1024) bigAnswers.push({ door: door.name, note: req.note, status: o.status, inBytes, outBytes: o.text.length, ms: o.ms ?? 0 });
    res.slowest.push({
      ms: o.ms ?? 0,
      what: `${door.name}: ${req.role} ${req.method} ${req.path.slice(0, 80)} (${req.note.slice(0, 40)}, ${((req.raw?.body.length ?? 0) / 1024).toFixed(0)} KB in) → ${o.status}, ${(o.text.length / 1024).toFixed(0)} KB out`,
    });
    res.slowest = res.slowest.sort((a, b) => b.ms - a.ms).slice(0, 3);
    res.histogram.set(o.status, (res.histogram.get(o.status) ?? 0) + 1);
    res.verdicts.set(v, (res.verdicts.get(v) ?? 0) + 1);
    if (v !== "ok" && v !== "refused-login") {
      res.findings[v].push({
        door: door.name,
        role: req.role,
        method: req.method,
        path: req.path.length > 160 ? `${req.path.slice(0, 160)}…` : req.path,
        status: o.status,
        note: req.note,
        payload: F.summarise(req.form ?? req.raw?.body ?? null),
        answer: o.error ?? `${o.type} ${o.location ?? ""} ${o.text.replace(/\s+/g, " ").slice(0, 200)}`,
      });
    }
  });
  res.writes = diff(before, snapshot());
  res.ms = Date.now() - started;
  results.set(door.name, res);
}

beforeAll(async () => {
  await loadDemoProgramme();
  world = await loadWorld();
  // server.js limits logins and API calls per address; this run is one address sending on purpose.
  server = await startServer({ LOGIN_RATE_LIMIT_PER_IP: "10000", API_RATE_LIMIT: "10000" });
  for (const role of ROLES) {
    const c = new Client(server.url);
    if (role === "nobody") await c.ensureCsrf();
    else await c.login(LOGINS[role], DEMO_PASSWORD);
    clients[role] = c;
  }
  const exported = await fetch(`${server.url}/api/v1/export`, { headers: { Authorization: `Bearer ${world.token}` } });
  world.bundle = (await exported.json()) as Record<string, unknown>;

  // Snapshot after logging in and exporting: their sessions and audit rows are not the fuzz's.
  const started = Date.now();
  firstSnapshot = snapshot();
  for (const [n, door] of DOORS.entries()) await runDoor(door, SEED + n * 7919);
  lastSnapshot = snapshot();
  runMs = Date.now() - started;

  // The report: requests per door, and the status codes they were answered with.
  const rows = DOORS.map((d) => {
    const x = results.get(d.name)!;
    const hist = [...x.histogram]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(" ");
    const bad = (["5xx", "no-message", "not-json", "accepted"] as const)
      .map((k) => (x.findings[k].length ? `${k}:${x.findings[k].length}` : ""))
      .filter(Boolean)
      .join(" ");
    return `${d.name.padEnd(50)} ${String(x.sent).padStart(4)}  ${(x.ms / 1000).toFixed(1).padStart(5)}s  ${hist}${bad ? `  ⚠ ${bad}` : ""}${x.writes.length ? `  ✎ ${x.writes.join("; ")}` : ""}`;
  });
  const total = new Map<number, number>();
  for (const x of results.values()) for (const [s, n] of x.histogram) total.set(s, (total.get(s) ?? 0) + n);
  const sent = [...results.values()].reduce((s, x) => s + x.sent, 0);
  console.log(
    [
      `bad-input: ${sent} requests to ${DOORS.length} doors in ${(runMs / 1000).toFixed(1)} s (seed ${SEED})`,
      ...rows,
      `slowest: ${[...results.values()]
        .flatMap((x) => x.slowest)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((x) => `\n  ${(x.ms / 1000).toFixed(1)} s ${x.what}`)
        .join("")}`,
      `status codes: ${[...total]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
    ].join("\n"),
  );
  const all = [...results.values()].flatMap((x) => [...x.findings["5xx"], ...x.findings["no-message"], ...x.findings["not-json"], ...x.findings.accepted]);
  if (process.env.FUZZ_REPORT) (await import("node:fs")).writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(all, null, 1));
  if (all.length)
    console.log(
      `findings (first 60 of ${all.length}):\n${all
        .slice(0, 60)
        .map((f) => `  [${f.door}] ${f.role} ${f.method} ${f.path} → ${f.status} (${f.note}) payload=${f.payload}\n      answer: ${f.answer}`)
        .join("\n")}`,
    );
});

afterAll(async () => {
  await server?.stop();
  await disconnect();
});

// ───────────────────────── assertions ─────────────────────────

// Clearly identified app bugs, by door and property; each marks exactly one test `it.fails`.
// None open: the ten this test found (a 500 on a huge price filter, an unbounded problem list,
// unread bodies on keep-alive connections, the import page's HTML answers, resource routes'
// 405s, and 4xx pages without a visible message) were fixed.
const KNOWN_BUGS: Record<string, string> = {};

const findingList = (xs: Finding[]) => xs.slice(0, 8).map((f) => `${f.role} ${f.method} ${f.path} → ${f.status} (${f.note}) ${f.payload} :: ${f.answer}`);

describe("bad input at every door", () => {
  it("sends at least 1,000 generated cases to every door, as every role and as nobody", () => {
    const sent = [...results.values()].reduce((s, x) => s + x.sent, 0);
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(results.size).toBe(DOORS.length);
    const roles = new Set([...results.values()].flatMap((x) => [...x.roles]));
    expect([...roles].sort()).toEqual([...ROLES].sort());
  });

  it("is mostly invalid input: few requests are accepted (2xx/3xx other than the login redirect)", () => {
    const sent = [...results.values()].reduce((s, x) => s + x.sent, 0);
    const accepted = [...results.values()].reduce((s, x) => s + x.findings.accepted.length, 0);
    expect(accepted / sent).toBeLessThan(0.05);
  });

  for (const door of DOORS) {
    describe(door.name, () => {
      const test = (property: string) => (KNOWN_BUGS[`${door.name} :: ${property}`] ? it.fails : it);
      test("no 5xx")("answers without a 5xx or a dropped connection", () => {
        expect(findingList(results.get(door.name)!.findings["5xx"])).toEqual([]);
      });
      test("message")(door.kind === "json" ? "answers every refusal with a JSON error" : "answers every refusal with a message", () => {
        const x = results.get(door.name)!;
        expect(findingList([...x.findings["no-message"], ...x.findings["not-json"]])).toEqual([]);
      });
      test("no write")("writes and changes no row", () => {
        expect(results.get(door.name)!.writes).toEqual([]);
      });
    });
  }

  const known = (key: string) => (KNOWN_BUGS[key] ? it.fails : it);

  known("POST /api/v1/import :: bounded answer")("answers a 5 MB bundle of 1.3 million bad records with a bounded problem list", () => {
    const big = bigAnswers.filter((b) => b.door === "POST /api/v1/import" && b.note.includes("5 MB households"));
    expect(big).toHaveLength(1);
    expect(big[0].status).toBe(422);
    // Every problem is listed: ~114 MB of JSON and ~15 s of a blocked server for 5 MB; a 14 MB
    // upload (the cap is 50 MB) runs out of string length and ends in a 500 after ~100 s.
    expect(big[0].outBytes).toBeLessThan(5 * 1024 * 1024);
  });

  known("keep-alive :: unread body")("keeps a keep-alive connection usable after refusing a large body it never read", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const admin = clients.admin;
      const refused = await request(`${server.url}/orgs/zz-not-a-real-id`, {
        method: "POST",
        headers: { Cookie: cookieHeader(admin), "Content-Type": "application/x-www-form-urlencoded" },
        body: `csrf=${admin.csrf}&name=${"x".repeat(300 * 1024)}`,
        agent,
      });
      expect(refused.status).toBe(404);
      // The next request on the same connection: it stalls ~6 s and is reset when the bug is there.
      const next = await request(`${server.url}/healthz`, { method: "GET", headers: {}, agent });
      expect(next.error ?? "").toBe("");
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  const anyKnownWrite = DOORS.some((d) => KNOWN_BUGS[`${d.name} :: no write`]);
  (anyKnownWrite ? it.fails : it)("leaves every table as it was, from the first request to the last", () => {
    expect(diff(firstSnapshot, lastSnapshot)).toEqual([]);
  });

  it("leaves the demo's hash chains intact", async () => {
    const reports = await verifyAll();
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((x) => !x.report.intact)).toEqual([]);
  });

  it("still serves the login page and still logs people in", async () => {
    const c = new Client(server.url);
    const page = await c.get("/login");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
    await c.login(LOGINS.leader, DEMO_PASSWORD);
    const home = await c.get("/groups");
    expect(home.status).toBe(200);
    // The sessions used for the run are still alive: nothing logged them out.
    for (const role of ROLES.filter((x) => x !== "nobody")) expect((await clients[role].get("/inbox")).status, role).toBe(200);
  });

  it("does not show an error element on a page that has no error (so the check above means something)", async () => {
    const res = await clients.leader.get(`/groups/${world.g1}/households/new`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toMatch(MESSAGE_IN_HTML);
  });
});
