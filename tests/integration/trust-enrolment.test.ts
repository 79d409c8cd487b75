// A group counts for a project only when the project takes it in: a stranger's group that names
// the demo project stays out of its figures until the project's administrator accepts it
// (docs/decisions/0015-project-enrolment.md). Over real HTTP, on the demo programme.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, sessionPool, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("trust-enrolment");
const { loadDemoProgramme, DEMO_PASSWORD } = await import("~/domain/demo.server");
const { createToken } = await import("~/domain/api-tokens.server");
const { db, disconnect } = await import("~/utils/db.server");

let server: AppServer;
let as: (login: string) => Promise<Client>;
let project: { id: string; ref: string };
let token: string;
let stranger: Client;
const STRONG = "Rau-cải-xanh-mướt-2026";

const groupFields = (name: string, projectOwnerId: string) => ({
  name,
  provinceCode: "14",
  communeCode: "",
  commune: "Tân Xuân",
  hamlet: "",
  lat: "",
  lng: "",
  projectOwnerId,
  foundedOn: "",
});

async function exportedGroups(): Promise<string[]> {
  const res = await fetch(`${server.url}/api/v1/export`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { farmerGroups: { name: string }[] }).farmerGroups.map((g) => g.name);
}

beforeAll(async () => {
  await loadDemoProgramme();
  project = await db.organisation.findUniqueOrThrow({ where: { ref: "hlhpn-sinh-ke" }, select: { id: true, ref: true } });
  const admin = await db.user.findFirstOrThrow({ where: { email: "project@caunoi.vn" } });
  token = (await createToken(project.id, "enrolment", admin.id)).token;
  server = await startServer();
  as = sessionPool(() => server, DEMO_PASSWORD);
  stranger = new Client(server.url);
  await stranger.post("/signup", { name: "Người lạ", email: "la@example.com", phone: "", password: STRONG, confirm: STRONG });
  await stranger.login("la@example.com", STRONG);
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("a group that names a project", () => {
  it("is only a request: the project's export and group list leave it out, its administrators are told", async () => {
    const res = await stranger.post("/groups/new", groupFields("Tổ của người lạ", project.id));
    expect(res.status).toBe(302);
    const group = await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ của người lạ" } });
    expect([group.projectOwnerId, group.projectRequestedId]).toEqual([null, project.id]);
    expect(await exportedGroups()).not.toContain("Tổ của người lạ");
    const admin = await as("project@caunoi.vn");
    expect((await admin.get(`/groups/${group.id}`)).status).toBe(404);
    const inbox = await (await admin.get("/inbox")).text();
    expect(inbox).toContain("Tổ của người lạ xin tham gia dự án");
    const page = await (await stranger.get(`/groups/${group.id}`)).text();
    expect(page).toContain('id="project-pending"');
  });

  it("saving the group's other details keeps the request; only the project decides it", async () => {
    const group = await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ của người lạ" } });
    expect((await stranger.post(`/groups/${group.id}/edit`, groupFields("Tổ của người lạ", project.id))).status).toBe(302);
    expect((await db.farmerGroup.findUniqueOrThrow({ where: { id: group.id } })).projectRequestedId).toBe(project.id);
    // Neither the group's leader nor another organisation's administrator can decide it.
    const buyer = await as("buyer@caunoi.vn");
    const buyerOrg = await db.organisation.findUniqueOrThrow({ where: { ref: "htx-khe-sanh" } });
    for (const [c, org] of [
      [stranger, project.id],
      [buyer, project.id],
      [buyer, buyerOrg.id],
    ] as const) {
      const r = await c.post(`/orgs/${org}`, { intent: "decideGroup", groupId: group.id, decision: "accept" });
      expect([400, 403, 404]).toContain(r.status);
    }
    expect((await db.farmerGroup.findUniqueOrThrow({ where: { id: group.id } })).projectOwnerId).toBeNull();
  });

  it("the project's administrator sees the request and takes the group in; then it counts", async () => {
    const group = await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ của người lạ" } });
    const admin = await as("project@caunoi.vn");
    const org = await (await admin.get(`/orgs/${project.id}`)).text();
    expect(org).toContain('id="project-requests"');
    expect(org).toContain("Tổ của người lạ");
    const r = await admin.post(`/orgs/${project.id}`, { intent: "decideGroup", groupId: group.id, decision: "accept" });
    expect(r.status).toBe(200);
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ projectOwnerId: project.id, projectRequestedId: null });
    expect(await exportedGroups()).toContain("Tổ của người lạ");
    expect(await (await stranger.get("/inbox")).text()).toContain("vào dự án");
  });

  it("a declined request leaves the group out; the group may leave a project at once", async () => {
    expect((await stranger.post("/groups/new", groupFields("Tổ thứ hai", project.id))).status).toBe(302);
    const second = await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ thứ hai" } });
    const admin = await as("project@caunoi.vn");
    expect((await admin.post(`/orgs/${project.id}`, { intent: "decideGroup", groupId: second.id, decision: "decline" })).status).toBe(200);
    expect(await db.farmerGroup.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ projectOwnerId: null, projectRequestedId: null });
    expect(await exportedGroups()).not.toContain("Tổ thứ hai");

    const first = await db.farmerGroup.findFirstOrThrow({ where: { name: "Tổ của người lạ" } });
    expect((await stranger.post(`/groups/${first.id}/edit`, groupFields("Tổ của người lạ", ""))).status).toBe(302);
    expect((await db.farmerGroup.findUniqueOrThrow({ where: { id: first.id } })).projectOwnerId).toBeNull();
    expect(await exportedGroups()).not.toContain("Tổ của người lạ");
  });
});
