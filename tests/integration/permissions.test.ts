// Cross-organisation access over real HTTP against the built app: every kind of record that
// exists so far, reached by a guessed id from the wrong organisation, answers 404/403 and
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("permissions");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { db, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;

async function as(email: string): Promise<Client> {
  const c = new Client(server.url);
  await c.login(email, PASSWORD);
  return c;
}

const householdFields = {
  headName: "Người lạ",
  headSex: "male",
  povertyStatus: "poor",
  members: "3",
};

beforeAll(async () => {
  world = await makeWorld();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("signed-out visitors", () => {
  it("are sent to the login page from every private page", async () => {
    const c = new Client(server.url);
    for (const path of ["/groups", `/groups/${world.groups.g1}`, `/orgs/${world.orgs.orgA.id}`, "/orgs/new", "/admin"]) {
      const res = await c.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("cannot post to a private action", async () => {
    const c = new Client(server.url);
    const before = await db.household.count();
    const res = await c.post(`/groups/${world.groups.g1}/households/new`, householdFields);
    expect(res.status).toBe(302);
    expect(await db.household.count()).toBe(before);
  });
});

describe("farmer group leaders", () => {
  it("see their own group and not another one by URL", async () => {
    const c = await as(world.users.leader1.email);
    const own = await c.get(`/groups/${world.groups.g1}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("Côn Thị Mây");
    for (const path of [
      `/groups/${world.groups.g2}`,
      `/groups/${world.groups.g2}/edit`,
      `/groups/${world.groups.g2}/members`,
      `/groups/${world.groups.g2}/households/new`,
    ]) {
      expect((await c.get(path)).status, path).toBe(404);
    }
    const list = await (await c.get("/groups")).text();
    expect(list).toContain("Hướng Phùng 1");
    expect(list).not.toContain("Tân Xuân");
  });

  it("cannot add a household to another group", async () => {
    const c = await as(world.users.leader1.email);
    const before = await db.household.count({ where: { groupId: world.groups.g2 } });
    const res = await c.post(`/groups/${world.groups.g2}/households/new`, householdFields);
    expect(res.status).toBe(404);
    expect(await db.household.count({ where: { groupId: world.groups.g2 } })).toBe(before);
  });

  it("cannot read or edit another group's household through their own group's URL", async () => {
    const c = await as(world.users.leader1.email);
    const url = `/groups/${world.groups.g1}/households/${world.households.hh2.id}`;
    expect((await c.get(url)).status).toBe(404);
    const res = await c.post(url, { ...householdFields, headName: "Đã bị sửa" });
    expect(res.status).toBe(404);
    const hh2 = await db.household.findUniqueOrThrow({ where: { id: world.households.hh2.id } });
    expect(hh2.headName).toBe("Lò Thị Ánh");
  });

  it("cannot edit another group's details or accounts", async () => {
    const c = await as(world.users.leader2.email);
    const res = await c.post(`/groups/${world.groups.g1}/edit`, { name: "Chiếm quyền", province: "X", district: "Y", commune: "Z" });
    expect(res.status).toBe(404);
    const res2 = await c.post(`/groups/${world.groups.g1}/members`, { login: "leader2@test.vn", role: "group_leader" });
    expect(res2.status).toBe(404);
    const g1 = await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } });
    expect(g1.name).toBe("Tổ hợp tác cà phê Hướng Phùng 1");
    expect(await db.membership.count({ where: { groupId: world.groups.g1, userId: world.users.leader2.id } })).toBe(0);
  });
});

describe("group members", () => {
  it("see only their own household and cannot edit the group", async () => {
    const c = await as(world.users.member1.email);
    const page = await (await c.get(`/groups/${world.groups.g1}`)).text();
    expect(page).toContain("Côn Thị Mây");
    expect(page).not.toContain("Hồ Thị Lan</");
    expect((await c.get(`/groups/${world.groups.g1}/edit`)).status).toBe(403);
    const res = await c.post(`/groups/${world.groups.g1}/households/new`, householdFields);
    expect(res.status).toBe(403);
    expect(await db.household.count({ where: { groupId: world.groups.g1 } })).toBe(2);
  });
});

describe("buyers", () => {
  it("cannot open or change another buyer organisation", async () => {
    const c = await as(world.users.buyerA.email);
    expect((await c.get(`/orgs/${world.orgs.orgA.id}`)).status).toBe(200);
    expect((await c.get(`/orgs/${world.orgs.orgB.id}`)).status).toBe(404);
    const res = await c.post(`/orgs/${world.orgs.orgB.id}`, { intent: "addMember", login: "buyera@test.vn", role: "buyer_admin" });
    expect(res.status).toBe(404);
    const res2 = await c.post(`/orgs/${world.orgs.orgB.id}`, { intent: "update", name: "Bị đổi tên" });
    expect(res2.status).toBe(404);
    const orgB = await db.organisation.findUniqueOrThrow({ where: { id: world.orgs.orgB.id } });
    expect(orgB.name).toBe("Công ty Rau sạch Mộc Châu");
    expect(await db.membership.count({ where: { organisationId: world.orgs.orgB.id } })).toBe(1);
  });

  it("staff may read their organisation but not administer it", async () => {
    const c = await as(world.users.staffA.email);
    expect((await c.get(`/orgs/${world.orgs.orgA.id}`)).status).toBe(200);
    const res = await c.post(`/orgs/${world.orgs.orgA.id}`, { intent: "update", name: "Đổi tên" });
    expect(res.status).toBe(403);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: world.orgs.orgA.id } })).name).toBe("HTX Cà phê Khe Sanh");
  });

  it("do not see farmer groups they have no link with", async () => {
    const c = await as(world.users.buyerA.email);
    expect((await c.get(`/groups/${world.groups.g1}`)).status).toBe(404);
  });
});

describe("project owners and authorities", () => {
  it("a project owner sees its project's groups, read-only, and no others", async () => {
    const c = await as(world.users.project.email);
    expect((await c.get(`/groups/${world.groups.g1}`)).status).toBe(200);
    expect((await c.get(`/groups/${world.groups.g2}`)).status).toBe(404);
    expect((await c.get(`/groups/${world.groups.g1}/edit`)).status).toBe(403);
  });

  it("an authority sees the groups of its area only", async () => {
    const c = await as(world.users.authority.email);
    expect((await c.get(`/groups/${world.groups.g1}`)).status).toBe(200);
    expect((await c.get(`/groups/${world.groups.g2}`)).status).toBe(404);
    const res = await c.post(`/groups/${world.groups.g1}/households/new`, householdFields);
    expect(res.status).toBe(403);
  });

  it("nobody but a site administrator opens the admin page or creates an authority", async () => {
    const c = await as(world.users.buyerA.email);
    expect((await c.get("/admin")).status).toBe(404);
    const before = await db.organisation.count({ where: { kind: "authority" } });
    const res = await c.post("/orgs/new", { name: "UBND giả", kind: "authority", province: "Sơn La" });
    expect(res.status).toBe(400);
    expect(await db.organisation.count({ where: { kind: "authority" } })).toBe(before);
  });
});
