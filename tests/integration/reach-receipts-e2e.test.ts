// Issue 17's "done means", end to end, every part real: the built server with its delivery
// worker on, pointed (SMS_* variables) at the local eSMS server (tests/support/reach-servers.ts).
// A leader records a household's phone with its consent on the household contact page; buyer
// staff record one pickup over HTTP for two households of that group; the local SMS server
// receives exactly one text, to that phone in eSMS's 0… form, with the lot's net weight, grade,
// amount and the receipt code, and /verify accepts that code for the contract.
// No sleeps: the test waits on the SMS server's waitForRequests().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEsmsServer, type EsmsServer } from "../support/reach-servers";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("reach-receipts-e2e");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, pickupFields } = await import("../support/pickup-fixtures");
const { db, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let sms: EsmsServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let setup: Awaited<ReturnType<typeof makeContracts>>;

beforeAll(async () => {
  world = await makeWorld();
  setup = await makeContracts(world);
  sms = await startEsmsServer();
  server = await startServer({ ...sms.env, DELIVERY_INTERVAL_MS: "100" });
});
afterAll(async () => {
  await server?.stop();
  await sms?.close();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);

describe("one pickup → one receipt per household with a consenting phone, through the SMS gateway", () => {
  it("the leader records a phone with consent; the pickup's receipt reaches it once, with the figures and a code /verify accepts", async () => {
    const { g1 } = world.groups;
    const hh1 = world.households.hh1.id;
    const hh1b = world.households.hh1b.id; // same group, no phone recorded
    const leader = await as(world.users.leader1.email);
    const saved = await leader.post(`/groups/${g1}/households/${hh1}/contact`, { smsPhone: "+84 912 000 111", consent: "on" });
    expect(saved.status).toBe(302);

    const staff = await as(world.users.staffA.email);
    const contract = setup.contracts.active;
    const res = await staff.post(
      "/api/pickups",
      pickupFields(contract.id, {
        date: setup.today,
        witnesses: [hh1],
        lots: [
          { householdId: hh1, grossKg: "270", tareKg: "1.9", grade: "A" }, // 268,1 kg × 14.500 ₫ = 3.887.450 ₫
          { householdId: hh1b, grossKg: "80", tareKg: "1.5", grade: "B" },
        ],
      }),
    );
    expect(res.status).toBe(201);
    const { pickupId } = (await res.json()) as { pickupId: string };

    const [request] = await sms.waitForRequests(1);
    expect(request.body).toMatchObject({ Phone: "0912000111", IsUnicode: "1", SmsType: "2", Brandname: sms.env.SMS_BRANDNAME });
    const text = String(request.body!.Content);
    const code = /mã ([0-9A-Z]+)/.exec(text)?.[1];
    expect(code, text).toMatch(/^[0-9A-Z]{6}$/);
    expect(text).toBe(`Đã cân 268,1 kg loại A, 3.887.450 ₫, mã ${code}, HĐ ${contract.ref}`);

    // Sent and recorded as such: the message of that pickup and household, once.
    const messages = await db.outboxMessage.findMany({ where: { kind: "pickup_receipt" } });
    expect(messages.map((m) => [m.householdId, m.address, m.eventKey])).toEqual([[hh1, "84912000111", `pickup_receipt:${pickupId}:${hh1}`]]);
    expect(sms.requests).toHaveLength(1);
    expect(sms.accepted.map((a) => [a.phone, a.requestId])).toEqual([["0912000111", messages[0].id]]);

    const verify = await staff.get(`/verify?${new URLSearchParams({ contract: contract.ref, code: code! })}`);
    expect(verify.status).toBe(200);
    const [y, m, d] = setup.today.split("-");
    expect(await verify.text()).toContain(`Mã khớp: lần cân ngày ${d}/${m}/${y}, 268,1 kg loại A, 3.887.450 ₫ (Hồ Thị Lan).`);
  });
});
