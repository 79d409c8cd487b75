// The linkage contract as a document (Decree 98/2018/NĐ-CP): rendered over HTTP, its text read
// back with pdftotext; the offer's wording of the articles checked, and kept on the contract.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("contract-document");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeMarket, offerForm } = await import("../support/marketplace-fixtures");
const { db, write, disconnect } = await import("~/utils/db.server");
const { CLAUSE_KEYS, CLAUSES } = await import("~/domain/contracts/clauses");

type Form = Record<string, string | string[]>;

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let market: Awaited<ReturnType<typeof makeMarket>>;

beforeAll(async () => {
  world = await makeWorld();
  market = await makeMarket();
  await write((tx) =>
    tx.organisation.update({
      where: { id: world.orgs.orgA.id },
      data: { representativeName: "Nguyễn Văn Bình", representativeTitle: "Giám đốc", taxCode: "3200123456" },
    }),
  );
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);
const staff = () => as(world.users.staffA.email);

async function pdfText(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-contract-"));
  try {
    const file = path.join(dir, "contract.pdf");
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext breaks long lines where the page did: compare with all white space as one space. */
const flat = (s: string) => s.replace(/\s+/g, " ");

let offerCount = 0;
async function draft(overrides: Form = {}): Promise<Response> {
  const fields = offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { title: `Liên kết cà phê số ${++offerCount}`, ...overrides });
  return (await staff()).post("/offers/new", fields);
}

/** Offer (with `overrides`) → leader1's take-up of 6 t for two households → confirmed contract. */
async function makeContract(overrides: Form = {}): Promise<{ offerId: string; contractId: string }> {
  const res = await draft(overrides);
  expect(res.status).toBe(302);
  const offerId = /\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
  expect((await (await staff()).post(`/offers/${offerId}`, { intent: "publish", confirm: "on" })).status).toBe(200);
  const leader = await as(world.users.leader1.email);
  const take = await leader.post(`/offers/${offerId}`, {
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
  return { offerId, contractId: /\/contracts\/([^/]+)$/.exec(conf.headers.get("location") ?? "")![1] };
}

describe("the linkage contract document", () => {
  let contractId: string;
  let text: string;
  beforeAll(async () => {
    ({ contractId } = await makeContract());
    text = flat(await pdfText(await (await staff()).get(`/contracts/${contractId}/pdf`)));
  });

  it("has the national motto, the title, its number and the legal bases", async () => {
    const c = await db.contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("HỢP ĐỒNG LIÊN KẾT SẢN XUẤT VÀ TIÊU THỤ NÔNG SẢN");
    expect(text).toContain(`Số: ${c.ref}/HĐLK`);
    expect(text).toContain("Bộ luật Dân sự số 91/2015/QH13");
    expect(text).toContain("Nghị định số 98/2018/NĐ-CP");
  });

  it("prints the place and date of signing", async () => {
    const c = await db.contract.findUniqueOrThrow({ where: { id: contractId }, include: { group: true } });
    const [y, m, d] = c.signedOn!.split("-");
    expect(text).toContain(`${c.group.commune}, ngày ${d} tháng ${m} năm ${y}`);
  });

  it("names both parties, their representatives and positions", () => {
    expect(text).toContain("BÊN A (BÊN MUA): HTX Cà phê Khe Sanh");
    expect(text).toContain("Đại diện: Nguyễn Văn Bình");
    expect(text).toContain("Chức vụ: Giám đốc");
    expect(text).toContain("Mã số thuế: 3200123456");
    expect(text).toContain("BÊN B (BÊN BÁN): Tổ hợp tác cà phê Hướng Phùng 1");
    expect(text).toContain("Đại diện: Hồ Thị Lan");
    expect(text).toContain("Chức vụ: Tổ trưởng");
  });

  it("has every article, numbered, with its title, in order", () => {
    let at = -1;
    CLAUSE_KEYS.forEach((key, i) => {
      const heading = `Điều ${i + 1}. ${CLAUSES[key].title.vi}`;
      const next = text.indexOf(heading);
      expect(next, heading).toBeGreaterThan(at);
      at = next;
    });
    expect(text).not.toContain(`Điều ${CLAUSE_KEYS.length + 1}.`);
  });

  it("fills the articles from the contract: area, quantity, delivery window and collection point, payment days", () => {
    expect(text).toContain("Diện tích sản xuất: 6,5 ha");
    expect(text).toContain("Sản lượng Bên B cam kết giao: 6 tấn");
    expect(text).toContain("Điểm thu mua Hướng Phùng");
    expect(text).toContain("trong vòng 7 ngày kể từ ngày giao hàng");
    expect(text).toContain("trước sự chứng kiến của người làm chứng do Bên B cử");
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it("has the grade table", () => {
    expect(text).toContain("Chín ≥ 95%");
    expect(text).toContain("Tỷ lệ quả chín ≥ 95%");
    expect(text).toContain("18.500 ₫");
    expect(text).toContain("16.200 ₫");
  });

  it("has the signature block and the annex with every household and a signature column", () => {
    expect(text).toContain("ĐẠI DIỆN BÊN A");
    expect(text).toContain("ĐẠI DIỆN BÊN B");
    expect(text).toContain("(ký, ghi rõ họ tên, đóng dấu)");
    const annex = text.slice(text.indexOf("PHỤ LỤC: PHÂN BỔ SẢN LƯỢNG CHO CÁC HỘ"));
    expect(annex.length).toBeGreaterThan(100);
    expect(annex).toContain("Ký, ghi rõ họ tên");
    expect(annex).toContain("Hồ Thị Lan");
    expect(annex).toContain("Côn Thị Mây");
    expect(annex).toContain("3,5");
    expect(annex).toContain("2,5");
  });

  it("does not print the contract's status", () => {
    for (const word of ["Trạng thái", "Đã ký", "Đang thực hiện", "Bản nháp"]) expect(text).not.toContain(word);
  });

  it("in English with ?lang=en", async () => {
    const en = flat(await pdfText(await (await staff()).get(`/contracts/${contractId}/pdf?lang=en`)));
    expect(en).toContain("SOCIALIST REPUBLIC OF VIETNAM");
    CLAUSE_KEYS.forEach((key, i) => expect(en).toContain(`Article ${i + 1}. ${CLAUSES[key].title.en}`));
    expect(en).toContain("FOR PARTY A");
    expect(en).toContain("(signature, full name, seal)");
    expect(en).not.toContain("Điều 1.");
  });
});

describe("the offer's wording of the articles", () => {
  it("the offer form shows every article with its default wording, and an offer's own wording when edited", async () => {
    const blank = await (await (await staff()).get("/offers/new")).text();
    for (const key of CLAUSE_KEYS) expect(blank).toContain(`name="clause.${key}"`);
    expect(blank).toContain("Điều 12. Giải quyết tranh chấp");
    expect(blank).toContain("Điều 156 Bộ luật Dân sự 2015");
    const res = await draft({ "clause.disputes": "Tranh chấp do Trọng tài Thương mại Việt Nam (VIAC) giải quyết." });
    const offerId = /\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
    const edit = await (await (await staff()).get(`/offers/${offerId}/edit`)).text();
    expect(edit).toContain("Tranh chấp do Trọng tài Thương mại Việt Nam (VIAC) giải quyết.");
  });

  it("an emptied required article is refused with the field error, and nothing is written", async () => {
    const before = await db.purchaseOffer.count();
    const res = await draft({ "clause.penalties": "   " });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Điều khoản này pháp luật yêu cầu phải có, không được để trống.");
    expect(await db.purchaseOffer.count()).toBe(before);
  });

  it("an edit that empties a required article leaves the offer as it was", async () => {
    const res = await draft({ "clause.price": "Giá cố định theo bảng tại Điều 3." });
    const offerId = /\/offers\/([^/]+)$/.exec(res.headers.get("location") ?? "")![1];
    const stored = await db.purchaseOffer.findUniqueOrThrow({ where: { id: offerId } });
    expect(JSON.parse(stored.clauses!)).toEqual({ price: "Giá cố định theo bảng tại Điều 3." });
    const fields = offerForm(world.orgs.orgA.id, market.seasons.current, market.today, { title: "Đổi tên", "clause.price": "" });
    const edit = await (await staff()).post(`/offers/${offerId}/edit`, fields);
    expect(edit.status).toBe(400);
    expect(await edit.text()).toContain("Điều khoản này pháp luật yêu cầu phải có, không được để trống.");
    const after = await db.purchaseOffer.findUniqueOrThrow({ where: { id: offerId } });
    expect(after.title).toBe(stored.title);
    expect(after.clauses).toBe(stored.clauses);
  });

  it("the buyer's wording is printed, and stays on the contract as agreed when the offer's changes", async () => {
    const agreed = "Bên A thanh toán cho từng hộ trong vòng {paymentDays} ngày, chỉ bằng chuyển khoản.";
    const { offerId, contractId } = await makeContract({ "clause.payment": agreed });
    const first = flat(await pdfText(await (await staff()).get(`/contracts/${contractId}/pdf`)));
    expect(first).toContain("Bên A thanh toán cho từng hộ trong vòng 7 ngày, chỉ bằng chuyển khoản.");

    await write((tx) => tx.purchaseOffer.update({ where: { id: offerId }, data: { clauses: JSON.stringify({ payment: "Thanh toán sau 90 ngày." }) } }));
    const later = flat(await pdfText(await (await staff()).get(`/contracts/${contractId}/pdf`)));
    expect(later).toContain("Bên A thanh toán cho từng hộ trong vòng 7 ngày, chỉ bằng chuyển khoản.");
    expect(later).not.toContain("Thanh toán sau 90 ngày.");
  });

  it("a renewal keeps the wording agreed for the season before", async () => {
    const { contractId } = await makeContract({ "clause.penalties": "Phạt vi phạm 5% giá trị phần nghĩa vụ bị vi phạm." });
    expect((await (await staff()).post(`/contracts/${contractId}`, { intent: "move", to: "active", confirm: "on" })).status).toBe(200);
    const renew = await (await staff()).post(`/contracts/${contractId}`, { intent: "renew" });
    expect(renew.status).toBe(302);
    const renewalId = /\/contracts\/([^/]+)$/.exec(renew.headers.get("location") ?? "")![1];
    expect(renewalId).not.toBe(contractId);
    const text = flat(await pdfText(await (await staff()).get(`/contracts/${renewalId}/pdf`)));
    expect(text).toContain("Phạt vi phạm 5% giá trị phần nghĩa vụ bị vi phạm.");
  });

  it("a contract made before articles existed (no snapshot) prints the defaults", async () => {
    const { contractId } = await makeContract();
    await write((tx) => tx.contract.update({ where: { id: contractId }, data: { clauses: null } }));
    const text = flat(await pdfText(await (await staff()).get(`/contracts/${contractId}/pdf`)));
    expect(text).toContain("Giải quyết tranh chấp");
    expect(text).toContain("Điều 156 Bộ luật Dân sự 2015");
  });
});
