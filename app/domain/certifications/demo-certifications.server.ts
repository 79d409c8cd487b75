// The demo's certificates (issue 16): the demo leader's group holds a VietGAP certificate for
// its coffee, valid well past today, with its certificate as a small PDF, and an organic one
// that runs out 40 days from today, so the expiry reminders and the "expiring" state have
// something to show whenever the demo is loaded. Its buyer holds one with no file attached.
// The documents are made up and say so.
import { db, write } from "~/utils/db.server";
import { todayInVietnam } from "~/utils/dates";
import { addDays } from "../money";
import { facts, heading, newDocument, toBuffer } from "../pdf.server";

type DemoCert = { scheme: string; number: string; body: string; validFrom: string; validTo: string; areaHa: number; membersCovered: number };

async function certificatePdf(c: DemoCert, group: string, product: string): Promise<Buffer> {
  const doc = newDocument({ title: `Giấy chứng nhận ${c.number}`, author: c.body });
  heading(doc, "GIẤY CHỨNG NHẬN SẢN PHẨM PHÙ HỢP VietGAP", 16);
  doc.text("Theo TCVN 11892-1:2017 — Thực hành nông nghiệp tốt (VietGAP) — Phần 1: Trồng trọt").moveDown();
  facts(doc, [
    ["Số chứng nhận", c.number],
    ["Tổ chức chứng nhận", c.body],
    ["Cấp cho", group],
    ["Sản phẩm", product],
    ["Diện tích", `${String(c.areaHa).replace(".", ",")} ha`],
    ["Số thành viên", String(c.membersCovered)],
    ["Hiệu lực", `${c.validFrom.split("-").reverse().join("/")} – ${c.validTo.split("-").reverse().join("/")}`],
  ]);
  doc.moveDown().font("italic").text("Bản mẫu của dữ liệu trình diễn Cầu Nối — không có giá trị pháp lý.");
  return toBuffer(doc);
}

/** Written once the demo's organisations, groups, households and users exist. */
export async function writeDemoCertifications(ids: { groups: Map<string, string>; orgs: Map<string, string>; users: Map<string, string> }): Promise<void> {
  const today = todayInVietnam();
  const groupId = ids.groups.get("tg-huong-phung-1")!;
  const [group, product, households] = await Promise.all([
    db.farmerGroup.findUniqueOrThrow({ where: { id: groupId }, select: { name: true } }),
    db.product.findUniqueOrThrow({ where: { ref: "coffee-cherry" }, select: { id: true, name: true } }),
    db.household.count({ where: { groupId } }),
  ]);
  const createdById = ids.users.get("leader@caunoi.vn") ?? null;
  // Valid since before the 2025 harvest (so the demo's pickups fall inside it), for two years
  // or at least a year from today.
  const vietgapTo = [addDays("2025-08-15", 730 - 1), addDays(today, 365)].sort()[1];
  const vietgap: DemoCert = {
    scheme: "vietgap",
    number: "VietGAP-TT-25-08-44-0117",
    body: "Công ty Chứng nhận Nông sản Miền Trung",
    validFrom: "2025-08-15",
    validTo: vietgapTo,
    areaHa: 12,
    membersCovered: households,
  };
  const organic: DemoCert = {
    scheme: "organic",
    number: "HC-2025-0342",
    body: "Trung tâm Chứng nhận Hữu cơ Bắc Trung Bộ",
    validFrom: addDays(today, -325),
    validTo: addDays(today, 40),
    areaHa: 4.5,
    membersCovered: Math.min(households, 8),
  };
  const file = await certificatePdf(vietgap, group.name, product.name);
  const products = JSON.stringify([product.id]);
  await write(async (tx) => {
    await tx.certification.create({
      data: {
        groupId,
        ...vietgap,
        products,
        fileName: "chung-nhan-vietgap.pdf",
        fileMime: "application/pdf",
        fileSize: file.byteLength,
        file: new Uint8Array(file),
        createdById,
      },
    });
    await tx.certification.create({ data: { groupId, ...organic, products, createdById } });
    await tx.certification.create({
      data: {
        orgId: ids.orgs.get("htx-khe-sanh")!,
        scheme: "rainforest",
        number: "RA-CoC-000812",
        body: "Rainforest Alliance",
        validFrom: addDays(today, -200),
        validTo: addDays(today, 530),
        createdById: ids.users.get("buyer@caunoi.vn") ?? null,
      },
    });
  });
}
