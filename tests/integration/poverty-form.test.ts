// A household's poverty status through the group's pages (issue 14): registered with the date the
// commune certified it, changed only by appending a dated record, shown as a history. Bad input
// writes nothing; another group's leader and a project's staff cannot write it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorld, PASSWORD } from "../support/fixtures";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("poverty-form");
const { db, disconnect } = await import("~/utils/db.server");
const { povertyHistory } = await import("~/domain/households/poverty.server");
const { todayInVietnam } = await import("~/utils/dates");

let world: Awaited<ReturnType<typeof makeWorld>>;
let server: AppServer;
const clients = new Map<string, Client>();
async function as(email: string) {
  if (!clients.has(email)) {
    const c = new Client(server.url);
    await c.login(email, PASSWORD);
    clients.set(email, c);
  }
  return clients.get(email)!;
}

const newHousehold = (extra: Record<string, string> = {}) => ({
  headName: "Hồ Văn Mới",
  headSex: "male",
  povertyStatus: "near_poor",
  povertyCertifiedOn: "2024-12-20",
  members: "5",
  membersFemale: "3",
  ...extra,
});
const records = () => db.povertyRecord.count();
const tomorrow = () => {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  world = await makeWorld();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("registering a household", () => {
  it("refuses a status without its date, a date in the future, and more women than members; nothing written", async () => {
    const c = await as(world.users.leader1.email);
    const before = { households: await db.household.count(), records: await records() };
    const cases: [Record<string, string>, string][] = [
      [{ povertyCertifiedOn: "" }, "Vui lòng nhập thông tin này."],
      [{ povertyCertifiedOn: tomorrow() }, "Ngày không được sau hôm nay."],
      [{ povertyCertifiedOn: "2024-02-30" }, "Ngày không hợp lệ."],
      [{ membersFemale: "6" }, "Số nhân khẩu nữ không thể nhiều hơn số nhân khẩu."],
    ];
    for (const [bad, message] of cases) {
      const res = await c.post(`/groups/${world.groups.g1}/households/new`, newHousehold(bad));
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect({ households: await db.household.count(), records: await records() }).toEqual(before);
  });

  it("stores the status with its certification date and the women's count", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post(`/groups/${world.groups.g1}/households/new`, newHousehold());
    expect(res.status).toBe(302);
    const h = await db.household.findFirstOrThrow({ where: { headName: "Hồ Văn Mới" } });
    expect(h).toMatchObject({ povertyStatus: "near_poor", members: 5, membersFemale: 3 });
    // The trigger's undated registration, then the form's dated one, by the leader.
    expect((await povertyHistory(h.id)).map((r) => [r.status, r.certifiedOn, r.source, r.recordedById])).toEqual([
      ["near_poor", null, "registration", null],
      ["near_poor", "2024-12-20", "registration", world.users.leader1.id],
    ]);
  });
});

describe("updating the status of a household", () => {
  const path = () => `/groups/${world.groups.g1}/households/${world.households.hh1.id}`;

  it("the edit form no longer changes the status", async () => {
    const c = await as(world.users.leader1.email);
    const before = await records();
    const res = await c.post(path(), { headName: "Hồ Thị Lan", headSex: "female", povertyStatus: "non_poor", members: "5", membersFemale: "3" });
    expect(res.status).toBe(302);
    const h = await db.household.findUniqueOrThrow({ where: { id: world.households.hh1.id } });
    expect(h).toMatchObject({ povertyStatus: "poor", membersFemale: 3 });
    expect(await records()).toBe(before);
  });

  it("refuses a status without a date or dated in the future; nothing written", async () => {
    const c = await as(world.users.leader1.email);
    const before = await records();
    for (const [fields, message] of [
      [{ intent: "poverty", povertyStatus: "newly_escaped", povertyCertifiedOn: "" }, "Vui lòng nhập thông tin này."],
      [{ intent: "poverty", povertyStatus: "newly_escaped", povertyCertifiedOn: tomorrow() }, "Ngày không được sau hôm nay."],
      [{ intent: "poverty", povertyStatus: "", povertyCertifiedOn: "2025-03-01" }, "Vui lòng nhập thông tin này."],
    ] as const) {
      const res = await c.post(path(), fields);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await records()).toBe(before);
    expect((await db.household.findUniqueOrThrow({ where: { id: world.households.hh1.id } })).povertyStatus).toBe("poor");
  });

  it("appends a dated record and shows the history with who wrote it", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post(path(), { intent: "poverty", povertyStatus: "newly_escaped", povertyCertifiedOn: "2025-03-01" });
    expect(res.status).toBe(302);
    const history = await povertyHistory(world.households.hh1.id);
    expect(history.at(-1)).toMatchObject({ status: "newly_escaped", certifiedOn: "2025-03-01", source: "edit", recordedById: world.users.leader1.id });
    expect((await db.household.findUniqueOrThrow({ where: { id: world.households.hh1.id } })).povertyStatus).toBe("newly_escaped");
    const html = await (await c.get(path())).text();
    for (const text of [
      "Lịch sử tình trạng nghèo",
      "01/03/2025",
      "<td>Hộ mới thoát nghèo</td>",
      "<td>Cập nhật</td>",
      "<td>Hồ Thị Lan</td>",
      "Khi đăng ký (không rõ ngày)",
    ])
      expect(html).toContain(text);
  });

  it("another group's leader, a member and the project's staff cannot append a record", async () => {
    const before = await records();
    for (const email of [world.users.leader2.email, world.users.member1.email, world.users.project.email]) {
      const c = await as(email);
      const res = await c.post(path(), { intent: "poverty", povertyStatus: "non_poor", povertyCertifiedOn: "2025-04-01" });
      expect([403, 404], email).toContain(res.status);
    }
    // leader2's own group with g1's household: not found.
    const c = await as(world.users.leader2.email);
    const res = await c.post(`/groups/${world.groups.g2}/households/${world.households.hh1.id}`, {
      intent: "poverty",
      povertyStatus: "non_poor",
      povertyCertifiedOn: "2025-04-01",
    });
    expect(res.status).toBe(404);
    expect(await records()).toBe(before);
  });
});
