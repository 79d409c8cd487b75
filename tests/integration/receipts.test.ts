// Pickup receipts that anchor the record (issue 17, item 4), against a real database and the
// built app over real HTTP: a pickup of two households, one with a consenting phone, gives
// exactly one receipt for that household with its net weight, grades, amount and a code from
// the contract's chain head after that pickup; the next pickup gives another code; /verify and
// the CLI accept each code for its own pickup and refuse a wrong one; others do not see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("receipts");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, plusDays } = await import("../support/pickup-fixtures");
const { ledgerPickup } = await import("../support/invoice-fixtures");
const { runCli } = await import("../support/bundle-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { householdReceipts } = await import("~/domain/reach/receipt-code.server");
const { receiptCode } = await import("~/domain/reach/receipt-code");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let setup: Awaited<ReturnType<typeof makeContracts>>;
let hh1: string; // "Hồ Thị Lan": consented to texts at 0912 000 111, plain
let hh1b: string; // "Côn Thị Mây": her phone was recorded but she stopped the texts
let contract: { id: string; ref: string };
let first: string;
let second: string;

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

beforeAll(async () => {
  world = await makeWorld();
  setup = await makeContracts(world);
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  contract = setup.contracts.active;
  await write(async (tx) => {
    await tx.contactPreference.create({
      data: { householdId: hh1, smsPhone: "84912000111", smsPlain: false, consentAt: new Date(), consentById: world.users.leader1.id },
    });
    await tx.contactPreference.create({
      data: { householdId: hh1b, smsPhone: "84977000222", consentAt: new Date(), consentById: world.users.leader1.id, stoppedAt: new Date() },
    });
  });
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const html = async (res: Response) => (await res.text()).replaceAll("\0", "");
/** The contract's head as its newest signed checkpoint records it: a source apart from the lots. */
const checkpointHead = async () => (await db.chainCheckpoint.findFirstOrThrow({ where: { contractId: contract.id }, orderBy: { n: "desc" } })).head;

describe("one pickup, two households, one consenting phone", () => {
  let receipts: Awaited<ReturnType<typeof householdReceipts>>;
  let head: string;

  beforeAll(async () => {
    // hh1: 150 − 1,2 = 148,8 kg A and 120 − 0,7 = 119,3 kg A → 268,1 kg, 3.887.450 ₫;
    // hh1b: 80 − 1,5 = 78,5 kg B.
    first = await ledgerPickup(contract.id, plusDays(setup.today, -3), [
      { householdId: hh1, grossKg: 150, tareKg: 1.2, grade: "A" },
      { householdId: hh1b, grossKg: 80, tareKg: 1.5, grade: "B" },
      { householdId: hh1, grossKg: 120, tareKg: 0.7, grade: "A" },
    ]);
    head = await checkpointHead();
    receipts = await write((tx) => householdReceipts(tx, first));
  });

  it("gives exactly one receipt, to the household that consented and did not stop", () => {
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      householdId: hh1,
      address: "84912000111",
      plain: false,
      kind: "pickup_receipt",
      eventKey: `pickup_receipt:${first}:${hh1}`,
    });
  });

  it("carries the household's net, grade, amount and the code of the chain head after this pickup", () => {
    const code = receiptCode(head, hh1);
    expect(receipts[0].code).toBe(code);
    expect(receipts[0].params).toEqual({ kg: 268.1, grades: "A", amount: 3_887_450, code, contract: contract.ref, date: plusDays(setup.today, -3) });
    expect(receipts[0].body).toBe(`Đã cân 268,1 kg loại A, 3.887.450 ₫, mã ${code}, HĐ ${contract.ref}`);
    expect([...receipts[0].body].length).toBeLessThanOrEqual(70);
  });

  it("is the same receipt (same event key and code) when asked again: sent once", async () => {
    const again = await write((tx) => householdReceipts(tx, first));
    expect(again).toEqual(receipts);
  });

  it("plain texts for a household that chose them, with several grades listed", async () => {
    await write((tx) => tx.contactPreference.update({ where: { householdId: hh1 }, data: { smsPlain: true } }));
    const mixed = await ledgerPickup(contract.id, plusDays(setup.today, -2), [
      { householdId: hh1, grossKg: 50, grade: "B" },
      { householdId: hh1, grossKg: 10, grade: "A" },
    ]);
    const [r] = await write((tx) => householdReceipts(tx, mixed));
    // 50 kg B at 13.000 + 10 kg A at 14.500 = 795.000 ₫.
    expect(r.body).toBe(`Da can 60 kg loai A+B, 795.000 VND, ma ${receiptCode(await checkpointHead(), hh1)}, HD ${contract.ref}`);
    await write((tx) => tx.contactPreference.update({ where: { householdId: hh1 }, data: { smsPlain: false } }));
  });
});

describe("checking a code", () => {
  let firstCode: string;
  let secondCode: string;

  beforeAll(async () => {
    [{ code: firstCode }] = await write((tx) => householdReceipts(tx, first));
    second = await ledgerPickup(contract.id, plusDays(setup.today, -1), [{ householdId: hh1, grossKg: 268.1, grade: "A" }]);
    [{ code: secondCode }] = await write((tx) => householdReceipts(tx, second));
  });

  it("a later pickup, a later head: another code for the same household and weight", async () => {
    expect(secondCode).toBe(receiptCode(await checkpointHead(), hh1));
    expect(secondCode).not.toBe(firstCode);
  });

  it("/verify accepts each code for its own pickup, as typed from a phone", async () => {
    const c = await as(world.users.leader1.email);
    const one = await c.get(`/verify?${new URLSearchParams({ contract: contract.ref, code: firstCode.toLowerCase() })}`);
    expect(one.status).toBe(200);
    expect(await html(one)).toContain(`Mã khớp: lần cân ngày ${ddmmyyyy(plusDays(setup.today, -3))}, 268,1 kg loại A, 3.887.450 ₫ (Hồ Thị Lan).`);
    const two = await c.get(`/verify?${new URLSearchParams({ contract: contract.ref, code: `${secondCode.slice(0, 3)} ${secondCode.slice(3)}` })}`);
    expect(await html(two)).toContain(`Mã khớp: lần cân ngày ${ddmmyyyy(plusDays(setup.today, -1))}, 268,1 kg loại A`);
  });

  it("refuses a wrong code, and a code of another contract", async () => {
    const c = await as(world.users.buyerA.email);
    const wrong = [...firstCode].map((ch, i) => (i === 5 ? (ch === "Z" ? "Y" : "Z") : ch)).join("");
    const res = await c.get(`/verify?${new URLSearchParams({ contract: contract.ref, code: wrong })}`);
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain("Mã không khớp với hồ sơ");
    expect(page).not.toContain("Mã khớp:");
    const signed = await c.get(`/verify?${new URLSearchParams({ contract: setup.contracts.signed.ref, code: firstCode })}`);
    expect(await html(signed)).toContain("Mã không khớp với hồ sơ");
    const bad = await c.get(`/verify?${new URLSearchParams({ contract: contract.ref, code: "12" })}`);
    expect(bad.status).toBe(400);
    expect(await html(bad)).toContain("Mã gồm 6 chữ và số");
  });

  it("someone who may not see the contract learns nothing: 404", async () => {
    for (const login of [world.users.buyerB.email, world.users.leader2.email]) {
      const res = await (await as(login)).get(`/verify?${new URLSearchParams({ contract: contract.ref, code: firstCode })}`);
      expect(res.status, login).toBe(404);
      expect(await html(res)).not.toContain("268,1");
    }
  });

  it("a corrected lot still matches, and says what it is now", async () => {
    const { appendCorrection } = await import("~/domain/ledger.server");
    const lot = await db.lot.findFirstOrThrow({ where: { pickupId: second, householdId: hh1 } });
    await write((tx) => appendCorrection(tx, { lotId: lot.id, grossG: 270_000, tareG: 0, grade: "A", reason: "Cân lại" }));
    const res = await (await as(world.users.leader1.email)).get(`/verify?${new URLSearchParams({ contract: contract.ref, code: secondCode })}`);
    const page = await html(res);
    expect(page).toContain("268,1 kg loại A");
    expect(page).toContain("Sau đó lô đã được sửa: hiện là 270 kg, 3.915.000 ₫.");
  });

  it("the CLI says the same: match (exit 0) or no match (exit 1)", async () => {
    const ok = await runCli(["verify", "--contract", contract.ref, "--code", firstCode], file);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`MATCH  ${firstCode}  ${contract.ref}  pickup of ${plusDays(setup.today, -3)}, Hồ Thị Lan: 268.1 kg grade A, 3887450 VND`);
    const no = await runCli(["verify", "--contract", contract.ref, "--code", "ZZZZZZ"], file);
    expect(no.code).toBe(1);
    expect(no.stdout).toContain("NO MATCH");
  });
});

describe("the receipt's query, inside every pickup's write", () => {
  it("reads the pickup's lots through the pickupId index, not every original lot of the ledger", async () => {
    const { hotRead } = await import("~/utils/db.server");
    const { Prisma } = await import("~/generated/prisma/client");
    const { pickupLotsSql } = await import("~/domain/reach/receipt-code.server");
    const plan = (await hotRead<{ detail: string }>(Prisma.sql`EXPLAIN QUERY PLAN ${pickupLotsSql(first)}`)).map((r) => r.detail);
    expect(
      plan.some((d) => d.includes("Lot_pickupId_idx")),
      plan.join("\n"),
    ).toBe(true);
    expect(
      plan.filter((d) => /^SCAN /.test(d)),
      plan.join("\n"),
    ).toEqual([]);
  });
});
