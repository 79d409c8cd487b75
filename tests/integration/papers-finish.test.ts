// The last pieces of the papers (issue 13), over real HTTP against the built app: the place a
// contract is signed, given by the person signing it; a farmer group's tax code on its form, its
// contract and its payment statement; the English contract's note under a reworded article; the
// purchase list's word about the CSV and leading zeros; and the writer connection that, like the
// reader, returns a household's ID number only to a read that asks for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("papers-finish");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, offerForm, plusDays } = await import("../support/marketplace-fixtures");
const { extraContract, ledgerPickup, pdfText } = await import("../support/invoice-fixtures");
const { db, write, disconnect } = await import("~/utils/db.server");
const { issueInvoice } = await import("~/domain/invoices.server");
const { CLAUSE_KEYS, CLAUSES } = await import("~/domain/contracts/clauses");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const staff = () => as(world.users.staffA.email);
const leader = () => as(world.users.leader1.email);

const flat = (s: string) => s.replace(/\s+/g, " ");
const pdfOf = async (res: Response) => {
  expect(res.status).toBe(200);
  return flat(pdfText(new Uint8Array(await res.arrayBuffer())));
};
/** Text of a page with tags dropped and entities read, for what a person sees. */
const pageText = async (res: Response) =>
  flat(
    (await res.text())
      .replace(/<script[\s\S]*?<\/script>/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&"),
  );

let offerCount = 0;
/** Offer (with `overrides`) → leader1's take-up of 6 t for two households → confirmed (signed) contract. */
async function makeContract(overrides: Record<string, string> = {}): Promise<string> {
  const fields = offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { title: `Liên kết số ${++offerCount}`, ...overrides });
  const res = await (await staff()).post("/offers/new", fields);
  expect(res.status).toBe(302);
  const offerId = /\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
  expect((await (await staff()).post(`/offers/${offerId}`, { intent: "publish", confirm: "on" })).status).toBe(200);
  const take = await (
    await leader()
  ).post(`/offers/${offerId}`, {
    intent: "accept",
    groupId: world.groups.g1,
    areaHa: "6,5",
    volumeTonnes: "6",
    acceptTerms: "on",
    [`alloc.${world.households.hh1.id}`]: "3,5",
    [`alloc.${world.households.hh1b.id}`]: "2,5",
  });
  expect(take.status).toBe(200);
  const acc = await db.offerAcceptance.findFirstOrThrow({ where: { offerId, status: "pending" } });
  const conf = await (await staff()).post(`/offers/${offerId}`, { intent: "confirm", acceptanceId: acc.id, confirm: "on" });
  expect(conf.status).toBe(302);
  return /\/contracts\/([^/]+)$/.exec(conf.headers.get("location") ?? "")![1];
}

