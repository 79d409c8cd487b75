// Certificates recorded by a group's leader and a buyer's administrator (issue 16), over real
// HTTP against the built app and a real database: a real PDF and a real PNG are kept and come
// back byte for byte with their checked type; reversed dates, a text file named .pdf, an 11 MB
// file, a 50 MB body and an "other" without a name are refused with their message and write
// nothing; those with no business with the group (another buyer, another group's people, an
// authority) get 404 and change nothing; only the leader withdraws.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("certifications");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts, plusDays } = await import("../support/pickup-fixtures");
const { db, disconnect, write } = await import("~/utils/db.server");
const { newDocument, toBuffer } = await import("~/domain/pdf.server");
const { MAX_CERT_BODY_BYTES } = await import("~/domain/certifications/certification.schema");
const QRCode = (await import("qrcode")).default;

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let setup: Awaited<ReturnType<typeof makeContracts>>;
let today: string;
let g1: string;
let pdf: Buffer;
let png: Buffer;

beforeAll(async () => {
  world = await makeWorld();
  setup = await makeContracts(world); // buyer A has contracts with g1, buyer B with g2
  today = setup.today;
  g1 = world.groups.g1;
  const doc = newDocument({ title: "Giấy chứng nhận VietGAP", author: "test" });
  doc.text("Giấy chứng nhận VietGAP số VG-001 — Tổ hợp tác cà phê Hướng Phùng 1");
  pdf = await toBuffer(doc);
  png = await QRCode.toBuffer("https://example.test/chung-nhan", { type: "png" });
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const clients = new Map<string, Client>();
async function as(email: string): Promise<Client> {
  let c = clients.get(email);
  if (!c) {
    c = new Client(server.url);
    await c.login(email, PASSWORD);
    clients.set(email, c);
  }
  return c;
}
const u = () => world.users;

/** The page's HTML without the stray NUL bytes React 18.3 can stream (see marketplace.test.ts). */
const html = async (res: Response) => (await res.text()).replaceAll("\0", "");

type CertFields = Record<string, string | string[]>;
const fields = (over: CertFields = {}): CertFields => ({
  intent: "add",
  scheme: "vietgap",
  schemeName: "",
  number: "VietGAP-TT-25-01",
  body: "Công ty Chứng nhận Nông sản Miền Trung",
  areaHa: "12,5",
  membersCovered: "18",
  validFrom: plusDays(today, -100),
  validTo: plusDays(today, 600),
  ...over,
});

/** Posts the certificate form as a browser does: multipart, with the CSRF token and maybe a file. */
async function postCert(c: Client, path: string, f: CertFields, file?: { bytes: Uint8Array; name: string; type: string }): Promise<Response> {
  const body = new FormData();
  body.append("csrf", await c.ensureCsrf());
  for (const [k, v] of Object.entries(f)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  body.append("file", file ? new Blob([new Uint8Array(file.bytes)], { type: file.type }) : new Blob([]), file?.name ?? "");
  return c.request(path, { method: "POST", body });
}

const groupPath = () => `/groups/${g1}/certifications`;
const countOf = (where: { groupId?: string; orgId?: string }) => db.certification.count({ where });

describe("recording a group's certificate with its file", () => {
  it("keeps a real PDF and gives the same bytes back as application/pdf, saved not opened", async () => {
    const leader = await as(u().leader1.email);
    const res = await postCert(leader, groupPath(), fields({ products: setup.product.id }), {
      bytes: pdf,
      name: "Giấy chứng nhận VietGAP.pdf",
      type: "application/pdf",
    });
    expect(res.status).toBe(200);
    const row = await db.certification.findFirstOrThrow({ where: { groupId: g1, number: "VietGAP-TT-25-01" } });
    expect(row).toMatchObject({ scheme: "vietgap", areaHa: 12.5, membersCovered: 18, fileMime: "application/pdf", fileSize: pdf.byteLength });
    expect(JSON.parse(row.products)).toEqual([setup.product.id]);
    expect(row.fileName).toBe("Giấy chứng nhận VietGAP.pdf");

    const file = await leader.get(`/certifications/${row.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="Giay chung nhan VietGAP\.pdf"; filename\*=UTF-8''Gi%E1%BA%A5y%20/);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);

    const page = await html(await leader.get(groupPath()));
    expect(page).toContain("VietGAP-TT-25-01");
    expect(page).toMatch(/data-state="valid"/);
    expect(page).toContain("Còn hiệu lực");
  });

  it("keeps a PNG photo named .jpg as what it is (image/png), and the buyer with a contract downloads it", async () => {
    const leader = await as(u().leader1.email);
    const res = await postCert(leader, groupPath(), fields({ scheme: "organic", number: "HC-0342", validTo: plusDays(today, 30) }), {
      bytes: png,
      name: "anh-chup.jpg",
      type: "image/jpeg",
    });
    expect(res.status).toBe(200);
    const row = await db.certification.findFirstOrThrow({ where: { groupId: g1, number: "HC-0342" } });
    expect(row).toMatchObject({ fileMime: "image/png", fileName: "anh-chup.png", fileSize: png.byteLength });
    const buyerStaff = await as(u().staffA.email);
    const file = await buyerStaff.get(`/certifications/${row.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    // 30 days left: listed as expiring, to the buyer as to the group.
    const page = await html(await buyerStaff.get(groupPath()));
    expect(page).toContain("HC-0342");
    expect(page).toContain("Sắp hết hạn");
    expect(page).not.toContain('name="intent" value="add"'); // the buyer reads, it does not add
  });

  it("records one without a file, for every product (none ticked)", async () => {
    const leader = await as(u().leader1.email);
    const res = await postCert(leader, groupPath(), fields({ scheme: "other", schemeName: "4C", number: "4C-77" }));
    expect(res.status).toBe(200);
    const row = await db.certification.findFirstOrThrow({ where: { number: "4C-77" } });
    expect(row).toMatchObject({ schemeName: "4C", file: null, fileName: null, products: "[]" });
  });
});

describe("bad certificates are refused with their message and nothing is written", () => {
  const refused = async (res: Response, status: number, message: string) => {
    expect(res.status).toBe(status);
    expect(await html(res)).toContain(message);
  };

  it("reversed dates: “valid to” before “valid from”", async () => {
    const before = await countOf({ groupId: g1 });
    const res = await postCert(await as(u().leader1.email), groupPath(), fields({ number: "REV-1", validFrom: today, validTo: plusDays(today, -1) }), {
      bytes: pdf,
      name: "c.pdf",
      type: "application/pdf",
    });
    await refused(res, 400, "Ngày hết hiệu lực phải cùng ngày hoặc sau ngày bắt đầu hiệu lực.");
    expect(await countOf({ groupId: g1 })).toBe(before);
  });

  it("a text file named .pdf and sent as application/pdf", async () => {
    const before = await countOf({ groupId: g1 });
    const text = new TextEncoder().encode("Đây không phải PDF, chỉ là chữ.\n");
    const res = await postCert(await as(u().leader1.email), groupPath(), fields({ number: "TXT-1" }), {
      bytes: text,
      name: "chung-nhan.pdf",
      type: "application/pdf",
    });
    await refused(res, 400, "Tệp phải là PDF hoặc ảnh JPEG, PNG, WebP");
    expect(await countOf({ groupId: g1 })).toBe(before);
  });

  it("an 11 MB file (a real PDF header): 413, with the size message", async () => {
    const before = await countOf({ groupId: g1 });
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(pdf.subarray(0, 1024));
    const res = await postCert(await as(u().leader1.email), groupPath(), fields({ number: "BIG-1" }), { bytes: big, name: "to.pdf", type: "application/pdf" });
    await refused(res, 413, "Tệp lớn hơn 10 MB.");
    expect(await countOf({ groupId: g1 })).toBe(before);
  });

  it("a file just over 10 MB in a body under the cap: the same message from the form check", async () => {
    const before = await countOf({ groupId: g1 });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf.subarray(0, 1024));
    const res = await postCert(await as(u().leader1.email), groupPath(), fields({ number: "BIG-2" }), { bytes: big, name: "to.pdf", type: "application/pdf" });
    await refused(res, 400, "Tệp lớn hơn 10 MB.");
    expect(await countOf({ groupId: g1 })).toBe(before);
  });

  it("“other” without a name, a negative area and a product that does not exist, all at once", async () => {
    const before = await countOf({ groupId: g1 });
    const res = await postCert(
      await as(u().leader1.email),
      groupPath(),
      fields({ scheme: "other", number: "OT-1", areaHa: "-1", products: "no-such-product" }),
    );
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("Chọn “Khác” thì ghi tên chứng nhận.");
    expect(page).toContain("Số nằm ngoài khoảng cho phép.");
    expect(page).toContain("Có sản phẩm không có trong danh mục.");
    expect(await countOf({ groupId: g1 })).toBe(before);
  });

  it("a 50 MB body sent chunked is refused with 413 while it is still arriving", async () => {
    const before = await countOf({ groupId: g1 });
    const leader = await as(u().leader1.email);
    const boundary = "----cert-boundary";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${await leader.ensureCsrf()}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="to.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const chunk = new Uint8Array(1024 * 1024);
    let arrived!: () => void;
    const answered = new Promise<void>((r) => (arrived = r));
    let sent = 0;
    // After the cap the stream waits for the answer: a server that held the whole body before
    // judging it would never answer, and the test would hang instead of passing.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) {
          controller.enqueue(head);
          sent += head.length;
          return;
        }
        if (sent > MAX_CERT_BODY_BYTES + chunk.length) await answered;
        if (sent >= 50 * 1024 * 1024) return controller.close();
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const res = await fetch(server.url + groupPath(), {
      method: "POST",
      body,
      duplex: "half",
      headers: { Cookie: [...leader.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "Content-Type": `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    // The answer is read before the rest is let go: past twice the cap the server drops the
    // connection (app/utils/api.server.ts), and what a client has not read by then is lost.
    expect(res.status).toBe(413);
    expect(await html(res)).toContain("Tệp lớn hơn 10 MB.");
    arrived();
    await body.cancel().catch(() => {});
    expect(await countOf({ groupId: g1 })).toBe(before);
  });
});

describe("who sees a group's certificates and their files", () => {
  let certId: string;
  beforeAll(async () => {
    certId = (await db.certification.findFirstOrThrow({ where: { groupId: g1, number: "VietGAP-TT-25-01" } })).id;
  });

  it("its member, its project and the buyer with a contract read the list and the file", async () => {
    for (const email of [u().member1.email, u().project.email, u().buyerA.email]) {
      const c = await as(email);
      const page = await c.get(groupPath());
      expect(page.status, email).toBe(200);
      expect(await html(page)).toContain("VietGAP-TT-25-01");
      expect((await c.get(`/certifications/${certId}/file`)).status, email).toBe(200);
    }
  });

  it("another buyer, another group's leader and the area's authority get 404 for the list, the file and a withdrawal", async () => {
    for (const email of [u().buyerB.email, u().leader2.email, u().authority.email]) {
      const c = await as(email);
      expect((await c.get(groupPath())).status, email).toBe(404);
      expect((await c.get(`/certifications/${certId}/file`)).status, email).toBe(404);
      const res = await c.post(groupPath(), { intent: "withdraw", certificationId: certId, reason: "đoán mã", confirm: "on" });
      expect(res.status, email).toBe(404);
    }
    // Another group's leader, on their own group's page, naming g1's certificate.
    const res = await (
      await as(u().leader2.email)
    ).post(`/groups/${world.groups.g2}/certifications`, {
      intent: "withdraw",
      certificationId: certId,
      reason: "đoán mã",
      confirm: "on",
    });
    expect(res.status).toBe(404);
    // Adding through another group's address writes nothing either.
    const before = await db.certification.count();
    expect((await postCert(await as(u().buyerB.email), groupPath(), fields({ number: "X-1" }))).status).toBe(404);
    expect(await db.certification.count()).toBe(before);
    expect((await db.certification.findUniqueOrThrow({ where: { id: certId } })).withdrawnAt).toBeNull();
  });

  it("a file that does not exist is 404 like one not shown", async () => {
    expect((await (await as(u().leader1.email)).get(`/certifications/no-such-id/file`)).status).toBe(404);
  });

  it("a buyer whose offer the group took up (pending) may check them; once declined, no longer", async () => {
    const buyerB = await as(u().buyerB.email);
    expect((await buyerB.get(groupPath())).status).toBe(404);
    const acceptanceId = await write(async (tx) => {
      const offer = await tx.purchaseOffer.create({
        data: {
          buyerId: world.orgs.orgB.id,
          productId: setup.product.id,
          seasonId: setup.season.id,
          title: "Cần mua cà phê VietGAP",
          status: "published",
          minTonnes: 1,
          maxTonnes: 20,
          windowStart: today,
          windowEnd: plusDays(today, 30),
          paymentTermsDays: 7,
        },
      });
      const a = await tx.offerAcceptance.create({ data: { offerId: offer.id, groupId: g1, areaHa: 2, volumeTonnes: 3, submittedById: u().leader1.id } });
      return a.id;
    });
    expect((await buyerB.get(groupPath())).status).toBe(200);
    expect((await buyerB.get(`/certifications/${certId}/file`)).status).toBe(200);
    await write((tx) => tx.offerAcceptance.update({ where: { id: acceptanceId }, data: { status: "declined" } }));
    expect((await buyerB.get(groupPath())).status).toBe(404);
    expect((await buyerB.get(`/certifications/${certId}/file`)).status).toBe(404);
  });
});

describe("withdrawing a certificate", () => {
  let certId: string;
  beforeAll(async () => {
    certId = (await db.certification.findFirstOrThrow({ where: { groupId: g1, number: "HC-0342" } })).id;
  });
  const withdraw = (c: Client, over: Record<string, string> = {}) =>
    c.post(groupPath(), { intent: "withdraw", certificationId: certId, reason: "Hết diện tích", confirm: "on", ...over });
  const withdrawnAt = async () => (await db.certification.findUniqueOrThrow({ where: { id: certId } })).withdrawnAt;

  it("is not for a member (403) nor for the buyer (403): they only read", async () => {
    expect((await withdraw(await as(u().member1.email))).status).toBe(403);
    expect((await withdraw(await as(u().buyerA.email))).status).toBe(403);
    expect(await withdrawnAt()).toBeNull();
  });

  it("needs the confirmation box and a reason", async () => {
    const leader = await as(u().leader1.email);
    const res = await withdraw(leader, { confirm: "", reason: "" });
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("Hãy đánh dấu ô xác nhận");
    expect(page).toContain("Vui lòng nhập thông tin này.");
    expect(await withdrawnAt()).toBeNull();
  });

  it("by the leader: kept on the list, struck, with the reason; a second time is refused", async () => {
    const leader = await as(u().leader1.email);
    expect((await withdraw(leader)).status).toBe(200);
    const row = await db.certification.findUniqueOrThrow({ where: { id: certId } });
    expect(row.withdrawnAt).not.toBeNull();
    expect(row.withdrawnReason).toBe("Hết diện tích");
    const page = await html(await leader.get(groupPath()));
    expect(page).toMatch(/data-state="withdrawn"/);
    expect(page).toContain("Hết diện tích");
    expect(page).toContain("Đã thu hồi");
    const again = await withdraw(leader, { reason: "lần hai" });
    expect(again.status).toBe(409);
    expect((await db.certification.findUniqueOrThrow({ where: { id: certId } })).withdrawnReason).toBe("Hết diện tích");
  });

  it("the group's page lists only the certificates in force", async () => {
    const page = await html(await (await as(u().leader1.email)).get(`/groups/${g1}`));
    const summary = page.slice(page.indexOf('id="cert-summary"'));
    expect(summary).toContain("VietGAP-TT-25-01");
    expect(summary.slice(0, summary.indexOf("</section>"))).not.toContain("HC-0342");
  });
});

describe("a buyer's own certificates", () => {
  const orgPath = () => `/orgs/${world.orgs.orgA.id}/certifications`;

  it("its administrator records one; its staff read it but cannot add; another buyer gets 404", async () => {
    const admin = await as(u().buyerA.email);
    expect(
      (await postCert(admin, orgPath(), fields({ scheme: "rainforest", number: "RA-812" }), { bytes: png, name: "ra.png", type: "image/png" })).status,
    ).toBe(200);
    const row = await db.certification.findFirstOrThrow({ where: { orgId: world.orgs.orgA.id } });
    expect(row).toMatchObject({ number: "RA-812", groupId: null, fileMime: "image/png" });

    const staff = await as(u().staffA.email);
    expect(await html(await staff.get(orgPath()))).toContain("RA-812");
    expect((await staff.get(`/certifications/${row.id}/file`)).status).toBe(200);
    expect((await postCert(staff, orgPath(), fields({ number: "RA-999" }))).status).toBe(403);
    expect(await countOf({ orgId: world.orgs.orgA.id })).toBe(1);
    expect(await html(await admin.get(`/orgs/${world.orgs.orgA.id}`))).toContain("RA-812");

    const other = await as(u().buyerB.email);
    expect((await other.get(orgPath())).status).toBe(404);
    expect((await other.get(`/certifications/${row.id}/file`)).status).toBe(404);
    expect((await postCert(other, orgPath(), fields({ number: "RA-000" }))).status).toBe(404);
    expect(await countOf({ orgId: world.orgs.orgA.id })).toBe(1);
  });
});
