// The import door, tried as an attacker would over real HTTP on the demo programme: a stranger's
// new project, the demo project's administrator (web) and its API token each try every shape of
// record the bundle carries that they could not create or change in the app. Each is refused
// with its JSON path and nothing is written; what they may do still works
// (docs/decisions/0010-import-rights.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";
import { domainDump } from "../support/trust-fixtures";

const file = tempDatabase("trust-import");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { db, write, disconnect } = await import("~/utils/db.server");
const { hashPassword } = await import("~/utils/password.server");
const { issueInvoice } = await import("~/domain/invoices.server");
const { todayInVietnam } = await import("~/utils/dates");

type Json = Record<string, unknown>;
type Problem = { path: string; reason: string; code?: string };
type Answer = { status: number; problems: Problem[]; body: Json };

let server: AppServer;
let as: (login: string) => Promise<Client>;
let project: { id: string; ref: string };
let token: string;
let strangerOrg: { id: string; ref: string };
let stranger: Client;
/** The demo project's own programme, as its token exports it. */
let own: Json & { contracts: Json[]; pickups: Json[]; invoices: Json[]; payments: Json[]; farmerGroups: Json[]; households: Json[]; organisations: Json[] };

const STRONG = "Quả-cà-phê-chín-đỏ-2026";
const bundle = (parts: Json): Json => ({ format: "linkage-bundle/1", ...parts });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

async function csrfOf(c: Client): Promise<string> {
  const html = await (await c.get("/import")).text();
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF token on /import");
  return m[1];
}

