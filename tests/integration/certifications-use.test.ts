// What certificates change (issue 16), over real HTTP against the built app and a real database:
// offers that require a scheme refuse take-ups from groups without a valid certificate (and say
// why), pickups record the certificates valid on their date, leaders and buyers are reminded 60
// and 15 days before a certificate ends (each once), and the dashboard counts certified area and
// volume within the reader's scope. Certificates are written directly (their forms are another
// part of the issue); every test asserts rows, statuses or rendered numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/bundle-fixtures";
import { startServer, type AppServer, sessionPool } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("certifications-use");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, makeLeaderGroup, offerForm, plusDays } = await import("../support/marketplace-fixtures");
const { makeContracts, pickupFields } = await import("../support/pickup-fixtures");
const { db, write, disconnect } = await import("~/utils/db.server");
const { sendCertificateReminders } = await import("~/domain/certifications/reminders.server");
const { validCertificationsFor } = await import("~/domain/certifications/validity.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;
let pick: Awaited<ReturnType<typeof makeContracts>>;
/** A Quảng Trị group with no certificate at first, led by leader3. */
let g3: Awaited<ReturnType<typeof makeLeaderGroup>>;
let today: string;

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  pick = await makeContracts(world);
  today = market.today;
  g3 = await makeLeaderGroup({
    email: "leader3@test.vn",
    leaderName: "Hồ Văn Sơn",
    groupName: "Tổ cà phê Khe Sanh 3",
    province: "Quảng Trị",
    district: "Hướng Hóa",
    households: ["Hồ Văn Pả", "Côn Thị Liên"],
  });
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const MISSING = "Đơn này yêu cầu chứng nhận VietGAP còn hiệu lực; tổ chưa có.";

let certCount = 0;
/** A certificate written directly: valid from 100 days ago for a year unless told otherwise. */
async function certificate(c: {
  groupId?: string;
  orgId?: string;
  scheme: string;
  areaHa?: number;
  products?: string[];
  validFrom?: string;
  validTo?: string;
  withdrawn?: boolean;
}) {
  const number = `CN-${String(++certCount).padStart(3, "0")}`;
  return write((tx) =>
    tx.certification.create({
      data: {
        groupId: c.groupId ?? null,
        orgId: c.orgId ?? null,
        scheme: c.scheme,
        number,
        body: "Trung tâm Chứng nhận Phù hợp QUACERT",
        products: JSON.stringify(c.products ?? []),
        areaHa: c.areaHa ?? null,
        validFrom: c.validFrom ?? plusDays(today, -100),
        validTo: c.validTo ?? plusDays(today, 265),
        withdrawnAt: c.withdrawn ? new Date() : null,
        withdrawnReason: c.withdrawn ? "Thu hồi sau kiểm tra" : null,
      },
    }),
  );
}

/** The visible text of a page: tags dropped, entities the app writes decoded, spaces folded. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

// ───────────────────────── offers that require a scheme ─────────────────────────

describe("an offer requiring VietGAP", () => {
  let offerId: string;
  const take = () => {
    const [a, b] = g3.households;
    return { intent: "accept", groupId: g3.groupId, areaHa: "3", volumeTonnes: "6", acceptTerms: "on", [`alloc.${a.id}`]: "4", [`alloc.${b.id}`]: "2" };
  };
  const acceptances = () => db.offerAcceptance.count({ where: { offerId, groupId: g3.groupId } });
  const postTake = async () => (await as("leader3@test.vn")).post(`/offers/${offerId}`, take());

  beforeAll(async () => {
    const staff = await as(world.users.staffA.email);
    const res = await staff.post(
      "/offers/new",
      offerForm(world.orgs.orgA.id, market.seasons.current, today, { title: "Cà phê VietGAP", requiredScheme: "vietgap" }),
    );
    expect(res.status).toBe(302);
    offerId = /\/offers\/([^/?#]+)$/.exec(res.headers.get("location") ?? "")![1];
    expect((await staff.post(`/offers/${offerId}`, { intent: "publish", confirm: "on" })).status).toBe(200);
  });

  it("stores the scheme and shows it on the offer page and in the list", async () => {
    expect((await db.purchaseOffer.findUniqueOrThrow({ where: { id: offerId } })).requiredScheme).toBe("vietgap");
    const leader = await as("leader3@test.vn");
    const page = text(await (await leader.get(`/offers/${offerId}`)).text());
    expect(page).toContain("Yêu cầu chứng nhận VietGAP");
    const list = await (await leader.get("/offers")).text();
    const row = list.slice(list.indexOf("Cà phê VietGAP"), list.indexOf("Cà phê VietGAP") + 600);
    expect(text(row)).toContain("Yêu cầu chứng nhận VietGAP");
  });

  it("an unknown scheme in the form is refused and writes no offer", async () => {
    const before = await db.purchaseOffer.count();
    const staff = await as(world.users.staffA.email);
    const res = await staff.post(
      "/offers/new",
      offerForm(world.orgs.orgA.id, market.seasons.current, today, { title: "Sai chứng nhận", requiredScheme: "iso9001" }),
    );
    expect(res.status).toBe(400);
    expect(await db.purchaseOffer.count()).toBe(before);
  });

  it("the edit form changes the requirement of a draft, and back to none", async () => {
    const staff = await as(world.users.staffA.email);
    const fields = offerForm(world.orgs.orgA.id, market.seasons.current, today, { title: "Bản nháp hữu cơ", requiredScheme: "organic" });
    const res = await staff.post("/offers/new", fields);
    const id = /\/offers\/([^/?#]+)$/.exec(res.headers.get("location") ?? "")![1];
    expect((await db.purchaseOffer.findUniqueOrThrow({ where: { id } })).requiredScheme).toBe("organic");
    const form = await (await staff.get(`/offers/${id}/edit`)).text();
    expect(form).toMatch(/<option value="organic" selected=""/);
    expect((await staff.post(`/offers/${id}/edit`, { ...fields, requiredScheme: "" })).status).toBe(302);
    expect((await db.purchaseOffer.findUniqueOrThrow({ where: { id } })).requiredScheme).toBeNull();
  });

  it("a group without a certificate: the page explains instead of the form; a post anyway is 409 with the reason, nothing written", async () => {
    const leader = await as("leader3@test.vn");
    const page = await (await leader.get(`/offers/${offerId}`)).text();
    expect(text(page)).toContain(`Tổ cà phê Khe Sanh 3: ${MISSING}`);
    expect(page).not.toContain('name="intent" value="accept"');
    const res = await postTake();
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain(MISSING);
    expect(await acceptances()).toBe(0);
    expect(await db.notification.count({ where: { kind: "acceptance_submitted" } })).toBe(0);
  });

  it.each([
    ["expired yesterday", { validTo: "yesterday" }],
    ["withdrawn", { withdrawn: true }],
    ["for another product", { products: ["other"] }],
    ["of another scheme", { scheme: "organic" }],
    ["valid today but ending before the offer's window opens", { validTo: "window-1" }],
    ["not yet valid", { validFrom: "tomorrow" }],
  ])("a certificate %s does not count", async (_what, o: Record<string, unknown>) => {
    await certificate({
      groupId: g3.groupId,
      scheme: (o.scheme as string) ?? "vietgap",
      withdrawn: o.withdrawn === true,
      products: o.products ? [pick.product.id] : [], // the pickup tests' product, not this offer's
      validTo: o.validTo === "yesterday" ? plusDays(today, -1) : o.validTo === "window-1" ? plusDays(today, 2) : undefined,
      validFrom: o.validFrom ? plusDays(today, 1) : undefined,
    });
    const res = await postTake();
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain(MISSING);
    expect(await acceptances()).toBe(0);
  });

  it("with a valid VietGAP certificate for the product the take-up is accepted", async () => {
    await certificate({ groupId: g3.groupId, scheme: "vietgap", products: [market.product.id, pick.product.id] });
    const leader = await as("leader3@test.vn");
    expect(text(await (await leader.get(`/offers/${offerId}`)).text())).not.toContain(MISSING);
    const res = await postTake();
    expect(res.status).toBe(200);
    expect(await acceptances()).toBe(1);
  });

  it("another group's leader guessing the group id gets 403 and nothing is written", async () => {
    const before = await db.offerAcceptance.count();
    const res = await (await as(world.users.leader1.email)).post(`/offers/${offerId}`, take());
    expect(res.status).toBe(403);
    expect(await db.offerAcceptance.count()).toBe(before);
  });
});

// ───────────────────────── pickups, dashboards ─────────────────────────

describe("pickups record the certificates valid on their date; the dashboard counts them", () => {
  // g1 (orgA's contract "active"): VietGAP twice (5 ha for everything, 4 ha for the product),
  // PGS 2 ha valid only from 5 days ago, and certificates that do not count today: organic
  // expired yesterday, GlobalG.A.P. withdrawn, Fairtrade for another product.
  // g2 (orgB's contract "other"): VietGAP 10 ha.
  const ids: Record<string, string> = {};
  let pickupToday: string;
  let pickupEarlier: string;
  let pickupB: string;

  beforeAll(async () => {
    const g1 = world.groups.g1;
    ids.vietgap1 = (await certificate({ groupId: g1, scheme: "vietgap", areaHa: 5 })).id;
    ids.vietgap2 = (await certificate({ groupId: g1, scheme: "vietgap", areaHa: 4, products: [pick.product.id] })).id;
    ids.pgs = (await certificate({ groupId: g1, scheme: "pgs", areaHa: 2, validFrom: plusDays(today, -5) })).id;
    ids.organic = (await certificate({ groupId: g1, scheme: "organic", areaHa: 3, validTo: plusDays(today, -1) })).id;
    ids.globalgap = (await certificate({ groupId: g1, scheme: "globalgap", areaHa: 7, withdrawn: true })).id;
    ids.fairtrade = (await certificate({ groupId: g1, scheme: "fairtrade", areaHa: 9, products: [market.product.id] })).id;
    ids.g2vietgap = (await certificate({ groupId: world.groups.g2, scheme: "vietgap", areaHa: 10 })).id;

    const hh1 = world.households.hh1.id;
    const hh1b = world.households.hh1b.id;
    const record = async (email: string, contractId: string, date: string, lots: { householdId: string; grossKg: string; tareKg: string; grade: string }[]) => {
      const res = await (await as(email)).post("/api/pickups", pickupFields(contractId, { date, lots }));
      const body = (await res.json()) as { pickupId?: string };
      expect(res.status, JSON.stringify(body)).toBe(201);
      return body.pickupId!;
    };
    // Today: 98 kg + 60 kg net. Ten days ago (before the PGS certificate began): 50 kg.
    pickupToday = await record(world.users.staffA.email, pick.contracts.active.id, today, [
      { householdId: hh1, grossKg: "100", tareKg: "2", grade: "A" },
      { householdId: hh1b, grossKg: "60,5", tareKg: "0,5", grade: "B" },
    ]);
    pickupEarlier = await record(world.users.staffA.email, pick.contracts.active.id, plusDays(today, -10), [
      { householdId: hh1, grossKg: "51", tareKg: "1", grade: "A" },
    ]);
    // orgB's pickup from g2: 30 kg net.
    pickupB = await record(world.users.buyerB.email, pick.contracts.other.id, today, [
      { householdId: world.households.hh2.id, grossKg: "31", tareKg: "1", grade: "A" },
    ]);
  });

  const recorded = async (pickupId: string) =>
    (await db.pickupCertification.findMany({ where: { pickupId }, select: { certificationId: true } })).map((r) => r.certificationId).sort();

  it("a pickup records every certificate valid for its group and product on its date, and no other", async () => {
    expect(await recorded(pickupToday)).toEqual([ids.vietgap1, ids.vietgap2, ids.pgs].sort());
    // Ten days ago the organic certificate (ended yesterday) was valid, the PGS one not yet.
    expect(await recorded(pickupEarlier)).toEqual([ids.vietgap1, ids.vietgap2, ids.organic].sort());
    expect(await recorded(pickupB)).toEqual([ids.g2vietgap]);
  });

  it("validCertificationsFor agrees with what the pickup recorded", async () => {
    const valid = await validCertificationsFor(db, { groupId: world.groups.g1, productId: pick.product.id, on: today });
    expect(valid.map((c) => c.id).sort()).toEqual([ids.vietgap1, ids.vietgap2, ids.pgs].sort());
  });

  it("the pickup page names the certificates with their numbers and end dates", async () => {
    const page = text(await (await as(world.users.staffA.email)).get(`/pickups/${pickupToday}`).then((r) => r.text()));
    const certs = await db.certification.findMany({ where: { id: { in: [ids.vietgap1, ids.pgs] } } });
    const [y, m, d] = plusDays(today, 265).split("-");
    for (const c of certs) expect(page).toContain(`số ${c.number} (đến ${d}/${m}/${y})`);
    expect(page).toMatch(/VietGAP số CN-\d+ \(đến/);
  });

  it("another organisation guessing the pickup's id gets 404", async () => {
    expect((await (await as(world.users.buyerB.email)).get(`/pickups/${pickupToday}`)).status).toBe(404);
  });

  /** The certified table's rows on a dashboard: scheme → [groups, ha, tonnes] as displayed. */
  async function certifiedTable(email: string, query = ""): Promise<Record<string, string[]>> {
    const res = await (await as(email)).get(`/dashboard?product=ca-phe-pickup&season=vu-pickup${query}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const table = /<table[^>]*id="table-certified"[\s\S]*?<\/table>/.exec(html);
    expect(table, "the certified table").not.toBeNull();
    const rows: Record<string, string[]> = {};
    for (const m of table![0].matchAll(/<tr[^>]*data-scheme="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)) {
      rows[m[1]] = [...m[2].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]).slice(1);
    }
    return rows;
  }

  it("orgA's dashboard: VietGAP 5 ha (one group counted once), PGS 2 ha; volume 0,208 t, 0,158 t, 0,05 t", async () => {
    // Hand computation. Area: g1's VietGAP certificates 5 and 4 ha → the group once, 5 ha; PGS 2 ha;
    // organic expired, GlobalG.A.P. withdrawn, Fairtrade for coffee cherry of another product: none.
    // Any certificate: g1 once, max(5, 2) = 5 ha. Volume: VietGAP on both pickups, 98 + 60 + 50 kg;
    // PGS only today's pickup, 158 kg; organic (valid ten days ago, no area today) the earlier
    // pickup's 50 kg; any: 208 kg, each lot once.
    expect(await certifiedTable(world.users.buyerA.email)).toEqual({
      organic: ["0", "0", "0,05"],
      pgs: ["1", "2", "0,158"],
      vietgap: ["1", "5", "0,208"],
      any: ["1", "5", "0,208"],
    });
  });

  it("orgB's dashboard sees only g2: VietGAP 10 ha, 0,03 t, nothing of orgA's group", async () => {
    expect(await certifiedTable(world.users.buyerB.email)).toEqual({ vietgap: ["1", "10", "0,03"] });
  });

  it("orgB asking for orgA's dashboard gets 404", async () => {
    const res = await (await as(world.users.buyerB.email)).get(`/dashboard?org=${world.orgs.orgA.id}&product=ca-phe-pickup&season=vu-pickup`);
    expect(res.status).toBe(404);
  });

  it("a certificate withdrawn after the pickup stays recorded with it but leaves today's area", async () => {
    await write((tx) => tx.certification.update({ where: { id: ids.pgs }, data: { withdrawnAt: new Date() } }));
    expect(await recorded(pickupToday)).toContain(ids.pgs);
    const rows = await certifiedTable(world.users.buyerA.email);
    expect(rows.pgs).toEqual(["0", "0", "0,158"]);
    expect(rows.vietgap).toEqual(["1", "5", "0,208"]);
  });

  it("a corrected lot counts with its corrected weight only (effective lots)", async () => {
    const lot = await db.lot.findFirstOrThrow({ where: { pickupId: pickupEarlier } });
    const staff = await as(world.users.staffA.email);
    const res = await staff.post(`/pickups/${pickupEarlier}`, {
      intent: "correct",
      lotId: lot.id,
      disputeId: "",
      explanation: "Cân lại: trừ bao ướt",
      grossKg: "41",
      tareKg: "1",
      grade: "A",
    });
    expect(res.status).toBe(200);
    // The earlier pickup's 50 kg became 40 kg: VietGAP 98 + 60 + 40 kg, organic 40 kg.
    const rows = await certifiedTable(world.users.buyerA.email);
    expect(rows.vietgap).toEqual(["1", "5", "0,198"]);
    expect(rows.organic).toEqual(["0", "0", "0,04"]);
    expect(rows.any).toEqual(["1", "5", "0,198"]);
  });
});

// ───────────────────────── expiry reminders ─────────────────────────

describe("expiry reminders", () => {
  // Far enough ahead that the server's own hourly run (at the real date) never finds them due.
  let ends: string;
  let groupCert: { id: string; number: string };
  const notices = (userId: string) => db.notification.findMany({ where: { userId, kind: "certificate_expiring" }, orderBy: { createdAt: "asc" } });
  const at = (day: string) => new Date(`${day}T03:00:00Z`); // 10:00 in Vietnam

  beforeAll(async () => {
    ends = plusDays(today, 400);
    groupCert = await certificate({ groupId: world.groups.g1, scheme: "vietgap", validTo: ends });
    await certificate({ orgId: world.orgs.orgB.id, scheme: "globalgap", validTo: ends });
  });

  it("60 days before: the CLI tells g1's leader and orgA's staff (signed/active contracts), orgB's admin of its own", async () => {
    const r = await runCli(["reminders", "--now", at(plusDays(ends, -60)).toISOString()], file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("2 sent");
    for (const u of [world.users.leader1, world.users.buyerA, world.users.staffA, world.users.buyerB]) expect((await notices(u.id)).length).toBe(1);
    for (const u of [world.users.leader2, world.users.member1]) expect((await notices(u.id)).length).toBe(0);
    expect(await db.certificationReminder.count({ where: { certificationId: groupCert.id } })).toBe(1);
    const [n] = await notices(world.users.leader1.id);
    expect(JSON.parse(n.params)).toMatchObject({ scheme: "vietgap", number: groupCert.number, days: 60, date: ends });
  });

  it("a second run (two at once, or a day later) sends nothing again", async () => {
    await Promise.all([sendCertificateReminders(at(plusDays(ends, -60))), sendCertificateReminders(at(plusDays(ends, -60)))]);
    await sendCertificateReminders(at(plusDays(ends, -59)));
    for (const u of [world.users.leader1, world.users.buyerA, world.users.staffA, world.users.buyerB]) expect((await notices(u.id)).length).toBe(1);
  });

  it("15 days before: one more each, then none", async () => {
    await sendCertificateReminders(at(plusDays(ends, -15)));
    await sendCertificateReminders(at(plusDays(ends, -14)));
    for (const u of [world.users.leader1, world.users.buyerA, world.users.staffA, world.users.buyerB]) expect((await notices(u.id)).length).toBe(2);
    const reminders = await db.certificationReminder.findMany({ where: { certificationId: groupCert.id }, orderBy: { daysBefore: "desc" } });
    expect(reminders.map((r) => r.daysBefore)).toEqual([60, 15]);
  });

  it("the inbox words the notice in the reader's language with the scheme's name and the date", async () => {
    const page = text(await (await as(world.users.leader1.email)).get("/inbox").then((r) => r.text()));
    const [y, m, d] = ends.split("-");
    expect(page).toContain(`Chứng nhận VietGAP số ${groupCert.number} của Tổ hợp tác cà phê Hướng Phùng 1 hết hạn ngày ${d}/${m}/${y} (còn 15 ngày).`);
    expect(page).toContain("(còn 60 ngày).");
  });
});
