// The cast for the whole-app audit (tests/integration/trust-audit.test.ts): the demo programme
// plus a second of every kind the demo has only one of, so every role can try to reach across.
//
// - buyer B (Mộc Châu) also buys from group 1 (Hướng Phùng 1), which sells to buyer A (Khe
//   Sanh): the group pages buyer A may read hold buyer B's contract, lots, statement and advance;
// - a second project (project B) that group Hướng Tân names; a staff member of project A;
// - a second authority (Vân Hồ, Sơn La) with an administrator; buyer B's own staff member;
// - a member of group 2 (Tân Xuân), a stranger with an account and no memberships;
// - a draft and a published offer of buyer B with a pending take-up, a rota day, a notification
//   and an API token per project, so every write has a real record of the other side to aim at.
// Written straight to the database (after loadDemoProgramme()): the audit tries the doors, not
// the set-up.
import { loadAccess } from "~/domain/access.server";
import { DEMO_PASSWORD } from "~/domain/demo.server";
import { recordAdvance } from "~/domain/funds.server";
import { issueInvoice } from "~/domain/invoices.server";
import { appendPickup } from "~/domain/ledger.server";
import { createToken } from "~/domain/api-tokens.server";
import { db, write } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { hashPassword } from "~/utils/password.server";

export const LOGINS = {
  admin: "admin@caunoi.vn",
  buyerA: "buyer@caunoi.vn",
  staffA: "staff@caunoi.vn",
  buyerB: "buyer2@caunoi.vn",
  staffB: "staff2@audit.vn",
  leader1: "leader@caunoi.vn",
  leader2: "leader2@caunoi.vn",
  member1: "0912000001",
  member2: "member2@audit.vn",
  projectA: "project@caunoi.vn",
  projectStaffA: "pstaff@audit.vn",
  projectB: "projectb@audit.vn",
  authorityA: "authority@caunoi.vn",
  authorityB: "authb@audit.vn",
  stranger: "stranger@audit.vn",
} as const;
export type Who = keyof typeof LOGINS;

/** What buyer B holds with group 1: none of it may reach buyer A, project B or authority B. */
export const B_IN_G1 = { contractRef: "c-audit-mc-hp1", price: 77_777, advanceItem: "Phân bón hữu cơ Mộc Châu (kiểm toán)" } as const;
export const A_SUPPORT = { item: "Giống cà phê của dự án (kiểm toán)" } as const;

const byRef = async (ref: string) => (await db.organisation.findUniqueOrThrow({ where: { ref }, select: { id: true } })).id;
const groupByRef = async (ref: string) => (await db.farmerGroup.findUniqueOrThrow({ where: { ref }, select: { id: true } })).id;