/** The web import, exactly as the import page sends it. */
async function webImport(c: Client, org: string, body: Json): Promise<Answer> {
  const res = await c.request(`/import/upload?org=${encodeURIComponent(org)}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-CSRF-Token": await csrfOf(c) },
  });
  const json = (await res.json()) as Json;
  return { status: res.status, problems: (json.problems ?? (json.error as Json | undefined)?.problems ?? []) as Problem[], body: json };
}

async function apiImport(body: Json, bearer = token): Promise<Answer> {
  const res = await fetch(`${server.url}/api/v1/import`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
  });
  const json = (await res.json()) as Json;
  return { status: res.status, problems: ((json.error as Json | undefined)?.problems ?? []) as Problem[], body: json };
}

/** The demo project's two doors: its administrator on the web, and its API token. */
const DOORS = {
  web: async (b: Json) => webImport(await as("project@caunoi.vn"), project.id, b),
  token: (b: Json) => apiImport(b),
};

/** Refused whole: 422, a problem at `path` with `code`, and not one domain row changed. */
async function refused(send: () => Promise<Answer>, expected: [path: string, code: string][]) {
  const before = domainDump(file);
  const a = await send();
  expect(a.status, JSON.stringify(a.body)).toBe(422);
  for (const [path, code] of expected) {
    expect(
      a.problems.some((p) => p.path === path && p.code === `bundle.problem.${code}`),
      `${path} ${code} in ${JSON.stringify(a.problems)}`,
    ).toBe(true);
    expect(a.problems.every((p) => p.reason.length > 0)).toBe(true);
  }
  expect(domainDump(file)).toEqual(before);
  return a;
}

beforeAll(async () => {
  await loadDemoProgramme();
  project = await db.organisation.findUniqueOrThrow({ where: { ref: "hlhpn-sinh-ke" }, select: { id: true, ref: true } });
  const admin = await db.user.findFirstOrThrow({ where: { email: "project@caunoi.vn" } });
  token = (await createToken(project.id, "trust", admin.id)).token;
  server = await startServer();
  as = sessionPool(() => server, DEMO_PASSWORD);
  own = (await (await fetch(`${server.url}/api/v1/export`, { headers: { Authorization: `Bearer ${token}` } })).json()) as typeof own;
  expect(own.contracts.length).toBeGreaterThan(0);

  // A stranger signs up and creates an organisation of kind project owner, as anyone may.
  stranger = new Client(server.url);
  const signup = await stranger.post("/signup", { name: "Người lạ", email: "stranger@example.com", phone: "", password: STRONG, confirm: STRONG });
  expect([302, 303]).toContain(signup.status);
  await stranger.login("stranger@example.com", STRONG);
  const created = await stranger.post("/orgs/new", {
    name: "Dự án của người lạ",
    kind: "project_owner",
    province: "",
    district: "",
    commune: "",
    phone: "",
    lat: "",
    lng: "",
  });
  expect([302, 303]).toContain(created.status);
  strangerOrg = await db.organisation.findFirstOrThrow({ where: { name: "Dự án của người lạ" }, select: { id: true, ref: true } });
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

/** An organisation as the demo project's export writes it. */
function ownOrg(ref: string): Json {
  const o = own.organisations.find((x) => x.ref === ref);
  expect(o, `${ref} in the project's export`).toBeDefined();
  return clone(o!);
}

/** A contract of the demo project's groups with a buyer that has its own people, in `status`. */
function ownContract(status: string): Json {
  const c = own.contracts.find((x) => x.status === status);
  expect(c, `a ${status} contract in the project's export`).toBeDefined();
  return c!;
}

describe("a stranger's new project", () => {
  const send = (b: Json) => webImport(stranger, strangerOrg.id, b);

  it("cannot make itself an authority (and so reads nothing more in the province)", async () => {
    await refused(
      () => send(bundle({ organisations: [{ ref: strangerOrg.ref, kind: "authority", name: "Dự án của người lạ", province: "Quảng Trị" }] })),
      [[`$.organisations[0].kind`, "orgKindArea"]],
    );
    expect((await db.organisation.findUniqueOrThrow({ where: { id: strangerOrg.id } })).kind).toBe("project_owner");
    const quangTri = await db.contract.findFirstOrThrow({ where: { group: { province: "Quảng Trị" } } });
    expect((await stranger.get(`/contracts/${quangTri.id}`)).status).toBe(404);
  });

  it("cannot create an authority, nor move an authority or a buyer", async () => {
    const ubnd = await db.organisation.findUniqueOrThrow({ where: { ref: "ubnd-huong-hoa" } });
    const a = await refused(
      () =>
        send(
          bundle({
            organisations: [
              { ref: "ubnd-moi", kind: "authority", name: "UBND tỉnh mới", province: "Sơn La" },
              // The former district's authority, moved to another former district by its names.
              { ref: ubnd.ref, kind: "authority", name: ubnd.name, province: "Sơn La", district: "Vân Hồ", lat: ubnd.lat, lng: ubnd.lng },
              // The buyer exactly as exported, but somewhere else on the map.
              { ...ownOrg("htx-khe-sanh"), lat: 10.5, lng: 105.1 },
            ],
          }),
        ),
      [
        ["$.organisations[0].kind", "authorityByAdmin"],
        ["$.organisations[1].province", "orgKindArea"],
        ["$.organisations[2].lat", "orgKindArea"],
      ],
    );
    expect(a.problems).toHaveLength(3);
  });

  it("cannot rename a buyer, a shared product or cut a shared season", async () => {
    const buyer = await db.organisation.findUniqueOrThrow({ where: { ref: "htx-khe-sanh" } });
    const season = await db.season.findFirstOrThrow({ include: { product: true } });
    const a = await refused(
      () =>
        send(
          bundle({
            organisations: [
              // As exported (codes, current and former names): only the name differs.
              { ...ownOrg(buyer.ref), name: "Bị đổi tên" },
            ],
            products: [{ ref: season.product.ref, name: "Bị đổi tên", unit: season.product.unit }],
            seasons: [
              { ref: season.ref, productRef: season.product.ref, name: season.name, start: season.start, end: season.start },
              { ref: "mua-moi", productRef: season.product.ref, name: "Vụ mới", start: "2030-01-01", end: "2030-06-30" },
            ],
          }),
        ),
      [
        ["$.organisations[0].name", "orgNotYours"],
        ["$.products[0].name", "referenceData"],
        ["$.seasons[0].end", "referenceData"],
        ["$.seasons[1].ref", "referenceData"],
      ],
    );
    expect(a.problems).toHaveLength(4); // the place as exported is no change
  });

  it("cannot reach another project's records by their (guessable) refs", async () => {
    const c = ownContract("active");
    const pickup = clone(own.pickups.find((p) => p.contractRef === c.ref)!) as Json & { lots: Json[] };
    pickup.lots = pickup.lots.map((l) => ({ ...l, disputed: true }));
    const group = own.farmerGroups.find((g) => g.ref === c.groupRef)!;
    const statement = own.invoices[0];
    const paid = own.payments[0];
    await refused(
      () =>
        send(
          bundle({
            organisations: [{ ref: "nm-htx", kind: "cooperative", name: "HTX của người lạ" }],
            farmerGroups: [
              { ...group, name: "Bị đổi tên", projectOwnerRef: strangerOrg.ref },
              { ref: "nm-to", name: "Tổ của người lạ", province: "Quảng Trị", district: "Hướng Hóa", commune: "Hướng Phùng", projectOwnerRef: project.ref },
            ],
            households: [{ ref: "nm-ho", groupRef: group.ref, headName: "Hộ lạ", headSex: "female", ethnicMinority: true, povertyStatus: "poor", members: 4 }],
            contracts: [{ ...c, ref: "nm-hd", buyerRef: "nm-htx", groupRef: group.ref, renewsRef: c.ref }],
            pickups: [pickup],
            invoices: [{ ...statement, ref: "nm-phieu" }],
            payments: [{ ...paid, ref: "nm-tra", amountVnd: 987_654_321 }],
          }),
        ),
      [
        ["$.farmerGroups[0].ref", "refTaken"],
        ["$.farmerGroups[1].projectOwnerRef", "groupProject"],
        ["$.households[0].groupRef", "notYours"],
        ["$.contracts[0].groupRef", "notYours"],
        ["$.contracts[0].renewsRef", "notYours"],
        ["$.pickups[0].ref", "refTaken"],
        ["$.invoices[0].contractRef", "notYours"],
        ["$.payments[0].invoiceRef", "notYours"],
      ],
    );
  });
});

describe.each(Object.keys(DOORS) as (keyof typeof DOORS)[])("the demo project through its %s door", (door) => {
  const send = (b: Json) => DOORS[door](b);

  it("re-importing its own export changes nothing", async () => {
    const before = domainDump(file);
    const a = await send(clone(own));
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const counts = a.body.counts as Record<string, { created: number; updated: number }>;
    for (const [k, c] of Object.entries(counts)) expect([k, c.created, c.updated]).toEqual([k, 0, 0]);
    expect(domainDump(file)).toEqual(before);
  });

  it("cannot cancel a buyer's contract, change its prices or terms, or mark it renewed", async () => {
    const active = clone(ownContract("active")) as Json & { grades: Json[] };
    const other = ownContract("completed");
    await refused(() => send(bundle({ contracts: [{ ...active, status: "cancelled" }] })), [["$.contracts[0].status", "contractMove"]]);
    await refused(
      () => send(bundle({ contracts: [{ ...active, paymentTermsDays: 365, grades: active.grades.map((g) => ({ ...g, priceVndPerKg: 1 })) }] })),
      [
        ["$.contracts[0].paymentTermsDays", "contractTerms"],
        ["$.contracts[0].grades", "contractTerms"],
      ],
    );
    await refused(() => send(bundle({ contracts: [{ ...active, renewsRef: other.ref }] })), [["$.contracts[0].renewsRef", "contractTerms"]]);
  });

  it("cannot make a contract in a buyer's name with a group that has its own people", async () => {
    const c = ownContract("active");
    await refused(
      () => send(bundle({ contracts: [{ ...c, ref: `nm-${door}-hd`, status: "signed" }] })),
      [
        ["$.contracts[0].buyerRef", "contractBuyer"],
        ["$.contracts[0].groupRef", "contractGroup"],
      ],
    );
  });

  it("cannot record a pickup, a correction or a dispute on a buyer's contract", async () => {
    const c = ownContract("active");
    const stored = own.pickups.find((p) => p.contractRef === c.ref && (p.lots as Json[]).every((l) => !l.disputed && !l.supersedesRef))! as Json & {
      lots: Json[];
    };
    const lot = stored.lots[0];
    await refused(
      () =>
        send(
          bundle({
            pickups: [
              { ...stored, ref: `nm-${door}-p`, lots: [{ ...lot, ref: `nm-${door}-l` }] },
              {
                ...stored,
                lots: [
                  { ...lot, disputed: true },
                  { ...lot, ref: `nm-${door}-fix`, grossKg: 1, tareKg: 0, supersedesRef: lot.ref },
                ],
              },
            ],
          }),
        ),
      [
        ["$.pickups[0].contractRef", "buyerPickup"],
        ["$.pickups[1].lots[0].disputed", "groupDispute"],
        ["$.pickups[1].lots[1].supersedesRef", "buyerCorrection"],
      ],
    );
  });

  it("cannot rewrite a stored pickup (append-only)", async () => {
    const stored = clone(own.pickups[0]) as Json & { lots: Json[] };
    await refused(() => send(bundle({ pickups: [{ ...stored, date: "2020-01-01" }] })), [["$.pickups[0].date", "appendOnly"]]);
    await refused(
      () => send(bundle({ pickups: [{ ...stored, lots: stored.lots.map((l) => ({ ...l, grossKg: (l.grossKg as number) + 100 })) }] })),
      [["$.pickups[0].lots", "appendOnly"]],
    );
  });

  it("cannot issue a statement in the buyer's name (its gap-free numbers stay untouched)", async () => {
    const invoiced = new Set(own.invoices.flatMap((i) => i.pickupRefs as string[]));
    const open = own.pickups.find((p) => !invoiced.has(p.ref as string));
    expect(open, "an uninvoiced pickup in the demo").toBeDefined();
    const contract = own.contracts.find((c) => c.ref === open!.contractRef)!;
    const counters = await db.invoiceCounter.findMany({ where: { buyer: { ref: contract.buyerRef as string } } });
    await refused(
      () => send(bundle({ invoices: [{ ref: `nm-${door}-inv`, contractRef: open!.contractRef, pickupRefs: [open!.ref], issuedOn: "2025-12-01" }] })),
      [["$.invoices[0].contractRef", "buyerStatement"]],
    );
    expect(await db.invoiceCounter.findMany({ where: { buyer: { ref: contract.buyerRef as string } } })).toEqual(counters);
  });

  it("cannot pay 987.654.321 ₫ onto a statement already paid in full", async () => {
    const paid = await db.invoice.findFirstOrThrow({
      where: { kind: "invoice", status: "issued", contract: { group: { projectOwnerId: project.id } }, payments: { some: {} } },
      include: { payments: true },
    });
    expect(paid.payments.reduce((s, p) => s + p.amountVnd, 0)).toBe(paid.totalVnd);
    await refused(
      () =>
        send(bundle({ payments: [{ ref: `nm-${door}-pay`, invoiceRef: paid.ref, paidOn: "2025-12-01", amountVnd: 987_654_321, method: "bank_transfer" }] })),
      [["$.payments[0].invoiceRef", "buyerPayment"]],
    );
  });

  it("cannot change a group that has its own people, nor its households", async () => {
    const joined = await db.farmerGroup.findFirstOrThrow({ where: { projectOwnerId: project.id, memberships: { some: {} } } });
    const group = own.farmerGroups.find((g) => g.ref === joined.ref)!;
    const household = own.households.find((h) => h.groupRef === group.ref)!;
    await refused(
      () =>
        send(
          bundle({
            farmerGroups: [{ ...group, name: "Bị đổi tên" }],
            households: [
              { ...household, members: (household.members as number) + 1 },
              { ...household, ref: `nm-${door}-hh` },
            ],
          }),
        ),
      [
        ["$.farmerGroups[0].name", "groupOwnPeople"],
        ["$.households[0].members", "groupOwnPeople"],
        ["$.households[1].groupRef", "groupOwnPeople"],
      ],
    );
  });
});

describe("what a project may import: a programme nobody else speaks for", () => {
  const held = (suffix: string) =>
    bundle({
      organisations: [{ ref: `giu-htx-${suffix}`, kind: "cooperative", name: `HTX giữ hộ ${suffix}`, province: "Sơn La" }],
      farmerGroups: [
        { ref: `giu-to-${suffix}`, name: `Tổ giữ hộ ${suffix}`, province: "Sơn La", district: "Vân Hồ", commune: "Tân Xuân", projectOwnerRef: project.ref },
      ],
      households: [
        {
          ref: `giu-ho-${suffix}`,
          groupRef: `giu-to-${suffix}`,
          headName: "Lò Thị Xuân",
          headSex: "female",
          ethnicMinority: true,
          ethnicity: "Thái",
          povertyStatus: "poor",
          members: 5,
        },
      ],
      contracts: [
        {
          ref: `giu-hd-${suffix}`,
          buyerRef: `giu-htx-${suffix}`,
          groupRef: `giu-to-${suffix}`,
          seasonRef: "veg-2025a",
          status: "active",
          signedOn: "2025-01-05",
          areaHa: 2,
          volumeTonnes: 10,
          paymentTermsDays: 7,
          grades: [{ code: "A", label: "Loại A", priceVndPerKg: 10_000 }],
        },
      ],
      pickups: [
        {
          ref: `giu-p-${suffix}`,
          contractRef: `giu-hd-${suffix}`,
          date: "2025-03-01",
          lots: [{ ref: `giu-l-${suffix}`, householdRef: `giu-ho-${suffix}`, grossKg: 101, tareKg: 1, grade: "A" }],
        },
      ],
      invoices: [{ ref: `giu-inv-${suffix}`, contractRef: `giu-hd-${suffix}`, pickupRefs: [`giu-p-${suffix}`], issuedOn: "2025-03-02" }],
      payments: [{ ref: `giu-pay-${suffix}`, invoiceRef: `giu-inv-${suffix}`, paidOn: "2025-03-05", amountVnd: 1_000_000, method: "cash" }],
    });

  it("creates a whole programme of its own, idempotently, through both doors", async () => {
    const season = await db.season.findUnique({ where: { ref: "veg-2025a" } });
    expect(season, "the demo has a vegetables-2025 season").not.toBeNull();
    const first = await DOORS.web(held("a"));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const inv = await db.invoice.findUniqueOrThrow({ where: { ref: "giu-inv-a" }, include: { buyer: true } });
    expect([inv.totalVnd, inv.number, inv.buyer.importedById]).toEqual([1_000_000, 1, project.id]);
    const again = await DOORS.token(held("a"));
    expect(again.status).toBe(200);
    expect((again.body.counts as Record<string, { created: number }>).lots.created).toBe(0);
  });

  it("a ref already used answers 422 JSON with the path, never a 500", async () => {
    const taken = await db.lot.findFirstOrThrow({ where: { contract: { group: { projectOwnerId: project.id } } } });
    const foreign = await db.lot.findFirstOrThrow({
      where: { contract: { group: { OR: [{ projectOwnerId: null }, { projectOwnerId: { not: project.id } }] } } },
    });
    const b = held("a") as { pickups: (Json & { lots: Json[] })[] };
    const lot = b.pickups[0].lots[0];
    const pickup = {
      ...b.pickups[0],
      ref: "giu-p-dup",
      lots: [
        { ...lot, ref: taken.ref },
        { ...lot, ref: foreign.ref },
      ],
    };
    await refused(
      () => DOORS.token(bundle({ pickups: [pickup] })),
      [
        ["$.pickups[0].lots[0].ref", "appendOnly"],
        ["$.pickups[0].lots[1].ref", "refTaken"],
      ],
    );
    const twice = await DOORS.token(bundle({ pickups: [pickup, pickup] }));
    expect(twice.status).toBe(422);
    expect(twice.problems.map((p) => p.path)).toContain("$.pickups[1].ref");
  });

  it("refuses an over-payment on its own statement", async () => {
    await refused(
      () => DOORS.token(bundle({ payments: [{ ref: "giu-pay-a2", invoiceRef: "giu-inv-a", paidOn: "2025-03-06", amountVnd: 1, method: "cash" }] })),
      [["$.payments[0].amountVnd", "overpayment"]],
    );
  });

  it("moves its own contract along the lifecycle, and not backwards", async () => {
    const done = held("a") as { contracts: Json[] };
    const ok = await DOORS.token(bundle({ contracts: [{ ...done.contracts[0], status: "completed" }] }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const events = await db.contractEvent.findMany({ where: { contract: { ref: "giu-hd-a" } }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.toStatus)).toEqual(["active", "completed"]);
    await refused(() => DOORS.token(bundle({ contracts: [{ ...done.contracts[0], status: "active" }] })), [["$.contracts[0].status", "contractMove"]]);
  });

  it("loses the buyer and the group once they have people of their own", async () => {
    const people = await db.user.findFirstOrThrow({ where: { email: "buyer2@caunoi.vn" } });
    const leader = await write((tx) => tx.user.create({ data: { name: "Trưởng nhóm mới", email: "giu-leader@example.com", passwordHash: "x" } }));
    const [buyer, group] = await Promise.all([
      db.organisation.findUniqueOrThrow({ where: { ref: "giu-htx-a" } }),
      db.farmerGroup.findUniqueOrThrow({ where: { ref: "giu-to-a" } }),
    ]);
    await write(async (tx) => {
      await tx.membership.create({ data: { userId: people.id, organisationId: buyer.id, role: "buyer_admin", acceptedAt: new Date() } });
      await tx.membership.create({ data: { userId: leader.id, groupId: group.id, role: "group_leader", acceptedAt: new Date() } });
    });
    const b = held("a") as { pickups: Json[]; households: Json[] };
    await refused(
      () =>
        DOORS.token(
          bundle({
            pickups: [{ ...b.pickups[0], ref: "giu-p-a2", lots: [{ ...(b.pickups[0].lots as Json[])[0], ref: "giu-l-a2" }] }],
            households: [{ ...b.households[0], members: 6 }],
          }),
        ),
      [
        ["$.pickups[0].contractRef", "buyerPickup"],
        ["$.households[0].members", "groupOwnPeople"],
      ],
    );
  });
});

describe("who may use the import door at all", () => {
  it("every role but a project's administrator (and the site administrator) is refused, and writes nothing", async () => {
    const staff = await write(async (tx) => {
      const u = await tx.user.create({ data: { name: "Cán bộ dự án", email: "project-staff@example.com", passwordHash: await hashPassword(DEMO_PASSWORD) } });
      await tx.membership.create({ data: { userId: u.id, organisationId: project.id, role: "project_staff", acceptedAt: new Date() } });
      return u;
    });
    expect(staff.id).toBeTruthy();
    const b = clone(own);
    for (const login of [
      "buyer@caunoi.vn",
      "staff@caunoi.vn",
      "buyer2@caunoi.vn",
      "leader@caunoi.vn",
      "leader2@caunoi.vn",
      "0912000001",
      "authority@caunoi.vn",
      "project-staff@example.com",
    ]) {
      const c = await as(login);
      expect((await c.get("/import")).status, login).toBe(403);
      const before = domainDump(file);
      const a = await webImport(c, project.id, b);
      expect(a.status, login).toBe(403);
      expect(domainDump(file)).toEqual(before);
    }
    expect((await apiImport(b, "cn_notarealtokennotarealtoken000")).status).toBe(401);
  });

  it("the site administrator may change shared reference data, with full rights", async () => {
    const product = await db.product.findFirstOrThrow();
    const admin = await as("admin@caunoi.vn");
    const a = await webImport(admin, "site-admin", bundle({ products: [{ ref: product.ref, name: `${product.name} (sửa)`, unit: product.unit }] }));
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).name).toBe(`${product.name} (sửa)`);
  });
});

describe("money only by those who owe it", () => {
  it("a project cannot tie its advance to a buyer's contract, and no one else's advance is deducted on a buyer's statement", async () => {
    const contract = await db.contract.findFirstOrThrow({
      where: { status: "active", group: { projectOwnerId: project.id } },
      include: { group: { include: { households: true } } },
    });
    const c = await as("project@caunoi.vn");
    const page = await (await c.get(`/groups/${contract.groupId}/advances`)).text();
    expect(page).not.toContain(`value="${contract.id}"`);
    const before = await db.inputAdvance.count();
    const res = await c.post(`/groups/${contract.groupId}/advances`, {
      providerId: project.id,
      householdId: contract.group.households[0].id,
      item: "Phân bón của dự án",
      quantity: "",
      unit: "",
      valueVnd: "5.000.000",
      advancedOn: "2025-01-10",
      recoveryPlan: "lump_sum",
      recoveryPct: "0",
      contractId: contract.id,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Chỉ bên mua của hợp đồng");
    expect(await db.inputAdvance.count()).toBe(before);

    // Even an advance already tied to the contract (say, from before this rule) is not deducted.
    const pickup = await db.pickup.findFirstOrThrow({
      where: { invoices: { none: {} }, contract: { inputsAdvanced: { not: null }, group: { projectOwnerId: project.id } } },
      include: { lots: true, contract: true },
    });
    const householdId = pickup.lots[0].householdId;
    await write((tx) =>
      tx.inputAdvance.create({
        data: {
          groupId: pickup.contract.groupId,
          householdId,
          providerId: project.id,
          contractId: pickup.contractId,
          item: "Hỗ trợ của dự án",
          valueVnd: 5_000_000,
          advancedOn: "2025-01-10",
          recoveryPlan: "lump_sum",
        },
      }),
    );
    const statement = await write((tx) => issueInvoice(tx, { contractId: pickup.contractId, pickupIds: [pickup.id], issuedOn: todayInVietnam() }));
    const deductions = await db.invoiceDeduction.findMany({ where: { invoiceId: statement.id }, include: { advance: true } });
    expect(deductions.filter((d) => d.advance?.providerId === project.id)).toEqual([]);
    expect(deductions.every((d) => !d.advance || d.advance.providerId === pickup.contract.buyerId)).toBe(true);
  });
});
