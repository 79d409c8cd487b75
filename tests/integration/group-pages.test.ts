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
const { makeContracts, pickupFields, plusDays } = await import("../support/pickup-fixtures");
const { extraContract, invoiceIdOf, ledgerPickup, passbookMoney } = await import("../support/invoice-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let setup: Awaited<ReturnType<typeof makeContracts>>;
let today: string;
let g1: string;
let hh1: string; // "Hồ Thị Lan"
let hh1b: string; // "Côn Thị Mây", member1's household
let hh2: string; // a household of g2

beforeAll(async () => {
  world = await makeWorld();
  setup = await makeContracts(world);
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
const member1 = (lang: "vi" | "en" = "vi") => as(world.users.member1.email, lang);
const staffA = (lang: "vi" | "en" = "vi") => as(world.users.staffA.email, lang);

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

// ───────────────────────── the passbook's money ─────────────────────────

describe("the passbook lists each statement's deductions and the payments received", () => {
  const NPK = "Phân bón NPK 16-16-8";
  let code: string;
  let invoiceId: string;
  /** The statement's block on the member's own passbook page. */
  const statementBlock = async (lang: "vi" | "en" = "vi") => {
    const page = await html(await (await member1(lang)).get(`/groups/${g1}/passbook/${hh1b}`));
    const start = page.indexOf(`id="statement-${code}"`);
    expect(start, "the statement's block").toBeGreaterThan(0);
    return { page, block: page.slice(start, page.indexOf("</article>", start)) };
  };
  /** The first <tag> element of a block that contains `needle`, as text without tags. */
  const element = (tag: string) => (block: string, needle: string) =>
    block
      .split(`<${tag}`)
      .find((r) => r.includes(needle))
      ?.split(`</${tag}>`)[0]
      .replace(/^[^>]*>/, "")
      .replace(/<!-- -->/g, "") // React's marks between adjacent texts
      .replace(/<[^>]+>/g, " ")
      .replaceAll("&#x27;", "'")
      .replace(/\s+/g, " ")
      .trim();
  const row = element("tr");
  const payment = element("li");

  beforeAll(async () => {
    // A 5 % group-fund share and an advance recovered at 10 % per statement.
    const contract = await extraContract({
      ref: "HD-GP-F5",
      buyerId: world.orgs.orgA.id,
      groupId: g1,
      seasonId: setup.season.id,
      groupFundPct: 5,
      signedOn: plusDays(today, -20),
      inputsAdvanced: "Phân bón NPK, khấu trừ 10 % mỗi phiếu",
    });
    const { recordAdvance } = await import("~/domain/funds.server");
    const { advanceSchema } = await import("~/domain/money.schema");
    const { loadAccess } = await import("~/domain/access.server");
    const buyer = await db.user.findUniqueOrThrow({
      where: { id: world.users.buyerA.id },
      select: { id: true, name: true, email: true, phone: true, locale: true, isSiteAdmin: true },
    });
    const group = await db.farmerGroup.findUniqueOrThrow({ where: { id: g1 } });
    const advanced = await recordAdvance(
      await loadAccess(buyer),
      group,
      advanceSchema.parse({
        providerId: world.orgs.orgA.id,
        householdId: hh1b,
        contractId: contract.id,
        item: NPK,
        valueVnd: "500.000",
        advancedOn: today,
        quantity: "",
        unit: "",
        recoveryPlan: "per_invoice_pct",
        recoveryPct: "10",
      }),
    );
    expect(advanced).toEqual({ ok: true });
    // hh1: 200 kg A = 2.900.000 ₫ (fund 145.000); hh1b: 100 kg B = 1.300.000 ₫ (advance 130.000, fund 65.000).
    const pickupId = await ledgerPickup(contract.id, today, [
      { householdId: hh1, grossKg: 200, grade: "A" },
      { householdId: hh1b, grossKg: 100, grade: "B" },
    ]);
    const staff = await staffA();
    invoiceId = invoiceIdOf(await staff.post(`/contracts/${contract.id}/invoices/new`, { pickupIds: [pickupId], issuedOn: today }));
    const inv = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect(inv.totalVnd).toBe(3_860_000);
    code = `${inv.series ?? "HD"}-${inv.year}-${String(inv.number).padStart(4, "0")}`;
  });

  it("itemises the household's produce, each deduction and what it receives, for each statement", async () => {
    const { block } = await statementBlock();
    expect(block).toContain(`${code} ngày ${dmy(today)} · HTX Cà phê Khe Sanh`);
    expect(row(block, "Tiền hàng của hộ")).toBe("Tiền hàng của hộ 1.300.000 ₫");
    expect(row(block, "Thu hồi vật tư ứng trước")).toBe(`Thu hồi vật tư ứng trước: ${NPK} -130.000 ₫`);
    expect(row(block, "Trích quỹ nhóm")).toBe("Trích quỹ nhóm -65.000 ₫");
    expect(row(block, "Hộ được nhận")).toBe("Hộ được nhận 1.105.000 ₫");
    expect(block).toContain("Bên mua chưa trả tiền phiếu này.");
  });

  it("lists each payment the buyer made with the household's part of it, the rule stated, adding up to what it received", async () => {
    const staff = await staffA();
    const pay = (amountVnd: string, method: string) => staff.post(`/invoices/${invoiceId}`, { intent: "pay", paidOn: today, amountVnd, method, reference: "" });
    expect((await pay("1.000.000", "cash")).status).toBe(200);
    expect((await pay("2.860.000", "bank_transfer")).status).toBe(200);

    const { page, block } = await statementBlock();
    // hh1b's part: 1.105.000 of the 3.860.000 due, on the running total: 286.269 then 818.731.
    expect(payment(block, "Tiền mặt")).toBe(`${dmy(today)} · Tiền mặt: bên mua trả cho tổ 1.000.000 ₫, phần của hộ 286.269 ₫`);
    expect(payment(block, "Chuyển khoản")).toBe(`${dmy(today)} · Chuyển khoản: bên mua trả cho tổ 2.860.000 ₫, phần của hộ 818.731 ₫`);
    expect(block).toContain("Phần của hộ = số tiền trả × 1.105.000 ₫ ÷ 3.860.000 ₫");
    expect(block).toContain("Hộ đã nhận 1.105.000 ₫, còn chờ 0 ₫.");
    // The top of the page says the same.
    expect(passbookMoney(page)).toEqual({ owed: 1_105_000, received: 1_105_000, waiting: 0 });
  });

  it("in English, with the English words and separators", async () => {
    const { block } = await statementBlock("en");
    expect(payment(block, "Cash")).toBe(`${dmy(today)} · Cash: the buyer paid the group 1,000,000 ₫, the household's part 286,269 ₫`);
    expect(row(block, "Advanced inputs recovered")).toBe(`Advanced inputs recovered: ${NPK} -130,000 ₫`);
    expect(row(block, "Group fund")).toBe("Group fund share -65,000 ₫");
  });
});

// ───────────────────────── the inbox ─────────────────────────

describe("notices in the reader's words", () => {
  let pickupId: string;
  let lotLan: { id: string; ref: string };
  let lotMay: { id: string; ref: string };
  /** The inbox's list, as text without tags. */
  const inboxText = async (c: Client) => {
    const page = await html(await c.get("/inbox"));
    const list = page.slice(page.indexOf('id="inbox"'));
    return list
      .slice(0, list.indexOf("</ul>"))
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");
  };

  beforeAll(async () => {
    // staffA weighs 360,4 kg for Hồ Thị Lan and 48 kg for Côn Thị Mây (408,4 kg), with no group witness.
    const res = await (
      await staffA()
    ).post(
      "/api/pickups",
      pickupFields(setup.contracts.active.id, {
        date: today,
        witnesses: [],
        lots: [
          { householdId: hh1, grossKg: "370,4", tareKg: "10", grade: "A" },
          { householdId: hh1b, grossKg: "50", tareKg: "2", grade: "B" },
        ],
      }),
    );
    expect(res.status).toBe(201);
    pickupId = ((await res.json()) as { pickupId: string }).pickupId;
    const lots = await db.lot.findMany({ where: { pickupId }, select: { id: true, ref: true, householdId: true } });
    lotLan = lots.find((l) => l.householdId === hh1)!;
    lotMay = lots.find((l) => l.householdId === hh1b)!;
  });

  it("a pickup: the buyer's name, dd/mm/yyyy and 408,4 kg in Vietnamese; 408.4 kg in English", async () => {
    const vi = await inboxText(await leader1());
    expect(vi).toContain(`Lần cân của HTX Cà phê Khe Sanh ngày ${dmy(today)} (hợp đồng HD-PK-A1) KHÔNG có thành viên tổ chứng kiến: 2 lô, 408,4 kg`);
    expect(vi).not.toContain(today);
    expect(vi).not.toContain("408.4");
    const en = await inboxText(await leader1("en"));
    expect(en).toContain(`The pickup by HTX Cà phê Khe Sanh on ${dmy(today)} (contract HD-PK-A1) had NO group witness: 2 lots, 408.4 kg`);
    expect(en).not.toContain(today);
  });

  it("a buyer's own correction is a correction, naming the household and the weighing day, not the lot's key", async () => {
    const res = await (
      await staffA()
    ).post(`/pickups/${pickupId}`, {
      intent: "correct",
      lotId: lotLan.id,
      grossKg: "370,4",
      tareKg: "12",
      grade: "A",
      explanation: "Trừ thêm 2 kg bì ướt",
    });
    expect(res.status).toBe(200);
    expect(await db.notification.count({ where: { userId: world.users.leader1.id, kind: "lot_corrected" } })).toBe(1);
    expect(await db.notification.count({ where: { userId: world.users.leader1.id, kind: "dispute_resolved" } })).toBe(0);
    const vi = await inboxText(await leader1());
    expect(vi).toContain(`HTX Cà phê Khe Sanh đã tự sửa lô của Hồ Thị Lan cân ngày ${dmy(today)} (hợp đồng HD-PK-A1): Trừ thêm 2 kg bì ướt`);
    expect(vi).not.toContain("khiếu nại lô");
    expect(vi).not.toContain(lotLan.ref);
    const en = await inboxText(await leader1("en"));
    expect(en).toContain(`HTX Cà phê Khe Sanh corrected, on its own, the lot of Hồ Thị Lan weighed on ${dmy(today)} (contract HD-PK-A1): Trừ thêm 2 kg bì ướt`);
    expect(en).not.toContain("dispute");
  });

  it("a dispute and its answer: the buyer reads whose lot is disputed; the group reads that the lot was kept as it was", async () => {
    const leader = await leader1();
    expect((await leader.post(`/pickups/${pickupId}`, { intent: "dispute", lotId: lotMay.id, reason: "Cân thiếu bao" })).status).toBe(200);
    const buyerInbox = await inboxText(await staffA());
    expect(buyerInbox).toContain(`Có khiếu nại lô của Côn Thị Mây cân ngày ${dmy(today)} (hợp đồng HD-PK-A1): Cân thiếu bao`);
    expect(buyerInbox).not.toContain(lotMay.ref);

    const dispute = await db.lotDispute.findFirstOrThrow({ where: { lotId: lotMay.id, status: "open" } });
    const answer = { intent: "uphold", lotId: lotMay.id, disputeId: dispute.id, explanation: "Đã cân lại trước mặt tổ" };
    expect((await (await staffA()).post(`/pickups/${pickupId}`, answer)).status).toBe(200);
    const vi = await inboxText(leader);
    expect(vi).toContain(`HTX Cà phê Khe Sanh giữ nguyên lô của Côn Thị Mây cân ngày ${dmy(today)} sau khiếu nại (hợp đồng HD-PK-A1): Đã cân lại trước mặt tổ`);
    expect(vi).not.toContain(lotMay.ref);
    const en = await inboxText(await leader1("en"));
    expect(en).toContain(`HTX Cà phê Khe Sanh kept the disputed lot of Côn Thị Mây weighed on ${dmy(today)} as it was (contract HD-PK-A1)`);
  });

  it("a notice written before corrections had their own kind reads as a correction too", async () => {
    // As answerLot wrote a buyer's own correction until now: a "dispute answer" for a lot never disputed.
    const lot = await db.lot.findFirstOrThrow({ where: { supersedesId: lotLan.id }, select: { id: true, ref: true } });
    await write((tx) =>
      tx.notification.create({
        data: {
          userId: world.users.member1.id,
          kind: "dispute_resolved",
          params: JSON.stringify({ contract: "HD-PK-A1", lot: lotLan.ref, outcome: "corrected", explanation: "Sửa cũ" }),
          link: `/pickups/${pickupId}#lot-${lot.id}`,
        },
      }),
    );
    const text = await inboxText(await member1());
    expect(text).toContain(`HTX Cà phê Khe Sanh đã tự sửa lô của Hồ Thị Lan cân ngày ${dmy(today)} (hợp đồng HD-PK-A1): Sửa cũ`);
  });
});
