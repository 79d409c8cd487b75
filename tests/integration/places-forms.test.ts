// Places in the group and organisation forms (issue 12), over real HTTP against the built app:
// a province by code and a commune picked (its code) or only typed (read within the province),
// the field errors in Vietnamese naming the closest candidates, nothing written on a refusal;
// the commune list the type-ahead loads; a split commune picked on the group's page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOf } from "../support/places";
import { sessionPool, startServer, type AppServer, type Client } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("places-forms");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { placeUnits } = await import("~/domain/places/units.server");
const { db, write, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let as: (login: string) => Promise<Client>;

const QUANG_TRI = "44";
const HUONG_PHUNG = "19441";

/** The group form as a browser posts it; override any field. */
const groupForm = (name: string, extra: Record<string, string> = {}) => ({
  name,
  provinceCode: QUANG_TRI,
  communeCode: "",
  commune: "",
  hamlet: "Thôn Cheng",
  foundedOn: "",
  projectOwnerId: "",
  lat: "",
  lng: "",
  ...extra,
});

const html = (res: Response) => res.text();

const groupsNamed = (name: string) => db.farmerGroup.count({ where: { name } });

beforeAll(async () => {
  world = await makeWorld();
  server = await startServer();
  as = sessionPool(() => server, PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("registering a group", () => {
  it("reads a commune typed without diacritics and without picking within the chosen province", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post("/groups/new", groupForm("Tổ cà phê gõ không dấu", { commune: "huong phung" }));
    expect(res.status).toBe(302);
    const g = await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ cà phê gõ không dấu" } });
    expect(res.headers.get("location")).toBe(`/groups/${g.id}?created=1`);
    expect(g).toMatchObject({
      provinceCode: QUANG_TRI,
      province: "Quảng Trị",
      communeCode: HUONG_PHUNG,
      commune: "Xã Hướng Phùng",
      hamlet: "Thôn Cheng",
      formerProvince: null,
      formerDistrict: null,
      formerCommune: null,
      placeCandidates: null,
    });
    const page = await html(await c.get(`/groups/${g.id}`));
    expect(page).toContain("Thôn Cheng, Xã Hướng Phùng, Quảng Trị");
    expect(page).not.toContain("Trước 7/2025");
  });

  it("takes a picked commune by its code", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post("/groups/new", groupForm("Tổ cà phê chọn mã", { communeCode: HUONG_PHUNG, commune: "Xã Hướng Phùng" }));
    expect(res.status).toBe(302);
    expect(await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ cà phê chọn mã" } })).toMatchObject({ communeCode: HUONG_PHUNG });
  });

  it("refuses a commune of another province, in Vietnamese, and writes nothing", async () => {
    const sonLa = placeUnits().communesOf.get("14")![0];
    const c = await as(world.users.leader1.email);
    const res = await c.post("/groups/new", groupForm("Tổ xã tỉnh khác", { communeCode: sonLa.code, commune: sonLa.name }));
    expect(res.status).toBe(400);
    expect(await html(res)).toContain(`Xã, phường “${sonLa.name}” không thuộc tỉnh đã chọn.`);
    expect(await groupsNamed("Tổ xã tỉnh khác")).toBe(0);
  });

  it("refuses an unknown province code and writes nothing", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post("/groups/new", groupForm("Tổ tỉnh không có", { provinceCode: "99", commune: "huong phung" }));
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("Không có tỉnh, thành phố “99”.");
    expect(await groupsNamed("Tổ tỉnh không có")).toBe(0);
  });

  it("refuses a misspelt commune, naming the closest candidates, and keeps what was typed", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post("/groups/new", groupForm("Tổ gõ sai", { commune: "Huong Phun" }));
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("Không có xã, phường “Huong Phun” trong tỉnh này.");
    expect(page).toMatch(/Có phải: “Xã Hướng Phùng”/);
    expect(page).toContain('value="Huong Phun"');
    expect(await groupsNamed("Tổ gõ sai")).toBe(0);
  });

  it("asks for a province and a commune", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post("/groups/new", groupForm("Tổ không nơi", { provinceCode: QUANG_TRI, commune: "" }));
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("Chọn tỉnh và xã, phường.");
    const res2 = await c.post("/groups/new", groupForm("Tổ không nơi", { provinceCode: "", commune: "huong phung" }));
    expect(res2.status).toBe(400);
    expect(await groupsNamed("Tổ không nơi")).toBe(0);
  });

  it("reads the words typed, not a code left from an earlier pick, once the box says another commune", async () => {
    const c = await as(world.users.leader1.email);
    const res = await c.post("/groups/new", groupForm("Tổ gõ đè", { communeCode: HUONG_PHUNG, commune: "huong lap" }));
    expect(res.status).toBe(302);
    expect(await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ gõ đè" } })).toMatchObject({ communeCode: "19435", commune: "Xã Hướng Lập" });
  });
});

describe("the commune list of the type-ahead", () => {
  it("answers a province's communes as JSON", async () => {
    const res = await fetch(`${server.url}/places/communes?province=${QUANG_TRI}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    // The one app answer a browser may keep: public data, the same for everyone.
    expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
    const list = (await res.json()) as { code: string; name: string }[];
    expect(list).toHaveLength(placeUnits().communesOf.get(QUANG_TRI)!.length);
    expect(list).toContainEqual({ code: HUONG_PHUNG, name: "Xã Hướng Phùng" });
  });

  it("answers an unknown province with a JSON 404", async () => {
    for (const q of ["99", "", "%3Cscript%3E"]) {
      const res = await fetch(`${server.url}/places/communes?province=${q}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("place.unknownProvince");
    }
  });
});

describe("a group recorded before July 2025", () => {
  it("shows its current place and, under it, where it was then", async () => {
    const c = await as(world.users.leader1.email);
    const page = await html(await c.get(`/groups/${world.groups.g1}`));
    expect(page).toContain("Xã Hướng Phùng, Quảng Trị");
    expect(page).toContain("Trước 7/2025: Hướng Phùng, Hướng Hóa, Quảng Trị");
  });

  it("keeps its former place when edited without changing the place, and takes a new reading when the place changes", async () => {
    const c = await as(world.users.leader1.email);
    const before = await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } });
    const keep = await c.post(
      `/groups/${world.groups.g1}/edit`,
      groupForm("Tổ hợp tác cà phê Hướng Phùng 1", { communeCode: before.communeCode!, commune: before.commune, projectOwnerId: before.projectOwnerId ?? "" }),
    );
    expect(keep.status).toBe(302);
    const kept = await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } });
    expect(kept).toMatchObject({
      formerProvince: "Quảng Trị",
      formerDistrict: "Hướng Hóa",
      formerCommune: "Hướng Phùng",
      communeCode: HUONG_PHUNG,
      hamlet: "Thôn Cheng",
    });

    const sonLa = placeUnits().communesOf.get("14")![0];
    const bad = await c.post(`/groups/${world.groups.g1}/edit`, groupForm("Tổ hợp tác cà phê Hướng Phùng 1", { communeCode: sonLa.code, commune: sonLa.name }));
    expect(bad.status).toBe(400);
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } })).toMatchObject({ communeCode: HUONG_PHUNG, formerDistrict: "Hướng Hóa" });
  });
});

