// Two of everything, so every test can try to cross from one organisation into the other.
// Written through the app's own domain functions against the test's database.
import type { HouseholdInput } from "~/domain/groups.schema";
import type { GroupData } from "~/domain/groups.server";
import type { OrgData } from "~/domain/orgs.server";
import type { OrgKind } from "~/domain/roles";

export const PASSWORD = "mat-khau-an-toan-1";

const household = (name: string, extra: Partial<HouseholdInput> = {}): HouseholdInput => ({
  headName: name,
  headSex: "female",
  ethnicMinority: true,
  ethnicity: "Vân Kiều",
  povertyStatus: "poor",
  members: 5,
  workers: 2,
  baselineIncomeVnd: 28_000_000,
  phone: null,
  ...extra,
});

// Places written the pre-2025 way (province, district, commune), read through the crosswalk as
// a record of then would be: the groups keep their former district, which an authority's area uses.
const group = (name: string, province: string, district: string, commune: string, projectOwnerId: string | null = null): GroupData => ({
  name,
  province,
  district,
  commune,
  hamlet: null,
  lat: 16.7,
  lng: 106.6,
  projectOwnerId,
  foundedOn: null,
});

export async function makeWorld() {
  const { signup } = await import("~/domain/accounts.server");
  const { createOrganisation, addMember } = await import("~/domain/orgs.server");
  const { createGroup, createHousehold, addGroupMember } = await import("~/domain/groups.server");
  const { decideRequest } = await import("~/domain/projects/enrolment.server");
  const { answerInvitation, myInvitations } = await import("~/domain/invitations.server");
  const { write } = await import("~/utils/db.server");
  // An existing account is only invited; its owner accepts, as in the inbox.
  const accept = async (userId: string) => {
    for (const inv of await myInvitations(userId)) if (!(await answerInvitation(userId, inv.id, true))) throw new Error("accept");
  };

  const user = async (email: string, name: string) => {
    const r = await signup({ name, email, password: PASSWORD, locale: "vi" });
    if (!r.ok) throw new Error(`signup ${email}`);
    return { id: r.userId, email };
  };
  const [leader1, leader2, buyerA, buyerB, staffA, member1, project, authority, admin] = await Promise.all([
    user("leader1@test.vn", "Hồ Thị Lan"),
    user("leader2@test.vn", "Lò Thị Ánh"),
    user("buyera@test.vn", "Trần Văn Minh"),
    user("buyerb@test.vn", "Nguyễn Văn Bình"),
    user("staffa@test.vn", "Lê Thị Thu"),
    user("member1@test.vn", "Hồ Văn Thanh"),
    user("project@test.vn", "Phạm Thị Hà"),
    user("authority@test.vn", "Đinh Văn Hùng"),
    user("admin@test.vn", "Quản trị"),
  ]);
  await write((tx) => tx.user.update({ where: { id: admin.id }, data: { isSiteAdmin: true } }));

  const base = { province: "Quảng Trị", district: "Hướng Hóa", commune: null, phone: null, lat: null, lng: null };
  const createOrg = async (userId: string, input: OrgData & { kind: OrgKind }) => {
    const r = await createOrganisation(userId, input);
    if (!r.ok) throw new Error(`organisation ${input.name}: ${r.place.map((p) => p.code).join(", ")}`);
    return r.org;
  };
  const orgA = await createOrg(buyerA.id, { ...base, name: "HTX Cà phê Khe Sanh", kind: "cooperative" });
  const orgB = await createOrg(buyerB.id, { ...base, province: "Sơn La", district: "Vân Hồ", name: "Công ty Rau sạch Mộc Châu", kind: "enterprise" });
  await addMember({ id: orgA.id, kind: "cooperative", name: orgA.name }, { login: { email: staffA.email }, role: "buyer_staff", name: null });
  await accept(staffA.id);
  const projectOrg = await createOrg(project.id, { ...base, name: "Dự án Sinh kế", kind: "project_owner" });
  const authorityOrg = await createOrg(admin.id, { ...base, name: "UBND huyện Hướng Hóa", kind: "authority" });
  await addMember(
    { id: authorityOrg.id, kind: "authority", name: authorityOrg.name },
    { login: { email: authority.email }, role: "authority_viewer", name: null },
  );
  await accept(authority.id);

  const g1 = await createGroup(
    { userId: leader1.id, isSiteAdmin: false },
    group("Tổ hợp tác cà phê Hướng Phùng 1", "Quảng Trị", "Hướng Hóa", "Hướng Phùng", projectOrg.id),
  );
  const g2 = await createGroup({ userId: leader2.id, isSiteAdmin: false }, group("Tổ rau an toàn Tân Xuân", "Sơn La", "Vân Hồ", "Tân Xuân"));
  if (!g1.ok || !g2.ok) throw new Error("groups");
  // g1 asked to join the project; the project takes it in, as its administrator would.
  if (!(await decideRequest(projectOrg.id, g1.id, true))) throw new Error("project request");
  const hh1 = await createHousehold(g1.id, household("Hồ Thị Lan"));
  const hh1b = await createHousehold(g1.id, household("Côn Thị Mây", { povertyStatus: "near_poor" }));
  const hh2 = await createHousehold(g2.id, household("Lò Thị Ánh", { ethnicity: "Thái" }));
  const m = await addGroupMember(
    { id: g1.id, name: "Tổ hợp tác cà phê Hướng Phùng 1" },
    { login: { email: member1.email }, role: "group_member", householdId: hh1b.id, name: null },
  );
  if (!m.ok) throw new Error("member");
  await accept(member1.id);

  return {
    users: { leader1, leader2, buyerA, buyerB, staffA, member1, project, authority, admin },
    orgs: { orgA, orgB, projectOrg, authorityOrg },
    groups: { g1: g1.id, g2: g2.id },
    households: { hh1, hh1b, hh2 },
  };
}
