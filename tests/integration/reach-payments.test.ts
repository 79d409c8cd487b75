// Payment statements and payments told outside the app (issue 17, item 3), against a real
// database and the built app over real HTTP: staff issue a statement for two households of a
// contract with a 10 % group-fund share, one household with a consenting phone and one without;
// the phone gets exactly one text with its own net amount, the leader an email with the total.
// Each payment gives that household its part, the same figure its passbook shows; the leader
// the payment's amount. Writing the same event again adds nothing; a stopped phone gets nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("reach-payments");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, plusDays } = await import("../support/pickup-fixtures");
const { extraContract, invoiceIdOf, ledgerPickup, passbookMoney } = await import("../support/invoice-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { announcePayment, announceStatement } = await import("~/domain/reach/money-notices.server");
const { paymentShares } = await import("~/domain/passbook-money.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let today: string;
let g1: string;
let hh1: string; // "Hồ Thị Lan": consented to texts at 0912 000 111
let hh1b: string; // "Côn Thị Mây": no phone recorded (later: recorded, then stopped)
let contractId: string;
let statementId: string;
let code: string;

beforeAll(async () => {
  world = await makeWorld();
  const setup = await makeContracts(world);
  today = setup.today;
  g1 = world.groups.g1;
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  contractId = (
    await extraContract({
      ref: "HD-PAY-F10",
      buyerId: world.orgs.orgA.id,
      groupId: g1,
      seasonId: setup.season.id,
      groupFundPct: 10,
      signedOn: plusDays(today, -20),
    })
  ).id;
  await write(async (tx) => {
    await tx.contactPreference.create({ data: { householdId: hh1, smsPhone: "84912000111", consentAt: new Date(), consentById: world.users.leader1.id } });
    await tx.contactPreference.create({ data: { userId: world.users.leader1.id, email: "leader1@test.vn" } });
  });
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const staffA = () => as(world.users.staffA.email);
const html = async (res: Response) => (await res.text()).replaceAll("\0", "");
const messages = (kind: string) => db.outboxMessage.findMany({ where: { kind }, orderBy: { createdAt: "asc" } });
const received = async (householdId: string) =>
  passbookMoney(await html(await (await as(world.users.leader1.email)).get(`/groups/${g1}/passbook/${householdId}`))).received;
const pay = async (amountVnd: number) => {
  const res = await (
    await staffA()
  ).post(`/invoices/${statementId}`, { intent: "pay", paidOn: today, amountVnd: String(amountVnd), method: "bank_transfer", reference: "UNC-1" });
  expect(res.status).toBeLessThan(400);
  return db.payment.findFirstOrThrow({ where: { invoiceId: statementId }, orderBy: { createdAt: "desc" } });
};

describe("a statement for two households", () => {
  beforeAll(async () => {
    // hh1: 100 kg A × 14.500 = 1.450.000 ₫, less 10 % to the group fund → 1.305.000 ₫;
    // hh1b: 50 kg B × 13.000 = 650.000 ₫ → 585.000 ₫. The statement: 1.890.000 ₫.
    const pickupId = await ledgerPickup(contractId, plusDays(today, -2), [
      { householdId: hh1, grossKg: 100, grade: "A" },
      { householdId: hh1b, grossKg: 50, grade: "B" },
    ]);
    const res = await (await staffA()).post(`/contracts/${contractId}/invoices/new`, { pickupIds: [pickupId], issuedOn: today });
    statementId = invoiceIdOf(res);
    const inv = await db.invoice.findUniqueOrThrow({ where: { id: statementId } });
    expect(inv.totalVnd).toBe(1_890_000);
    code = `${inv.series}-${inv.year}-${String(inv.number).padStart(4, "0")}`;
    // Issuing the same pickups again is refused and tells nobody anything.
    expect((await (await staffA()).post(`/contracts/${contractId}/invoices/new`, { pickupIds: [pickupId], issuedOn: today })).status).toBe(409);
  });

  it("texts the consenting household its own net amount, once, and nothing to the other", async () => {
    const sms = (await messages("statement_issued")).filter((m) => m.householdId);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ householdId: hh1, channel: "sms", address: "84912000111", status: "pending" });
    expect(sms[0].body).toBe(`Có bảng kê thanh toán ${code}: 1.305.000 ₫`);
  });

  it("emails the group's leader the statement's total", async () => {
    const mail = (await messages("statement_issued")).filter((m) => m.userId);
    expect(mail.map((m) => [m.userId, m.channel, m.address])).toEqual([[world.users.leader1.id, "email", "leader1@test.vn"]]);
    expect(mail[0].body).toContain(`Có bảng kê thanh toán ${code}: 1.890.000 ₫.`);
  });

  it("writes nothing more when the statement is announced again (a retried write)", async () => {
    await write((tx) => announceStatement(tx, statementId));
    expect(await db.outboxMessage.count({ where: { kind: "statement_issued" } })).toBe(2);
  });
});

describe("payments on the statement", () => {
  it("texts the household its part of each payment, the part its passbook shows", async () => {
    // hh1b's phone is recorded now, with consent, and then stopped: it gets nothing.
    await write((tx) =>
      tx.contactPreference.create({
        data: { householdId: hh1b, smsPhone: "84977000222", consentAt: new Date(), consentById: world.users.leader1.id, stoppedAt: new Date() },
      }),
    );
    const first = await pay(700_000);
    let sms = (await messages("payment_recorded")).filter((m) => m.householdId);
    expect(sms).toHaveLength(1);
    // 1.305.000 × 700.000 / 1.890.000 = 483.333,3 → 483.333 ₫.
    expect(paymentShares(1_305_000, 1_890_000, [700_000])).toEqual([483_333]);
    expect(await received(hh1)).toBe(483_333);
    expect(sms[0]).toMatchObject({ householdId: hh1, address: "84912000111" });
    const date = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
    expect(sms[0].body).toBe(`Đã thanh toán 483.333 ₫ ngày ${date}`);

    // The rest: the household's parts add up to its whole net amount.
    const second = await pay(1_190_000);
    sms = (await messages("payment_recorded")).filter((m) => m.householdId);
    expect(sms.map((m) => [m.householdId, m.body])).toEqual([
      [hh1, `Đã thanh toán 483.333 ₫ ngày ${date}`],
      [hh1, `Đã thanh toán 821.667 ₫ ngày ${date}`],
    ]);
    expect(await received(hh1)).toBe(1_305_000);

    const mail = (await messages("payment_recorded")).filter((m) => m.userId);
    expect(mail.map((m) => [m.userId, m.body.split("\n")[0]])).toEqual([
      [world.users.leader1.id, `Đã thanh toán 700.000 ₫ ngày ${date}.`],
      [world.users.leader1.id, `Đã thanh toán 1.190.000 ₫ ngày ${date}.`],
    ]);

    // Announcing a payment again writes nothing new.
    await write(async (tx) => {
      await announcePayment(tx, first.id);
      await announcePayment(tx, second.id);
    });
    expect(await db.outboxMessage.count({ where: { kind: "payment_recorded" } })).toBe(4);
    expect(await db.outboxMessage.count({ where: { householdId: hh1b } })).toBe(0);
  });

  it("refuses an overpayment and tells nobody", async () => {
    const res = await (
      await staffA()
    ).post(`/invoices/${statementId}`, { intent: "pay", paidOn: today, amountVnd: "1", method: "bank_transfer", reference: "" });
    expect(res.status).toBe(409);
    expect(await db.outboxMessage.count({ where: { kind: "payment_recorded" } })).toBe(4);
  });
});