describe("the place of signing", () => {
  let draftId: string;
  beforeAll(async () => {
    // A renewal is a draft the buyer signs on the contract page.
    const signed = await makeContract();
    expect((await (await staff()).post(`/contracts/${signed}`, { intent: "move", to: "active", confirm: "on" })).status).toBe(200);
    const renew = await (await staff()).post(`/contracts/${signed}`, { intent: "renew" });
    expect(renew.status).toBe(302);
    draftId = /\/contracts\/([^/]+)$/.exec(renew.headers.get("location") ?? "")![1];
    expect((await db.contract.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("draft");
  });

  it("is asked for when signing, prefilled with the group's commune and province", async () => {
    const g = await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } });
    const html = await (await (await staff()).get(`/contracts/${draftId}`)).text();
    expect(html).toContain("Địa điểm ký");
    expect(html).toMatch(new RegExp(`name="signedPlace"[^>]*value="${g.commune}, ${g.province}"`));
  });

  it("is the buyer's to give: the group's leader is refused the signing itself, whatever place it sends", async () => {
    for (const place of ["", "Nhà tổ trưởng"]) {
      const res = await (await leader()).post(`/contracts/${draftId}`, { intent: "move", to: "signed", signedPlace: place });
      expect(res.status).toBe(403);
      expect(await db.contract.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({ status: "draft", signedPlace: null });
    }
  });

  it("rejects an empty or over-long place with a Vietnamese field error, and the contract stays a draft", async () => {
    for (const [place, message] of [
      ["   ", "Bắt buộc"],
      ["x".repeat(121), "Quá dài"],
    ]) {
      const res = await (await staff()).post(`/contracts/${draftId}`, { intent: "move", to: "signed", signedPlace: place, confirm: "on" });
      expect(res.status).toBe(400);
      expect(await pageText(res)).toContain(message);
      const c = await db.contract.findUniqueOrThrow({ where: { id: draftId } });
      expect(c.status).toBe("draft");
      expect(c.signedPlace).toBeNull();
    }
  });

  it("is stored trimmed with the signature and printed on the contract's first lines", async () => {
    const res = await (
      await staff()
    ).post(`/contracts/${draftId}`, { intent: "move", to: "signed", signedPlace: "  Nhà văn hóa thôn Cheng, xã Hướng Phùng  ", confirm: "on" });
    expect(res.status).toBe(200);
    const c = await db.contract.findUniqueOrThrow({ where: { id: draftId } });
    expect(c.status).toBe("signed");
    expect(c.signedPlace).toBe("Nhà văn hóa thôn Cheng, xã Hướng Phùng");
    const [y, m, d] = c.signedOn!.split("-");
    const text = await pdfOf(await (await staff()).get(`/contracts/${draftId}/pdf`));
    expect(text).toContain(`Nhà văn hóa thôn Cheng, xã Hướng Phùng, ngày ${d} tháng ${m} năm ${y}`);
    expect(text).toContain(`Hôm nay, ngày ${d} tháng ${m} năm ${y}, tại Nhà văn hóa thôn Cheng, xã Hướng Phùng, chúng tôi gồm:`);
    expect(await pageText(await (await staff()).get(`/contracts/${draftId}`))).toContain("Nhà văn hóa thôn Cheng, xã Hướng Phùng");
  });

  it("may be given by the buyer for a contract signed from an offer, until deliveries start; not by the group", async () => {
    const id = await makeContract();
    const placeOf = async () => (await db.contract.findUniqueOrThrow({ where: { id } })).signedPlace;
    const html = await (await (await staff()).get(`/contracts/${id}`)).text();
    expect(html).toContain('name="intent" value="place"');
    expect(await (await (await leader()).get(`/contracts/${id}`)).text()).not.toContain('name="intent" value="place"');
    expect((await (await leader()).post(`/contracts/${id}`, { intent: "place", signedPlace: "Nhà tổ trưởng" })).status).toBe(403);
    const empty = await (await staff()).post(`/contracts/${id}`, { intent: "place", signedPlace: "  " });
    expect(empty.status).toBe(400);
    expect(await pageText(empty)).toContain("Vui lòng nhập thông tin này.");
    expect(await placeOf()).toBeNull();
    expect((await (await staff()).post(`/contracts/${id}`, { intent: "place", signedPlace: " Văn phòng HTX Cà phê Khe Sanh " })).status).toBe(200);
    expect(await placeOf()).toBe("Văn phòng HTX Cà phê Khe Sanh");
    expect(await pdfOf(await (await staff()).get(`/contracts/${id}/pdf`))).toMatch(/Văn phòng HTX Cà phê Khe Sanh, ngày \d{2} tháng \d{2} năm \d{4}/);
    // Once deliveries may start the paper is what was signed: the place no longer changes.
    expect((await (await staff()).post(`/contracts/${id}`, { intent: "move", to: "active", confirm: "on" })).status).toBe(200);
    expect((await (await staff()).post(`/contracts/${id}`, { intent: "place", signedPlace: "Nơi khác" })).status).toBe(403);
    expect(await placeOf()).toBe("Văn phòng HTX Cà phê Khe Sanh");
  });

  it("is not asked of a move other than signing (cancelling a draft needs no place)", async () => {
    const signed = await makeContract();
    expect((await (await staff()).post(`/contracts/${signed}`, { intent: "move", to: "active", confirm: "on" })).status).toBe(200);
    const renew = await (await staff()).post(`/contracts/${signed}`, { intent: "renew" });
    const other = /\/contracts\/([^/]+)$/.exec(renew.headers.get("location") ?? "")![1];
    const res = await (await staff()).post(`/contracts/${other}`, { intent: "move", to: "cancelled", reason: "Hai bên thôi", signedPlace: "", confirm: "on" });
    expect(res.status).toBe(200);
    expect(await db.contract.findUniqueOrThrow({ where: { id: other } })).toMatchObject({ status: "cancelled", signedPlace: null });
  });
});

