// The pickup form for 40 lots, over real HTTP against the built app and a real database: a net
// of zero or less is refused on its row's tare field (nothing written, by the phone's API and
// the no-JS form alike), every error names the row the person typed it in (blank rows above
// included) and the field, and a saved pickup shows the product's measures by their labels and
// units in the reader's language instead of their keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer, sessionPool } from "../support/server";
import type { LotRow } from "../support/pickup-fixtures";
import { tempDatabase } from "../support/temp-db";

tempDatabase("pickup-form");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, pickupFields } = await import("../support/pickup-fixtures");
const { db, write, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let today: string;
let contractA: string;
let hh1: string;
let hh1b: string;
let hh2: string;

beforeAll(async () => {
  world = await makeWorld();
  const setup = await makeContracts(world);
  today = setup.today;
  contractA = setup.contracts.active.id;
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  hh2 = world.households.hh2.id;
  // The product's measures as a product editor defines them now: labels in both languages, units apart.
  await write((tx) =>
    tx.product.update({
      where: { id: setup.product.id },
      data: {
        measures: JSON.stringify([
          { key: "ripePct", label: "Quả chín", labelEn: "Ripe cherries", unit: "%", type: "number", min: 0, max: 100 },
          { key: "foreignPct", label: "Tạp chất", labelEn: "Foreign matter", unit: "%", type: "number", min: 0, max: 100 },
        ]),
      },
    }),
  );
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const staffA = () => as(world.users.staffA.email);
const good = (): LotRow => ({ householdId: hh1, grossKg: "100", tareKg: "5", grade: "A" });
const blank = (): LotRow => ({ householdId: "", grossKg: "", tareKg: "", grade: "" });

type ApiAnswer = { ok: boolean; pickupId?: string; errors?: Record<string, string[]> };

async function postApi(fields: Record<string, string | string[]>) {
  const res = await (await staffA()).post("/api/pickups", fields);
  return { status: res.status, body: (await res.json()) as ApiAnswer };
}

async function written() {
  const [pickups, lots, notifications, total] = await Promise.all([
    db.pickup.count(),
    db.lot.count(),
    db.notification.count(),
    db.contractTotal.findUnique({ where: { contractId: contractA } }),
  ]);
  return { pickups, lots, notifications, total: JSON.stringify(total) };
}

describe("a net of zero or less", () => {
  it("is refused with 400 on its row's tare field, and nothing is written", async () => {
    const before = await written();
    // −21 kg on the second row, as typed on the phone (tare 121 on a gross of 100).
    const negative = await postApi(
      pickupFields(contractA, { date: today, witnesses: [hh1], lots: [good(), { householdId: hh1b, grossKg: "100", tareKg: "121", grade: "B" }] }),
    );
    expect(negative.status).toBe(400);
    expect(negative.body.ok).toBe(false);
    expect(negative.body.errors).toEqual({ "lots.1.tareKg": ["error.netNotPositive"] });

    // A tare equal to the gross: a net of 0 kg is no lot either.
    const zero = await postApi(pickupFields(contractA, { date: today, witnesses: [hh1], lots: [{ ...good(), grossKg: "50", tareKg: "50" }] }));
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual({ "lots.0.tareKg": ["error.netNotPositive"] });

    expect(await written()).toEqual(before);
  });

  it("is refused by the no-JS form too, which shows the pickup again with the error on its field and in the summary", async () => {
    const before = await written();
    const res = await (
      await staffA()
    ).post(
      `/contracts/${contractA}/pickups/new`,
      pickupFields(contractA, {
        date: today,
        witnesses: [hh1],
        lots: [good(), { householdId: hh1b, grossKg: "100", tareKg: "121", grade: "B" }],
        vehicle: "74C-999.99",
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    // What was typed comes back, and the tare of row 2 is marked and described.
    expect(html).toMatch(/<input id="lot-1-tare"[^>]*aria-invalid="true" aria-describedby="lot-1-err"[^>]*value="121"/);
    expect(html).toMatch(/<input id="pk-vehicle"[^>]*value="74C-999.99"/);
    expect(html).toMatch(/id="lot-1-err">Bì \(kg\): Bì phải nhẹ hơn cân cả bì: khối lượng tịnh phải lớn hơn 0\.</);
    expect(html).toContain('href="#lot-1-tare">Lô 2 · Bì (kg): Bì phải nhẹ hơn cân cả bì: khối lượng tịnh phải lớn hơn 0.</a>');
    // Only the valid lot counts in the totals: 95 kg, not 95 − 21 = 74 kg.
    expect(html).toMatch(/Cả lần cân \(1 lô\)<\/td><td class="num">95(<!-- -->)? kg</);
    expect(await written()).toEqual(before);
  });
});

describe("errors name the row and the field", () => {
  it("keeps the form's row number when blank rows come before the bad one", async () => {
    const { status, body } = await postApi(
      pickupFields(contractA, { date: today, lots: [blank(), good(), blank(), { ...good(), grossKg: "10", tareKg: "12" }, blank()] }),
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual({ "lots.3.tareKg": ["error.netNotPositive"] });
  });

  it("puts a grade or household the contract does not know on its row's field, and a stranger witness on the witnesses", async () => {
    const before = await written();
    const { status, body } = await postApi(
      pickupFields(contractA, {
        date: today,
        witnesses: [hh1, hh2],
        lots: [good(), blank(), { ...good(), grade: "Z" }, { ...good(), householdId: hh2 }],
      }),
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual({
      "lots.2.grade": ["error.unknownGrade"],
      "lots.3.householdId": ["error.unknownHousehold"],
      witnesses: ["error.unknownHousehold"],
    });
    expect(await written()).toEqual(before);
  });

  it("puts a measure out of range on its row's measure", async () => {
    const { status, body } = await postApi(
      pickupFields(contractA, { date: today, lots: [blank(), { ...good(), ripePct: "150" }] }, { "lot.m.ripePct": ["", "150"] }),
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual({ "lots.1.measurements.ripePct": ["error.range"] });
  });

  it("a row with a household chosen but no weight is not dropped silently", async () => {
    const { status, body } = await postApi(
      pickupFields(contractA, { date: today, lots: [good(), { householdId: hh1b, grossKg: "", tareKg: "", grade: "A" }] }),
    );
    expect(status).toBe(400);
    expect(body.errors?.["lots.1.grossKg"]).toEqual(["error.required"]);
  });
});

describe("a saved pickup's measures", () => {
  it("show the product's labels and units in the reader's language, not the stored keys", async () => {
    const { status, body } = await postApi(
      pickupFields(
        contractA,
        { date: today, witnesses: [hh1], lots: [{ ...good(), ripePct: "96" }] },
        { "lot.m.ripePct": ["96"], "lot.m.foreignPct": ["0,8"] },
      ),
    );
    expect(status, JSON.stringify(body)).toBe(201);
    const lot = await db.lot.findFirstOrThrow({ where: { pickupId: body.pickupId } });
    expect(JSON.parse(lot.measurements)).toEqual({ ripePct: 96, foreignPct: 0.8 });

    // What the reader sees: the page without its scripts (the loader's data carries the keys).
    const shown = async (c: Client) => (await (await c.get(`/pickups/${body.pickupId}`)).text()).replace(/<script[\s\S]*?<\/script>/g, "");
    const vi = await shown(await staffA());
    expect(vi).toContain('<p class="lot-measures">Quả chín: 96% · Tạp chất: 0,8%</p>');
    expect(vi).not.toMatch(/ripePct|foreignPct/);

    const en = new Client(server.url);
    await en.login(world.users.staffA.email, PASSWORD);
    expect((await en.post("/locale", { locale: "en", redirectTo: "/" })).status).toBe(302);
    const page = await shown(en);
    expect(page).toContain('<p class="lot-measures">Ripe cherries: 96% · Foreign matter: 0.8%</p>');
    expect(page).not.toMatch(/ripePct|foreignPct/);
  });
});