export async function addAuditCast() {
  const today = todayInVietnam();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [buyerA, buyerB, projectA, authorityA, g1, g2, gHuongTan] = await Promise.all([
    byRef("htx-khe-sanh"),
    byRef("cty-rau-moc-chau"),
    byRef("hlhpn-sinh-ke"),
    byRef("ubnd-huong-hoa"),
    groupByRef("tg-huong-phung-1"),
    groupByRef("tg-tan-xuan-rau"),
    groupByRef("tg-huong-tan"),
  ]);
  const g1Households = await db.household.findMany({ where: { groupId: g1 }, select: { id: true, headName: true }, orderBy: { ref: "asc" } });
  const member1Household = (await db.membership.findFirstOrThrow({ where: { groupId: g1, role: "group_member" }, select: { householdId: true } })).householdId!;
  const lan = g1Households.find((h) => h.headName === "Hồ Thị Lan")!.id;
  const g2Household = (await db.household.findFirstOrThrow({ where: { groupId: g2, headName: { not: "Lò Thị Ánh" } }, select: { id: true } })).id;
  const season = await db.season.findUniqueOrThrow({ where: { ref: "coffee-2026" }, select: { id: true, productId: true, start: true, end: true } });

  const ids = await write(async (tx) => {
    const user = (email: string, name: string) => tx.user.create({ data: { email, name, passwordHash } });
    const [staffB, member2, projectStaffA, projectBAdmin, authorityBAdmin] = await Promise.all([
      user(LOGINS.staffB, "Lò Văn Tuấn"),
      user(LOGINS.member2, "Lường Thị Xuân"),
      user(LOGINS.projectStaffA, "Vũ Thị Ngọc"),
      user(LOGINS.projectB, "Đỗ Minh Khang"),
      user(LOGINS.authorityB, "Cầm Văn Sơn"),
      user(LOGINS.stranger, "Người Lạ"),
    ]);
    const projectB = await tx.organisation.create({
      data: { ref: "du-an-rung-xanh-b", kind: "project_owner", name: "Dự án Rừng xanh B", provinceCode: "01", province: "Thành phố Hà Nội" },
    });
    const authorityB = await tx.organisation.create({
      data: {
        ref: "ubnd-van-ho",
        kind: "authority",
        name: "UBND huyện Vân Hồ",
        provinceCode: "14",
        province: "Sơn La",
        formerProvince: "Sơn La",
        formerDistrict: "Vân Hồ",
      },
    });
    await tx.membership.createMany({
      data: [
        { userId: staffB.id, organisationId: buyerB, role: "buyer_staff", acceptedAt: new Date() },
        { userId: projectStaffA.id, organisationId: projectA, role: "project_staff", acceptedAt: new Date() },
        { userId: projectBAdmin.id, organisationId: projectB.id, role: "project_admin", acceptedAt: new Date() },
        { userId: authorityBAdmin.id, organisationId: authorityB.id, role: "authority_admin", acceptedAt: new Date() },
        { userId: member2.id, groupId: g2, role: "group_member", householdId: g2Household, acceptedAt: new Date() },
      ],
    });
    await tx.farmerGroup.update({ where: { id: gHuongTan }, data: { projectOwnerId: projectB.id } });

    // Buyer B's own dealings with group 1.
    const contract = await tx.contract.create({
      data: {
        ref: B_IN_G1.contractRef,
        buyerId: buyerB,
        groupId: g1,
        seasonId: season.id,
        status: "active",
        signedOn: today,
        areaHa: 1.5,
        volumeTonnes: 2,
        paymentTermsDays: 30,
        groupFundPct: 5,
        inputsAdvanced: "Phân bón",
        inputRecovery: "10% mỗi phiếu thanh toán",
        grades: { create: [{ code: "A", label: "Loại A (Mộc Châu)", priceVndPerKg: B_IN_G1.price }] },
        allocations: {
          create: [
            { householdId: member1Household, tonnes: 1 },
            { householdId: lan, tonnes: 1 },
          ],
        },
        events: { create: { fromStatus: null, toStatus: "active", byUserId: null } },
      },
    });
    const { pickup } = await appendPickup(tx, {
      contractId: contract.id,
      date: today,
      witnessHouseholdIds: [lan],
      lots: [
        { householdId: member1Household, grossG: 101_000, tareG: 1_000, grade: "A" },
        { householdId: lan, grossG: 51_000, tareG: 1_000, grade: "A" },
      ],
    });
    const invoice = await issueInvoice(tx, { contractId: contract.id, pickupIds: [pickup.id], issuedOn: today });

    // A draft offer and a published one with group 2's pending take-up; a rota day of group 2.
    const offer = (title: string, status: string) =>
      tx.purchaseOffer.create({
        data: {
          buyerId: buyerB,
          productId: season.productId,
          seasonId: season.id,
          title,
          status,
          minTonnes: 1,
          maxTonnes: 50,
          windowStart: season.start,
          windowEnd: season.end,
          paymentTermsDays: 15,
          grades: { create: [{ code: "A", label: "Loại A", priceVndPerKg: 12_345, sort: 0 }] },
          collectionPoints: { create: [{ name: "Điểm thu mua kiểm toán", lat: 20.85, lng: 104.63 }] },
        },
      });
    const draftOffer = await offer("Bản nháp chưa công bố của Mộc Châu (kiểm toán)", "draft");
    const publishedOffer = await offer("Thu mua của Mộc Châu (kiểm toán)", "published");
    const acceptance = await tx.offerAcceptance.create({
      data: {
        offerId: publishedOffer.id,
        groupId: g2,
        areaHa: 1,
        volumeTonnes: 2,
        allocations: JSON.stringify([{ householdId: g2Household, tonnes: 2 }]),
        submittedById: member2.id,
      },
    });
    const rota = await tx.witnessRota.create({ data: { groupId: g2, householdId: g2Household, on: "2099-01-01" } });
    const notice = await tx.notification.create({ data: { userId: member2.id, kind: "pickup_recorded", params: "{}", link: "/" } });
    return {
      staffB: staffB.id,
      member2: member2.id,
      projectB: projectB.id,
      authorityB: authorityB.id,
      contractBG1: contract.id,
      pickupBG1: pickup.id,
      invoiceBG1: invoice.id,
      draftOfferB: draftOffer.id,
      publishedOfferB: publishedOffer.id,
      acceptanceG2: acceptance.id,
      rotaG2: rota.id,
      noticeMember2: notice.id,
    };
  });

  // Advances through the app's own rule, as the people who make them: buyer B's under its
  // contract with group 1, and project A's support to group 1.
  const userOf = async (login: string) => (await db.user.findFirstOrThrow({ where: { OR: [{ email: login }, { phone: login }] }, select: { id: true } })).id;
  const accessOf = async (login: string) =>
    loadAccess(
      await db.user.findFirstOrThrow({
        where: { id: await userOf(login) },
        select: { id: true, name: true, email: true, phone: true, locale: true, isSiteAdmin: true },
      }),
    );
  const group1 = await db.farmerGroup.findUniqueOrThrow({ where: { id: g1 } });
  const advance = async (login: string, providerId: string, item: string, contractId: string | null) => {
    const r = await recordAdvance(await accessOf(login), group1, {
      providerId,
      householdId: member1Household,
      contractId,
      item,
      quantity: null,
      unit: null,
      valueVnd: 4_321_000,
      advancedOn: today,
      recoveryPlan: contractId ? "per_invoice_pct" : "none",
      recoveryPct: contractId ? 10 : 0,
    });
    if (!r.ok) throw new Error(`advance ${item}: ${r.error}`);
  };
  await advance(LOGINS.buyerB, buyerB, B_IN_G1.advanceItem, ids.contractBG1);
  await advance(LOGINS.projectA, projectA, A_SUPPORT.item, null);

  const tokenA = await createToken(projectA, "Bảng tính dự án A", await userOf(LOGINS.projectA));
  const tokenB = await createToken(ids.projectB, "Bảng tính dự án B", await userOf(LOGINS.projectB));
  return {
    ...ids,
    buyerA,
    buyerB,
    projectA,
    authorityA,
    g1,
    g2,
    gHuongTan,
    lan,
    member1Household,
    g2Household,
    tokenA: tokenA.token,
    tokenB: tokenB.token,
    userOf,
  };
}