describe("a farmer group's tax code", () => {
  const editUrl = () => `/groups/${world.groups.g1}/edit`;
  /** The group edit form as the browser posts it, with the group's current values. */
  async function groupForm(taxCode: string): Promise<Record<string, string>> {
    const g = await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } });
    return {
      name: g.name,
      provinceCode: g.provinceCode ?? "",
      communeCode: g.communeCode ?? "",
      commune: g.commune,
      hamlet: g.hamlet ?? "",
      lat: g.lat === null ? "" : String(g.lat),
      lng: g.lng === null ? "" : String(g.lng),
      projectOwnerId: g.projectOwnerId ?? "",
      foundedOn: g.foundedOn ?? "",
      taxCode,
    };
  }
  const taxCodeOf = async () => (await db.farmerGroup.findUniqueOrThrow({ where: { id: world.groups.g1 } })).taxCode;

  it("has no line on the contract while the group has none", async () => {
    const text = await pdfOf(await (await staff()).get(`/contracts/${await makeContract()}/pdf`));
    const partyB = text.slice(text.indexOf("BÊN B (BÊN BÁN)"), text.indexOf("Hai bên thỏa thuận"));
    expect(partyB).toContain("Địa chỉ:");
    expect(partyB).not.toContain("Mã số thuế");
  });

  it("in a wrong shape is a Vietnamese field error, and nothing is written", async () => {
    for (const bad of ["12345", "32001234567", "3200123456-01", "32OO123456"]) {
      const res = await (await leader()).post(editUrl(), await groupForm(bad));
      expect(res.status, bad).toBe(400);
      expect(await pageText(res)).toContain("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số.");
      expect(await taxCodeOf()).toBeNull();
    }
  });

  it("is saved by the leader, shown on the form and printed under Bên B on the contract", async () => {
    const res = await (await leader()).post(editUrl(), await groupForm(" 3200123456-001 "));
    expect(res.status).toBe(302);
    expect(await taxCodeOf()).toBe("3200123456-001");
    expect(await (await (await leader()).get(editUrl())).text()).toMatch(/name="taxCode"[^>]*value="3200123456-001"/);
    const text = await pdfOf(await (await staff()).get(`/contracts/${await makeContract()}/pdf`));
    const partyB = text.slice(text.indexOf("BÊN B (BÊN BÁN)"), text.indexOf("Hai bên thỏa thuận"));
    expect(partyB).toContain("Mã số thuế: 3200123456-001");
  });

  it("is printed beside the group on its payment statements", async () => {
    const c = await extraContract({
      ref: "LK-MST-TO",
      buyerId: world.orgs.orgA.id,
      groupId: world.groups.g1,
      seasonId: market.seasons.current.id,
      groupFundPct: 0,
      signedOn: plusDays(market.today, -10),
    });
    const pickupId = await ledgerPickup(c.id, plusDays(market.today, -2), [{ householdId: world.households.hh1.id, grossKg: 50, grade: "A" }]);
    const inv = await write((tx) => issueInvoice(tx, { contractId: c.id, pickupIds: [pickupId], issuedOn: market.today }));
    const text = await pdfOf(await (await staff()).get(`/invoices/${inv.id}/pdf`));
    const seller = text.indexOf("Tổ hợp tác cà phê Hướng Phùng 1");
    expect(seller).toBeGreaterThan(-1);
    // The facts are two columns: pdftotext gives the labels, then the values in the same order.
    // The buyer has no tax code here, so the one "Mã số thuế" label is the group's.
    expect(text.slice(seller)).toMatch(/^Tổ hợp tác cà phê Hướng Phùng 1 — [^\d]+ 3200123456-001 LK-MST-TO/);
    expect(text.split("Mã số thuế")).toHaveLength(2);
  });

  it("may be cleared again by the leader", async () => {
    expect((await (await leader()).post(editUrl(), await groupForm(""))).status).toBe(302);
    expect(await taxCodeOf()).toBeNull();
  });

  it("is not the member's or another group's leader to change", async () => {
    for (const login of [world.users.member1.email, world.users.leader2.email]) {
      const res = await (await as(login)).post(editUrl(), await groupForm("3200123456"));
      expect(res.status, login).toBeGreaterThanOrEqual(403);
      expect(await taxCodeOf()).toBeNull();
    }
  });
});

describe("the English contract and a reworded article", () => {
  const reworded = "Tranh chấp do Trọng tài Thương mại Việt Nam (VIAC) giải quyết theo quy tắc tố tụng của Trung tâm.";
  const note = "This article is worded as agreed by the parties and is not translated.";
  let en: string;
  let vi: string;
  beforeAll(async () => {
    const id = await makeContract({ "clause.disputes": reworded });
    en = await pdfOf(await (await staff()).get(`/contracts/${id}/pdf?lang=en`));
    vi = await pdfOf(await (await staff()).get(`/contracts/${id}/pdf`));
  });

  it("prints the buyer's wording as written, with the note under that article only", () => {
    const n = CLAUSE_KEYS.indexOf("disputes") + 1;
    const from = en.indexOf(`Article ${n}. ${CLAUSES.disputes.title.en}`);
    const to = en.indexOf(`Article ${n + 1}. `);
    expect(from).toBeGreaterThan(-1);
    expect(to).toBeGreaterThan(from);
    const article = en.slice(from, to);
    expect(article).toContain(reworded);
    expect(article).toContain(note);
    // Once only: the articles left as the defaults are in English and carry no note.
    expect(en.split(note)).toHaveLength(2);
    expect(en).toContain(CLAUSES.penalties.text.en.slice(0, 60));
  });

  it("adds no note to the Vietnamese contract", () => {
    expect(vi).toContain(reworded);
    expect(vi).not.toContain(note);
    expect(vi).not.toContain("không dịch");
  });
});

