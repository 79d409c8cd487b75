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
  povertyCertifiedOn: "2024-03-01",
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
    const res = await c.post(`/groups/${world.groups.g1}/edit`, { name: "Chiếm quyền", provinceCode: "14", commune: "Tân Xuân" });
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
    const res = await c.post("/orgs/new", { name: "UBND giả", kind: "authority", provinceCode: "14" });
    expect(res.status).toBe(400);
    expect(await db.organisation.count({ where: { kind: "authority" } })).toBe(before);
  });
});

describe("the contract page's access test (fixed SQL) and the query rule", () => {
  it("agree for every contract and every kind of caller: buyers, project owners, authorities by province and by district, group members, administrators", async () => {
    const { contractVisible, contractsVisibleWhere } = await import("~/domain/contracts.server");
    const { seesGroupWhole, wholeGroupsWhere } = await import("~/domain/access.server");
    const { write } = await import("~/utils/db.server");
    // Groups placed so that every term of the rule is met and missed: same province other former
    // district, a commune that took in two former districts, no former district, with and without a project.
    const places: [string, string | null, string][] = [
      ["44", "Hướng Hóa", "19441"],
      ["44", "Đakrông", "19495"],
      ["44", null, "19441"],
      ["14", "Vân Hồ", "04048"],
      ["14", "Mai Sơn", "04048"],
      ["14", null, "04006"],
    ];
    const made = await write(async (tx) => {
      const product = await tx.product.create({ data: { ref: "perm-coffee", name: "Cà phê" } });
      const season = await tx.season.create({ data: { ref: "perm-2026", productId: product.id, name: "Vụ 2026", start: "2026-01-01", end: "2026-12-31" } });
      const org = (ref: string, kind: string) => tx.organisation.create({ data: { ref, kind, name: ref } });
      const buyers = [await org("perm-b1", "cooperative"), await org("perm-b2", "enterprise")];
      const projects = [await org("perm-p1", "project_owner"), await org("perm-p2", "project_owner")];
      const groups = [];
      let n = 0;
      for (const [provinceCode, formerDistrict, communeCode] of places) {
        for (const project of [null, ...projects]) {
          groups.push(
            await tx.farmerGroup.create({
              data: {
                ref: `perm-g${++n}`,
                name: `Tổ ${n}`,
                provinceCode,
                communeCode,
                province: provinceCode,
                commune: communeCode,
                formerDistrict,
                projectOwnerId: project?.id ?? null,
              },
            }),
          );
        }
      }
      const contracts = [];
      for (const g of groups) {
        for (const b of buyers) {
          contracts.push(
            await tx.contract.create({
              data: {
                ref: `perm-c${g.ref}-${b.ref}`,
                buyerId: b.id,
                groupId: g.id,
                seasonId: season.id,
                status: "active",
                areaHa: 1,
                volumeTonnes: 1,
                paymentTermsDays: 30,
              },
            }),
          );
        }
      }
      return { buyers, projects, groups };
    });
    const orgAccess = (
      o: { id: string; ref: string; kind: string },
      provinceCode: string | null = null,
      formerDistrict: string | null = null,
      communeCode: string | null = null,
    ) => ({
      id: o.id,
      ref: o.ref,
      name: o.ref,
      kind: o.kind as never,
      role: "viewer" as never,
      provinceCode,
      communeCode,
      formerDistrict,
    });
    const authority = { id: "perm-auth", ref: "perm-auth", kind: "authority" };
    const user = (isSiteAdmin = false) => ({ id: "u", name: "u", email: null, phone: null, locale: "vi", isSiteAdmin });
    const [g0, g1] = made.groups;
    const callers: Record<string, import("~/domain/access.server").Access> = {
      nobody: { user: user(), orgs: [], groups: [] },
      admin: { user: user(true), orgs: [], groups: [] },
      buyer: { user: user(), orgs: [orgAccess(made.buyers[0])], groups: [] },
      buyerAndProject: { user: user(), orgs: [orgAccess(made.buyers[1]), orgAccess(made.projects[0])], groups: [] },
      project: { user: user(), orgs: [orgAccess(made.projects[1])], groups: [] },
      authorityProvince: { user: user(), orgs: [orgAccess(authority, "44")], groups: [] },
      authorityDistrict: { user: user(), orgs: [orgAccess(authority, "14", "Vân Hồ")], groups: [] },
      authorityCommune: { user: user(), orgs: [orgAccess(authority, "14", null, "04048")], groups: [] },
      authorityEmptyDistrict: { user: user(), orgs: [orgAccess(authority, "14", "")], groups: [] },
      authorityNoProvince: { user: user(), orgs: [orgAccess(authority, null, "Vân Hồ")], groups: [] },
      leader: { user: user(), orgs: [], groups: [{ id: g0.id, name: g0.name, role: "group_leader", householdId: null }] },
      member: { user: user(), orgs: [orgAccess(made.buyers[0])], groups: [{ id: g1.id, name: g1.name, role: "group_member", householdId: null }] },
    };
    const all = await db.contract.findMany({
      select: {
        id: true,
        buyerId: true,
        group: { select: { id: true, projectOwnerId: true, provinceCode: true, communeCode: true, formerDistrict: true } },
      },
    });
    const groups = await db.farmerGroup.findMany({ select: { id: true, projectOwnerId: true, provinceCode: true, communeCode: true, formerDistrict: true } });
    expect(all.length).toBeGreaterThanOrEqual(30);
    for (const [who, access] of Object.entries(callers)) {
      const byRule = new Set((await db.contract.findMany({ where: contractsVisibleWhere(access), select: { id: true } })).map((c) => c.id));
      const byTest = new Set(all.filter((c) => contractVisible(access, c)).map((c) => c.id));
      expect([...byTest].sort(), who).toEqual([...byRule].sort());
      const wholeByRule = new Set((await db.farmerGroup.findMany({ where: wholeGroupsWhere(access), select: { id: true } })).map((g) => g.id));
      expect(
        groups
          .filter((g) => seesGroupWhole(access, g))
          .map((g) => g.id)
          .sort(),
        who,
      ).toEqual([...wholeByRule].sort());
    }
    // The callers between them see some contracts and not others: the comparison is not vacuous.
    const seen = (who: string) => all.filter((c) => contractVisible(callers[who], c)).length;
    expect(seen("nobody")).toBe(0);
    expect(seen("admin")).toBe(all.length);
    for (const who of ["buyer", "project", "authorityProvince", "authorityDistrict", "authorityCommune", "leader", "member"])
      expect(seen(who), who).toBeGreaterThan(0);
    for (const who of ["buyer", "project", "authorityProvince", "authorityDistrict", "authorityCommune", "leader"])
      expect(seen(who), who).toBeLessThan(all.length);
    // A commune's authority sees every group of its commune, whatever district it was in; a former
    // district's sees the groups recorded in the district and those registered since in a commune
    // made wholly from it (Song Khủa), not those of another district now in a shared commune (Mai Sơn).
    const mine = new Set(made.groups.map((g) => g.id));
    const seenGroups = (who: string) =>
      new Set(groups.filter((g) => mine.has(g.id) && seesGroupWhole(callers[who], g)).map((g) => `${g.communeCode}/${g.formerDistrict}`));
    expect([...seenGroups("authorityCommune")].sort()).toEqual(["04048/Mai Sơn", "04048/Vân Hồ"]);
    expect([...seenGroups("authorityDistrict")].sort()).toEqual(["04006/null", "04048/Vân Hồ"]);
  });
});