describe("a group whose old commune was split", () => {
  let groupId: string;
  let candidates: string[];

  beforeAll(async () => {
    const place = placeOf("Sơn La", "Mộc Châu", "Mường Sang");
    candidates = JSON.parse(place.placeCandidates!) as string[];
    const g = await write((tx) =>
      tx.farmerGroup.create({ data: { ref: "tg-muong-sang", name: "Tổ chè Mường Sang", ...place, projectOwnerId: world.orgs.projectOrg.id } }),
    );
    await write((tx) => tx.membership.create({ data: { userId: world.users.leader2.id, groupId: g.id, role: "group_leader", acceptedAt: new Date() } }));
    groupId = g.id;
  });

  it("asks its leader to pick the current commune among the candidates, and marks it in the list", async () => {
    expect(candidates.length).toBeGreaterThan(1);
    const c = await as(world.users.leader2.email);
    const page = await html(await c.get(`/groups/${groupId}`));
    expect(page).toContain("Chọn xã hiện nay của tổ");
    for (const code of candidates) {
      expect(page).toContain(`value="${code}"`);
      expect(page).toContain(placeUnits().communes.get(code)!.name);
    }
    expect(page).toContain("Trước 7/2025: Mường Sang, Mộc Châu, Sơn La");
    expect(await html(await c.get("/groups"))).toContain("Chưa chọn xã");
  });

  it("tells those who may not edit the group that its leader will pick, without the form", async () => {
    const c = await as(world.users.project.email);
    const page = await html(await c.get(`/groups/${groupId}`));
    expect(page).toContain("Tổ trưởng sẽ chọn xã hiện nay của tổ.");
    expect(page).not.toContain('name="communeCode"');
  });

  it("refuses those who may not edit the group, and writes nothing", async () => {
    const viewer = await as(world.users.project.email); // sees the group through its project
    expect((await viewer.post(`/groups/${groupId}`, { intent: "pickCommune", communeCode: candidates[0] })).status).toBe(403);
    const stranger = await as(world.users.leader1.email); // another group's leader
    expect((await stranger.post(`/groups/${groupId}`, { intent: "pickCommune", communeCode: candidates[0] })).status).toBe(404);
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({ communeCode: null, commune: "Mường Sang" });
  });

  it("refuses a commune that is not one of the candidates", async () => {
    const c = await as(world.users.leader2.email);
    const other = placeUnits()
      .communesOf.get("14")!
      .find((x) => !candidates.includes(x.code))!;
    for (const code of [other.code, HUONG_PHUNG, "", "nope"]) {
      const res = await c.post(`/groups/${groupId}`, { intent: "pickCommune", communeCode: code });
      expect(res.status).toBe(400);
      expect(await html(res)).toContain("Chọn một trong các xã được liệt kê.");
    }
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({
      communeCode: null,
      placeCandidates: JSON.stringify(candidates),
    });
  });

  it("keeps the candidates when the group is edited without touching its place", async () => {
    const c = await as(world.users.leader2.email);
    const res = await c.post(`/groups/${groupId}/edit`, groupForm("Tổ chè Mường Sang", { provinceCode: "14", commune: "Mường Sang" }));
    expect(res.status).toBe(302);
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({
      communeCode: null,
      placeCandidates: JSON.stringify(candidates),
      formerDistrict: "Mộc Châu",
    });
  });

  it("takes a candidate its leader picks, keeping the former place", async () => {
    const c = await as(world.users.leader2.email);
    const res = await c.post(`/groups/${groupId}`, { intent: "pickCommune", communeCode: candidates[1] });
    expect(res.status).toBe(200);
    const picked = placeUnits().communes.get(candidates[1])!;
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({
      provinceCode: "14",
      province: "Sơn La",
      communeCode: picked.code,
      commune: picked.name,
      placeCandidates: null,
      formerProvince: "Sơn La",
      formerDistrict: "Mộc Châu",
      formerCommune: "Mường Sang",
    });
    const page = await html(await c.get(`/groups/${groupId}`));
    expect(page).toContain(`${picked.name}, Sơn La`);
    expect(page).not.toContain("Chọn xã hiện nay của tổ");
    // Once picked, the others are no longer candidates.
    expect((await c.post(`/groups/${groupId}`, { intent: "pickCommune", communeCode: candidates[0] })).status).toBe(400);
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: groupId } })).toMatchObject({ communeCode: picked.code });
  });
});