describe("what a reviewer read on the sample contract", () => {
  it("says there is no group-fund share rather than 'keeps back 0%', in both languages", async () => {
    const id = await makeContract({ groupFundPct: "0" });
    const vi = await pdfOf(await (await staff()).get(`/contracts/${id}/pdf`));
    const en = await pdfOf(await (await staff()).get(`/contracts/${id}/pdf?lang=en`));
    expect(vi).toContain("Hai bên không trích quỹ tổ nhóm từ tiền hàng.");
    expect(vi).not.toContain("giữ lại 0%");
    expect(en).toContain("No share of the payments is kept back for the group's fund.");
    const two = await pdfOf(await (await staff()).get(`/contracts/${await makeContract({ groupFundPct: "2" })}/pdf`));
    expect(two).toContain("Bên A giữ lại 2% giá trị mỗi bảng kê để nộp vào quỹ tổ nhóm.");
  });

  it("keeps the last article on the page of the signatures, in both languages, however long the articles run", async () => {
    // Longer and longer wording of Article 12 moves the page break across Article 13 and the signatures.
    for (const n of [0, 2, 4, 6, 8, 10, 12, 14]) {
      const id = await makeContract(n ? { "clause.disputes": "Tranh chấp do Trọng tài Thương mại Việt Nam (VIAC) giải quyết. ".repeat(n).trim() } : {});
      for (const q of ["", "?lang=en"]) {
        const res = await (await staff()).get(`/contracts/${id}/pdf${q}`);
        expect(res.status).toBe(200);
        const pages = pdfText(new Uint8Array(await res.arrayBuffer())).split("\f");
        const signed = pages.findIndex((p) => /ĐẠI DIỆN BÊN A|FOR PARTY A/.test(p));
        expect(signed, `${n}${q}`).toBeGreaterThan(-1);
        expect(pages[signed], `${n}${q}`).toMatch(/(Điều|Article) 13\./);
      }
    }
  });
});

describe("the purchase list's CSV and leading zeros", () => {
  it("says beside the CSV link that the XLSX keeps ID numbers as text, in both languages", async () => {
    const url = `/orgs/${world.orgs.orgA.id}/purchase-list`;
    const vi = await pageText(await (await staff()).get(url));
    expect(vi).toContain("Tải CSV");
    expect(vi).toContain("Tệp Excel (XLSX) giữ số CCCD ở dạng văn bản");
    // The buyer's administrator reads in English (the language is the account's, kept by /locale).
    const admin = await as(world.users.buyerA.email);
    expect((await admin.post("/locale", { locale: "en", redirectTo: url })).status).toBe(302);
    const en = await pageText(await admin.get(url));
    expect(en).toContain("The Excel file (XLSX) keeps ID numbers as text");
  });
});

describe("the writer connection and the household ID number", () => {
  const ID = "046190001234";
  beforeAll(async () => {
    await write((tx) => tx.household.update({ where: { id: world.households.hh1.id }, data: { idNumber: ID, idConsentAt: new Date() } }));
  });

  it("leaves the number out of a household read inside a write unless the read asks for it", async () => {
    const id = world.households.hh1.id;
    const plain = await write((tx) => tx.household.findUniqueOrThrow({ where: { id } }));
    expect(plain.headName).toBe("Hồ Thị Lan");
    expect("idNumber" in plain).toBe(false);
    const many = await write((tx) => tx.household.findMany({ where: { groupId: world.groups.g1 } }));
    expect(many.length).toBeGreaterThan(1);
    expect(many.every((h) => !("idNumber" in h))).toBe(true);
    const created = await write((tx) => tx.household.update({ where: { id }, data: { phone: "0912000111" } }));
    expect("idNumber" in created).toBe(false);
    expect((await write((tx) => tx.household.findUniqueOrThrow({ where: { id }, omit: { idNumber: false } }))).idNumber).toBe(ID);
    expect((await write((tx) => tx.household.findUniqueOrThrow({ where: { id }, select: { idNumber: true } }))).idNumber).toBe(ID);
  });

  it("still reaches the household's edit page (for its leader) and the purchase list's CSV (hh1 sold 50 kg above)", async () => {
    const page = await (await leader()).get(`/groups/${world.groups.g1}/households/${world.households.hh1.id}`);
    expect(await page.text()).toContain(ID);
    const csv = await (await staff()).get(`/orgs/${world.orgs.orgA.id}/purchase-list/csv?from=${plusDays(market.today, -30)}&to=${market.today}`);
    expect(csv.status).toBe(200);
    const lan = (await csv.text()).split(/\r?\n/).find((l) => l.includes("Hồ Thị Lan"));
    expect(lan).toContain(ID);
  });
});
