// Races over real HTTP against one built app server: invoices issued at the same moment by
// several buyer sessions get gap-free, unique numbers; one pickup requested on two invoices
// at once ends up on one; payments sent at the same moment never add up to more than is due;
// a cancel racing a payment never leaves a cancelled invoice with money on it.
// The server takes the requests concurrently; only its serialised writes keep them apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("invoices-concurrency");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts } = await import("../support/pickup-fixtures");
const { invoiceIdOf, ledgerPickup } = await import("../support/invoice-fixtures");
const { db, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let today: string;
let year: number;
let contractA: string; // active, orgA ↔ g1: A = 14.500 ₫/kg, B = 13.000 ₫/kg
let orgA: string;
/** Three separate buyer sessions of orgA: staffA twice and the admin buyerA. */
let buyers: Client[];

async function login(email: string): Promise<Client> {
  const c = new Client(server.url);
  await c.login(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  world = await makeWorld();
  const setup = await makeContracts(world);
  today = setup.today;
  year = Number(today.slice(0, 4));
  contractA = setup.contracts.active.id;
  orgA = world.orgs.orgA.id;
  server = await startServer();
  buyers = [await login(world.users.staffA.email), await login(world.users.staffA.email), await login(world.users.buyerA.email)];
  // Every session holds its CSRF token before the races start.
  await Promise.all(buyers.map((b) => b.ensureCsrf()));
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

/** A pickup of one lot per household (hh1 100 kg A = 1.450.000 ₫, hh1b 100 kg B = 1.300.000 ₫). */
const pickup = () =>
  ledgerPickup(contractA, today, [
    { householdId: world.households.hh1.id, grossKg: 100, grade: "A" },
    { householdId: world.households.hh1b.id, grossKg: 100, grade: "B" },
  ]);

const issue = (c: Client, pickupIds: string[]) => c.post(`/contracts/${contractA}/invoices/new`, { pickupIds, issuedOn: today });
const counter = async () => (await db.invoiceCounter.findUnique({ where: { buyerId_year: { buyerId: orgA, year } } }))?.last ?? 0;
const numbers = async () =>
  (await db.invoice.findMany({ where: { buyerId: orgA, year }, select: { number: true } })).map((i) => i.number!).sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("invoice numbers under concurrent issuing", () => {
  it("twelve invoices issued at the same moment from three sessions are numbered exactly 1…12", async () => {
    const pickups: string[] = [];
    for (let i = 0; i < 12; i++) pickups.push(await pickup());

    const answers = await Promise.all(pickups.map((id, i) => issue(buyers[i % buyers.length], [id])));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(302));
    const ids = answers.map(invoiceIdOf);
    expect(new Set(ids).size).toBe(12);

    expect(await numbers()).toEqual(range(12));
    expect(await counter()).toBe(12);
    // Each pickup is on exactly the invoice its request made.
    for (const [i, id] of ids.entries()) {
      expect((await db.invoicePickup.findMany({ where: { invoiceId: id } })).map((p) => p.pickupId)).toEqual([pickups[i]]);
    }
  });

  it("the same pickup requested on two (and on four) invoices at once ends up on exactly one; the others answer 409", async () => {
    for (const n of [2, 4]) {
      const id = await pickup();
      const last = await counter();
      const answers = await Promise.all(Array.from({ length: n }, (_, i) => issue(buyers[i % buyers.length], [id])));
      expect(answers.map((r) => r.status).sort()).toEqual([302, ...Array(n - 1).fill(409)]);
      const winner = invoiceIdOf(answers.find((r) => r.status === 302)!);
      expect((await db.invoicePickup.findMany({ where: { pickupId: id } })).map((p) => p.invoiceId)).toEqual([winner]);
      // The refused requests burned no number.
      expect(await counter()).toBe(last + 1);
      expect(await numbers()).toEqual(range(last + 1));
    }
  });

  it("overlapping pickup sets sent at once: one invoice wins, the other is refused whole", async () => {
    const [a, b, c] = [await pickup(), await pickup(), await pickup()];
    const last = await counter();
    const answers = await Promise.all([issue(buyers[0], [a, b]), issue(buyers[1], [b, c])]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 409]);
    const links = await db.invoicePickup.findMany({ where: { pickupId: { in: [a, b, c] } } });
    // Either {a, b} or {b, c} is invoiced, never a pickup twice, never a partial invoice.
    expect(links).toHaveLength(2);
    expect(new Set(links.map((l) => l.invoiceId)).size).toBe(1);
    expect(links.filter((l) => l.pickupId === b)).toHaveLength(1);
    expect(await numbers()).toEqual(range(last + 1));
  });
});

describe("concurrent payments", () => {
  /** A fresh invoice of 2.750.000 ₫ with no payments. */
  async function freshInvoice() {
    const res = await issue(buyers[0], [await pickup()]);
    const inv = await db.invoice.findUniqueOrThrow({ where: { id: invoiceIdOf(res) } });
    expect(inv.totalVnd).toBe(2_750_000);
    return inv;
  }
  const pay = (c: Client, invoiceId: string, amountVnd: number) =>
    c.post(`/invoices/${invoiceId}`, { intent: "pay", paidOn: today, amountVnd: String(amountVnd), method: "bank_transfer", reference: "" });
  const paid = async (invoiceId: string) => (await db.payment.aggregate({ where: { invoiceId }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0;

  it("three payments of 60 % at once: one is kept, two answer 409, never more than due is stored", async () => {
    const inv = await freshInvoice();
    const part = 1_650_000; // 60 %
    const answers = await Promise.all(buyers.map((b) => pay(b, inv.id, part)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await db.payment.count({ where: { invoiceId: inv.id } })).toBe(1);
    expect(await paid(inv.id)).toBe(part);
  });

  it("six payments of 30 % at once: three are kept (90 %), three answer 409", async () => {
    const inv = await freshInvoice();
    const part = 825_000; // 30 %
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => pay(buyers[i % buyers.length], inv.id, part)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 409, 409, 409]);
    expect(await paid(inv.id)).toBe(3 * part);
    expect(await paid(inv.id)).toBeLessThanOrEqual(inv.totalVnd);
  });

  it("a cancel racing a payment: either the payment or the cancellation, never a cancelled invoice with money on it", async () => {
    for (let round = 0; round < 3; round++) {
      const inv = await freshInvoice();
      const [payRes, cancelRes] = await Promise.all([
        pay(buyers[0], inv.id, 1_000_000),
        buyers[1].post(`/invoices/${inv.id}`, { intent: "cancel", reason: "Huỷ thử", confirm: "on" }),
      ]);
      const row = await db.invoice.findUniqueOrThrow({ where: { id: inv.id } });
      const count = await db.payment.count({ where: { invoiceId: inv.id } });
      if (row.status === "cancelled") {
        expect([cancelRes.status, payRes.status]).toEqual([200, 409]);
        expect(count).toBe(0);
      } else {
        expect([payRes.status, cancelRes.status]).toEqual([200, 409]);
        expect(count).toBe(1);
      }
    }
  });
});