describe("organisations", () => {
  it("may name no place, or a province only", async () => {
    const c = await as(world.users.buyerB.email);
    expect((await c.post("/orgs/new", { name: "HTX không địa bàn", kind: "cooperative", provinceCode: "", commune: "" })).status).toBe(302);
    expect(await db.organisation.findFirstOrThrow({ where: { name: "HTX không địa bàn" } })).toMatchObject({ provinceCode: null, communeCode: null });
    expect((await c.post("/orgs/new", { name: "Công ty chỉ tỉnh", kind: "enterprise", provinceCode: "14" })).status).toBe(302);
    expect(await db.organisation.findFirstOrThrow({ where: { name: "Công ty chỉ tỉnh" } })).toMatchObject({
      provinceCode: "14",
      province: "Sơn La",
      communeCode: null,
    });
  });

  it("refuse a commune without a province, or outside it, and write nothing", async () => {
    const c = await as(world.users.buyerB.email);
    const res = await c.post("/orgs/new", { name: "HTX xã lạc", kind: "cooperative", provinceCode: "", commune: "huong phung" });
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("Chọn tỉnh và xã, phường.");
    const res2 = await c.post("/orgs/new", { name: "HTX xã lạc", kind: "cooperative", provinceCode: "14", communeCode: HUONG_PHUNG, commune: "" });
    expect(res2.status).toBe(400);
    expect(await html(res2)).toContain("không thuộc tỉnh đã chọn");
    expect(await db.organisation.count({ where: { name: "HTX xã lạc" } })).toBe(0);
  });

  it("an authority, created by the site administrator, names a province and may name a commune", async () => {
    const admin = await as(world.users.admin.email);
    const none = await admin.post("/admin", { intent: "createAuthority", kind: "authority", name: "UBND không địa bàn", provinceCode: "" });
    expect(none.status).toBe(400);
    expect(await db.organisation.count({ where: { name: "UBND không địa bàn" } })).toBe(0);
    const ok = await admin.post("/admin", {
      intent: "createAuthority",
      kind: "authority",
      name: "UBND xã Hướng Phùng",
      provinceCode: QUANG_TRI,
      commune: "huong phung",
    });
    expect(ok.status).toBe(200);
    expect(await db.organisation.findFirstOrThrow({ where: { name: "UBND xã Hướng Phùng" } })).toMatchObject({
      kind: "authority",
      provinceCode: QUANG_TRI,
      communeCode: HUONG_PHUNG,
    });
  });

  it("keeps the representative its contracts name, set by its own administrator", async () => {
    const orgA = world.orgs.orgA;
    const orgAdmin = await as(world.users.buyerA.email);
    const res = await orgAdmin.post(`/orgs/${orgA.id}`, {
      intent: "update",
      name: orgA.name,
      representativeName: "Trần Văn Nam",
      representativeTitle: "Giám đốc",
    });
    expect(res.status).toBe(200);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: orgA.id } })).toMatchObject({
      representativeName: "Trần Văn Nam",
      representativeTitle: "Giám đốc",
    });
    expect(await html(await orgAdmin.get(`/orgs/${orgA.id}`))).toContain("Trần Văn Nam");
  });

  it("only the site administrator moves one; a move left unchanged keeps an authority's former district", async () => {
    const authority = world.orgs.authorityOrg;
    const orgAdmin = await as(world.users.buyerA.email);
    const orgA = world.orgs.orgA;
    expect((await orgAdmin.post(`/orgs/${orgA.id}`, { intent: "update", name: orgA.name, provinceCode: "14", commune: "" })).status).toBe(200);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: orgA.id } })).toMatchObject({ provinceCode: QUANG_TRI, formerDistrict: "Hướng Hóa" });

    const admin = await as(world.users.admin.email);
    const same = await admin.post(`/orgs/${authority.id}`, {
      intent: "update",
      name: "UBND huyện Hướng Hóa (cũ)",
      provinceCode: QUANG_TRI,
      communeCode: "",
      commune: "",
    });
    expect(same.status).toBe(200);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: authority.id } })).toMatchObject({
      name: "UBND huyện Hướng Hóa (cũ)",
      provinceCode: QUANG_TRI,
      formerDistrict: "Hướng Hóa",
    });
    const moved = await admin.post(`/orgs/${orgA.id}`, { intent: "update", name: orgA.name, provinceCode: "14", commune: "" });
    expect(moved.status).toBe(200);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: orgA.id } })).toMatchObject({ provinceCode: "14", province: "Sơn La", formerDistrict: null });
  });
});
