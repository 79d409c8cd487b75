// Adding someone to a group or organisation is an invitation, over real HTTP with the demo
// programme: a stranger who types phone numbers into its own group's or cooperative's member
// form learns nothing (the same answer for an account that exists and one that does not, no
// name in the list) and gains nothing (the invitee is not a member, not notified as one, until
// they accept in their own inbox).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("trust-invitations");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { createGroup } = await import("~/domain/groups.server");
const { createOrganisation } = await import("~/domain/orgs.server");
const { groupLeaderIds, buyerUserIds } = await import("~/domain/notifications.server");
const { hashPassword } = await import("~/utils/password.server");
const { db, write, disconnect } = await import("~/utils/db.server");

const HIEN = "0912000001"; // Côn Thị Hiền, a household member of group Hướng Phùng 1
const HIEN_NAME = "Côn Thị Hiền";
const UNKNOWN = "0987650001"; // no account
const STRANGER = "la@invite.vn";

let server: AppServer;
let as: (login: string) => Promise<Client>;
let ids: { hien: string; group: string; coop: string };

beforeAll(async () => {
  await loadDemoProgramme();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const stranger = await write((tx) => tx.user.create({ data: { email: STRANGER, name: "Người Lạ", passwordHash } }));
  const g = await createGroup(
    { userId: stranger.id, isSiteAdmin: false },
    {
      name: "Tổ của người lạ",
      province: "Quảng Trị",
      district: "Hướng Hóa",
      commune: "Hướng Phùng",
      hamlet: null,
      lat: null,
      lng: null,
      projectOwnerId: null,
      foundedOn: null,
    },
  );
  if (!g.ok) throw new Error("group");
  const created = await createOrganisation(stranger.id, {
    name: "HTX của người lạ",
    kind: "cooperative",
    province: "Quảng Trị",
    district: "Hướng Hóa",
    commune: null,
    phone: null,
    lat: null,
    lng: null,
  });
  if (!created.ok) throw new Error("coop");
  const hien = await db.user.findUniqueOrThrow({ where: { phone: HIEN }, select: { id: true } });
  ids = { hien: hien.id, group: g.id, coop: created.org.id };
  server = await startServer();
  as = sessionPool(() => server, DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

/** The page's status messages, the only answer a person reads. */
async function answer(res: Response): Promise<{ status: number; messages: string[] }> {
  const html = await res.text();
  const messages = [...html.matchAll(/role="(?:status|alert)"[^>]*>([^<]*)</g)].map((m) => m[1].trim());
  return { status: res.status, messages };
}

/** A member list's row for `login`, with the login and the row's ids blanked out. */
function listRow(html: string, login: string): string {
  const row = [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) => m[1]).filter((r) => r.includes(login));
  expect(row, login).toHaveLength(1);
  return row[0].replaceAll(login, "LOGIN").replace(/value="[^"]*"/g, 'value=""');
}

const groupInvite = (login: string) => ({ login, role: "group_leader", householdId: "", name: "", password: "" });
const coopInvite = (login: string) => ({ intent: "addMember", login, role: "buyer_admin", name: "", password: "" });

describe("a stranger typing phone numbers into its own group's member form", () => {
  it("gets the same answer for an existing account and for no account", async () => {
    const c = await as(STRANGER);
    const known = await answer(await c.post(`/groups/${ids.group}/members`, groupInvite(HIEN)));
    const unknown = await answer(await c.post(`/groups/${ids.group}/members`, groupInvite(UNKNOWN)));
    expect(known.status).toBe(200);
    expect(known).toEqual(unknown);
    expect(known.messages).toContain("Nếu tài khoản này tồn tại, người đó sẽ nhận được lời mời.");
    // Asking again (already invited) answers the same too.
    expect(await answer(await c.post(`/groups/${ids.group}/members`, groupInvite(HIEN)))).toEqual(known);
  });

  it("sees the two invitations alike in the list: the login it typed, never a name", async () => {
    const html = await (await (await as(STRANGER)).get(`/groups/${ids.group}/members`)).text();
    expect(html).not.toContain(HIEN_NAME);
    const known = listRow(html, HIEN);
    expect(known).toContain("chờ xác nhận");
    expect(known).toEqual(listRow(html, UNKNOWN));
  });

  it("makes nobody a member: the invitee has no access and gets no group notices", async () => {
    const hien = await as(HIEN);
    expect((await hien.get(`/groups/${ids.group}`)).status).toBe(404);
    const pending = await db.membership.findFirstOrThrow({ where: { userId: ids.hien, groupId: ids.group } });
    expect(pending.acceptedAt).toBeNull();
    expect(await write((tx) => groupLeaderIds(tx, [ids.group]))).not.toContain(ids.hien);
    expect(await db.user.count({ where: { phone: UNKNOWN } })).toBe(0);
  });
});

describe("the invitee", () => {
  it("sees the invitation in the inbox; nobody else can answer it", async () => {
    const hien = await as(HIEN);
    const html = await (await hien.get("/inbox")).text();
    expect(html).toContain("Tổ của người lạ");
    const m = await db.membership.findFirstOrThrow({ where: { userId: ids.hien, groupId: ids.group } });
    for (const other of [STRANGER, "leader@caunoi.vn"]) {
      const res = await (await as(other)).post("/inbox", { intent: "accept", membershipId: m.id });
      expect(res.status, other).toBe(404);
    }
    expect((await db.membership.findUniqueOrThrow({ where: { id: m.id } })).acceptedAt).toBeNull();
  });

  it("accepts: then the membership counts", async () => {
    const hien = await as(HIEN);
    const m = await db.membership.findFirstOrThrow({ where: { userId: ids.hien, groupId: ids.group } });
    expect((await hien.post("/inbox", { intent: "accept", membershipId: m.id })).status).toBe(200);
    expect((await hien.get(`/groups/${ids.group}`)).status).toBe(200);
    expect(await write((tx) => groupLeaderIds(tx, [ids.group]))).toContain(ids.hien);
    // Accepted, the list shows the person.
    expect(await (await (await as(STRANGER)).get(`/groups/${ids.group}/members`)).text()).toContain(HIEN_NAME);
    // An accepted membership is no longer an invitation to answer.
    expect((await hien.post("/inbox", { intent: "decline", membershipId: m.id })).status).toBe(404);
  });

  it("declines: no membership is left", async () => {
    const stranger = await as(STRANGER);
    const known = await answer(await stranger.post(`/orgs/${ids.coop}`, coopInvite(HIEN)));
    const unknown = await answer(await stranger.post(`/orgs/${ids.coop}`, coopInvite(UNKNOWN)));
    expect(known).toEqual(unknown);
    expect(known.messages).toContain("Nếu tài khoản này tồn tại, người đó sẽ nhận được lời mời.");
    expect(await (await stranger.get(`/orgs/${ids.coop}`)).text()).not.toContain(HIEN_NAME);
    const hien = await as(HIEN);
    expect((await hien.get(`/orgs/${ids.coop}`)).status).toBe(404);
    expect(await write((tx) => buyerUserIds(tx, ids.coop))).not.toContain(ids.hien);
    const m = await db.membership.findFirstOrThrow({ where: { userId: ids.hien, organisationId: ids.coop } });
    expect((await hien.post("/inbox", { intent: "decline", membershipId: m.id })).status).toBe(200);
    expect(await db.membership.count({ where: { userId: ids.hien, organisationId: ids.coop } })).toBe(0);
    expect((await hien.get(`/orgs/${ids.coop}`)).status).toBe(404);
  });
});

describe("a login with no account", () => {
  it("keeps its invitation until someone signs up with it, who then accepts or declines like anyone", async () => {
    expect(await db.openInvitation.count({ where: { login: UNKNOWN } })).toBe(2); // the group and the cooperative
    const c = new Client(server.url);
    const res = await c.post("/signup", { name: "Người Mới", email: "", phone: UNKNOWN, password: "Mat-khau-moi-2026!", confirm: "Mat-khau-moi-2026!" });
    expect(res.status).toBe(302);
    expect(await db.openInvitation.count({ where: { login: UNKNOWN } })).toBe(0);
    const fresh = new Client(server.url);
    await fresh.login(UNKNOWN, "Mat-khau-moi-2026!");
    expect(await (await fresh.get("/inbox")).text()).toContain("Tổ của người lạ");
    expect((await fresh.get(`/groups/${ids.group}`)).status).toBe(404);
    const m = await db.membership.findFirstOrThrow({ where: { groupId: ids.group, user: { phone: UNKNOWN } } });
    expect(m.acceptedAt).toBeNull();
    expect((await fresh.post("/inbox", { intent: "accept", membershipId: m.id })).status).toBe(200);
    expect((await fresh.get(`/groups/${ids.group}`)).status).toBe(200);
  });
});

describe("the inviter", () => {
  it("cancels a pending invitation, and only a pending one of its own", async () => {
    const stranger = await as(STRANGER);
    await stranger.post(`/orgs/${ids.coop}`, coopInvite("leader@caunoi.vn"));
    const leader = await db.user.findUniqueOrThrow({ where: { email: "leader@caunoi.vn" }, select: { id: true } });
    const m = await db.membership.findFirstOrThrow({ where: { userId: leader.id, organisationId: ids.coop } });
    expect((await stranger.post(`/orgs/${ids.coop}`, { intent: "removeMember", membershipId: m.id })).status).toBe(200);
    expect(await db.membership.count({ where: { id: m.id } })).toBe(0);

    await stranger.post(`/groups/${ids.group}/members`, groupInvite("leader@caunoi.vn"));
    const g = await db.membership.findFirstOrThrow({ where: { userId: leader.id, groupId: ids.group } });
    const other = await db.membership.findFirstOrThrow({ where: { userId: leader.id, groupId: { not: ids.group } } });
    expect((await stranger.post(`/groups/${ids.group}/members`, { intent: "cancelInvitation", membershipId: other.id })).status).toBe(404);
    expect((await stranger.post(`/groups/${ids.group}/members`, { intent: "cancelInvitation", membershipId: g.id })).status).toBe(200);
    expect(await db.membership.count({ where: { id: { in: [g.id, other.id] } } })).toBe(1);

    await stranger.post(`/orgs/${ids.coop}`, coopInvite("0987650009"));
    const open = await db.openInvitation.findFirstOrThrow({ where: { login: "0987650009" } });
    expect((await stranger.post(`/groups/${ids.group}/members`, { intent: "cancelInvitation", membershipId: open.id })).status).toBe(404);
    expect((await stranger.post(`/orgs/${ids.coop}`, { intent: "removeMember", membershipId: open.id })).status).toBe(200);
    expect(await db.openInvitation.count({ where: { id: open.id } })).toBe(0);
  });

  it("cannot leave its organisation to a pending administrator: an invitation is not an administrator yet", async () => {
    const stranger = await as(STRANGER);
    await stranger.post(`/orgs/${ids.coop}`, coopInvite("buyer2@caunoi.vn"));
    const own = await db.membership.findFirstOrThrow({ where: { organisationId: ids.coop, user: { email: STRANGER } } });
    const res = await stranger.post(`/orgs/${ids.coop}`, { intent: "removeMember", membershipId: own.id });
    expect(res.status).toBe(400);
    expect(await db.membership.count({ where: { id: own.id } })).toBe(1);
  });

  it("still creates an account for someone without one, a member at once", async () => {
    const stranger = await as(STRANGER);
    const res = await stranger.post(`/groups/${ids.group}/members`, {
      login: "0987650002",
      role: "group_leader",
      householdId: "",
      name: "Hồ Văn Mới",
      password: "Mat-khau-ban-dau-2026",
    });
    expect((await answer(res)).messages).toContain("Đã lưu.");
    const m = await db.membership.findFirstOrThrow({ where: { groupId: ids.group, user: { phone: "0987650002" } } });
    expect(m.acceptedAt).not.toBeNull();
    const fresh = new Client(server.url);
    await fresh.login("0987650002", "Mat-khau-ban-dau-2026");
    expect((await fresh.get(`/groups/${ids.group}`)).status).toBe(200);
  });

  it("typing a name and password for a taken login only invites, with the same answer", async () => {
    const stranger = await as(STRANGER);
    const taken = await answer(
      await stranger.post(`/orgs/${ids.coop}`, { ...coopInvite("staff@caunoi.vn"), name: "Ai đó", password: "Mat-khau-ban-dau-2026" }),
    );
    const none = await answer(await stranger.post(`/orgs/${ids.coop}`, coopInvite("0987650003")));
    expect(taken).toEqual(none);
    const m = await db.membership.findFirstOrThrow({ where: { organisationId: ids.coop, user: { email: "staff@caunoi.vn" } } });
    expect(m.acceptedAt).toBeNull();
    // The account's name and password are untouched.
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@caunoi.vn" } });
    expect(staff.name).toBe("Lê Thị Thu");
  });
});
