// The demo programme's diaries and contributions (issue 14): four weeks of diary for the two
// named households of Hướng Phùng 1 (the leader's and the demo member's), and a few resources put
// into the Women's Union project. Deterministic (a PRNG seeded per household) and a few dozen rows.
//
// The diaries keep the harvest rule: each household's harvest lines cover, month by month, what it
// delivered under contract in the calendar year plus what it sold to others, with some left over.
import type { Tx } from "~/utils/db.server";
import { addDays } from "../money";
import { rngFor } from "../rng";
import { weekStart } from "./diary.schema";

const WEEKS = 4;

export async function writeDemoDiaries(tx: Tx, o: { today: string; groupId: string; projectOwnerId: string; productRef: string; heads: string[] }) {
  const product = await tx.product.findUniqueOrThrow({ where: { ref: o.productRef }, select: { id: true } });
  const year = o.today.slice(0, 4);
  const first = addDays(weekStart(o.today), -7 * (WEEKS - 1));
  for (const head of o.heads) {
    const hh = await tx.household.findFirst({ where: { groupId: o.groupId, headName: head }, select: { id: true } });
    if (!hh) continue;
    const r = rngFor(`diary:${head}`);
    const lots = await tx.lot.findMany({
      where: {
        householdId: hh.id,
        supersededBy: { is: null },
        pickup: { date: { gte: `${year}-01-01`, lte: o.today } },
        contract: { season: { productId: product.id } },
      },
      select: { netG: true, pickup: { select: { date: true } } },
    });
    const line = (
      on: string,
      data: { kind: string; category?: string; amountVnd?: number; days?: number; quantityKg?: number; priceVnd?: number; buyer?: string; note?: string },
    ) => tx.diaryEntry.create({ data: { householdId: hh.id, on, productId: data.quantityKg ? product.id : null, ...data } });

    const outside = new Map<string, number>(); // month → kg sold to others
    for (let w = 0; w < WEEKS; w++) {
      const monday = addDays(first, 7 * w);
      const day = (d: number) => [addDays(monday, d), o.today].sort()[0];
      await line(day(0), { kind: "labour", category: "family", days: r.int(4, 9) });
      if (w % 2 === 0) await line(day(1), { kind: "labour", category: "hired", days: r.int(1, 3) });
      await line(day(1), {
        kind: "cost",
        category: w === 0 ? "fertiliser" : r.pick(["transport", "tools", "hired_labour", "pesticide"]),
        amountVnd: r.int(3, 18) * 50_000,
      });
      const kg = r.int(2, 6) * 10;
      const price = r.int(11, 14) * 1000;
      // A sale's amount is kg × price, as the form works it out.
      await line(day(3), { kind: "sale", quantityKg: kg, priceVnd: price, buyer: "Thương lái trong xã", amountVnd: kg * price });
      outside.set(day(3).slice(0, 7), (outside.get(day(3).slice(0, 7)) ?? 0) + kg);
    }

    // Harvest per month: that month's deliveries and outside sales, and 5–15 % more kept or lost.
    const sold = new Map(outside);
    for (const l of lots) sold.set(l.pickup.date.slice(0, 7), (sold.get(l.pickup.date.slice(0, 7)) ?? 0) + l.netG / 1000);
    for (const [month, kg] of [...sold].sort()) {
      const on = [`${month}-25`, o.today].sort()[0];
      await line(on, { kind: "harvest", quantityKg: Math.ceil(kg * (1 + r.between(0.05, 0.15))), note: "Tổng thu hoạch trong tháng" });
    }
  }

  const c = (party: string, kind: string, valueVnd: number, on: string, description: string) =>
    tx.projectContribution.create({ data: { projectOwnerId: o.projectOwnerId, party, kind, valueVnd, on, description, groupId: o.groupId } });
  await c("project", "training", 45_000_000, `${year}-03-12`, "Tập huấn kỹ thuật cà phê bền vững, 3 lớp");
  await c("project", "equipment", 60_000_000, `${year}-05-20`, "Máy xát cà phê cho tổ");
  await c("household", "labour", 9_600_000, `${year}-05-22`, "Ngày công lắp đặt nhà xưởng (48 công)");
  await c("commune", "land", 12_000_000, `${year}-05-15`, "Mặt bằng đặt máy xát (giá trị thuê 5 năm)");
  await c("other", "cash", 3_000_000, `${year}-06-01`, "HTX Khe Sanh hỗ trợ bao bì");
}
