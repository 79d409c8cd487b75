// Pass 2, second part: one contract at a time — the contract with its grades, allocations and
// events, its pickups and lots as the hash chain appendPickup()/appendCorrection() would build
// (same content objects, the app's own entryHash/canonicalJson), the odd correction and
// dispute, then its invoices (numbers planned in pass 1) and payments.
import { CORRECTION_REASONS, UPHELD_RESOLUTION } from "~/domain/demo-data";
import { canonicalJson, entryHash, GENESIS, type LotContent, type PickupContent } from "~/domain/ledger.server";
import { addDays, kgToGrams, lotAmountVnd } from "~/domain/money";
import { gradesFor, productRow } from "./chains";
import type { Ids } from "./gen-people";
import type { ContractPlan, Plan } from "./plan";
import { at, clamp, daysBetween, pad, rngFor, round1, round2, to100g, type Rng } from "./rng";
import type { Writer } from "./writer";

export type LedgerState = {
  lotsDigest: (hashes: (string | null)[]) => string;
  pickupNo: Map<string, number>; // per year
  lotNo: number;
  paymentNo: number;
  lotsWritten: number; // planned lots only (for progress)
  corrections: number;
  disputes: number;
  payments: number;
};

type LotRec = {
  id: string;
  ref: string;
  hash: string;
  hh: number;
  netG: number;
  grade: string;
  unit: number;
  amount: number;
  pickup: number;
  superseded: boolean;
  measurements: Record<string, number | string>;
};

const EVENT_REASONS = {
  breached: "Tổ bán phần lớn sản lượng cho thương lái khi giá thị trường tăng, không giao đủ khối lượng cam kết",
  cancelled: "Thời tiết bất lợi, sản lượng không đạt; hai bên thỏa thuận hủy hợp đồng trước vụ",
};

function events(c: ContractPlan) {
  const { start, end } = c.season;
  const mid = addDays(start, Math.round(daysBetween(start, end) / 2));
  const ev = (from: string | null, to: string, date: string, reason: string | null = null) => ({ from, to, at: at(date, 10), reason });
  const out = [ev(null, "draft", addDays(c.signedOn ?? start, c.signedOn ? -12 : -30))];
  if (c.status === "draft") return out;
  out.push(ev("draft", "signed", c.signedOn!));
  if (c.status === "cancelled") return [...out, ev("signed", "cancelled", addDays(start, -5), EVENT_REASONS.cancelled)];
  if (c.status === "signed") return out;
  out.push(ev("signed", "active", start));
  if (c.status === "completed") out.push(ev("active", "completed", addDays(end, 5)));
  if (c.status === "breached") out.push(ev("active", "breached", addDays(mid, 10), EVENT_REASONS.breached));
  return out;
}

/** Mostly paid within terms; some late, some in two instalments, a few partly; recent ones often not yet. */
function planPayments(issuedOn: string, dueOn: string, total: number, today: string, r: Rng) {
  const terms = daysBetween(issuedOn, dueOn);
  const onTime = () => addDays(issuedOn, r.int(1, terms));
  const x = r.next();
  let plan: { paidOn: string; amountVnd: number }[];
  if (issuedOn >= addDays(today, -35) && x < 0.8) plan = [];
  else if (x < 0.72) plan = [{ paidOn: onTime(), amountVnd: total }];
  else if (x < 0.86) plan = [{ paidOn: addDays(dueOn, r.int(3, 30)), amountVnd: total }];
  else {
    const first = Math.round((total * r.between(0.5, 0.7)) / 1000) * 1000;
    plan = [{ paidOn: onTime(), amountVnd: first }];
    if (x < 0.95) plan.push({ paidOn: addDays(dueOn, r.int(10, 45)), amountVnd: total - first });
  }
  return plan.filter((p) => p.paidOn < today);
}

export function writeContract(w: Writer, plan: Plan, ids: Ids, c: ContractPlan, contractIds: string[], st: LedgerState) {
  const r = rngFor(`ledger:${c.ref}`);
  const product = productRow(c.group.product);
  const hhIds = ids.households[c.group.idx];
  const hhRefs = ids.householdRefs[c.group.idx];
  const buyerId = ids.buyers[c.buyer.idx];
  const id = ids.next();
  contractIds[c.idx] = id;
  const created = at(addDays(c.signedOn ?? c.season.start, -20), 10);
  w.insert("Contract", [
    id,
    c.ref,
    buyerId,
    ids.groups[c.group.idx],
    ids.seasons.get(c.season.ref)!,
    c.status,
    c.signedOn,
    c.areaHa,
    c.volumeTonnes,
    c.paymentTermsDays,
    "fixed",
    0,
    c.renews ? contractIds[c.renews.idx] : null,
    created,
    created,
  ]);
  const grades = gradesFor(product, c.season);
  const price = new Map(grades.map((g) => [g.code, g.priceVndPerKg]));
  for (const g of grades) w.insert("ContractGrade", [ids.next(), id, g.code, g.label, g.criteria, g.priceVndPerKg]);
  const participants = [0, ...r.shuffle([...hhIds.keys()].slice(1)).slice(0, c.participants - 1)].sort((a, b) => a - b);
  const weights = participants.map(() => r.between(0.6, 1.4));
  const sum = weights.reduce((s, x) => s + x, 0);
  const tonnes = weights.map((x) => round2((c.volumeTonnes * x) / sum));
  tonnes[tonnes.length - 1] = round2(c.volumeTonnes - tonnes.slice(0, -1).reduce((s, t) => s + t, 0));
  participants.forEach((hh, k) => w.insert("ContractAllocation", [ids.next(), id, hhIds[hh], tonnes[k], round2((c.areaHa * weights[k]) / sum)]));
  const admin = ids.buyerAdmins[c.buyer.idx];
  for (const e of events(c)) w.insert("ContractEvent", [ids.next(), id, e.from, e.to, e.reason, admin, e.at]);
  if (!c.pickups.length) return;

  // Lots drawn first, then scaled so deliveries land near the contracted volume.
  const drawn = c.pickups.map((p) =>
    r
      .shuffle(participants)
      .slice(0, p.lots)
      .sort((a, b) => a - b)
      .map((hh) => {
        const grade = r.weighted(product.grades.map((g) => [g.code, g.share] as const));
        return { hh, grade, grossKg: r.between(...product.lotKg), tareKg: 0, measurements: product.measure(grade, r.next) };
      }),
  );
  const share = c.status === "active" ? c.weight : c.status === "breached" ? 0.5 : 1;
  const target = c.volumeTonnes * 1000 * share * r.between(0.88, 1.04);
  const all = drawn.flat();
  const factor = clamp(target / all.reduce((s, l) => s + l.grossKg, 0), 0.2, 3);
  for (const l of all) {
    l.grossKg = round1(clamp(l.grossKg * factor, ...product.lotKg));
    l.tareKg = Math.max(0.5, round1(l.grossKg * r.between(0.01, 0.04)));
  }

  const staffUser = ids.buyerStaff[c.buyer.idx];
  const leader = ids.leaders[c.group.idx];
  const lots: LotRec[] = [];
  const pickupIds: string[] = [];
  let seq = 0;
  let prev = GENESIS;
  const lastPickup = c.pickups.length - 1;
  const insertLot = (
    pickup: { id: string; ref: string; idx: number; date: string },
    hh: number,
    grossG: number,
    tareG: number,
    grade: string,
    measurements: Record<string, number | string>,
    supersedes: LotRec | null,
    reason: string | null,
  ) => {
    const unit = price.get(grade)!;
    const netG = grossG - tareG;
    const ref = `l-${pad(++st.lotNo, 7)}`;
    const content: LotContent = {
      kind: "lot",
      ref,
      pickup: pickup.ref,
      household: hhRefs[hh],
      grossG,
      tareG,
      netG,
      grade,
      measurements,
      unitPriceVnd: unit,
      amountVnd: lotAmountVnd(netG, unit),
      supersedes: supersedes?.ref ?? null,
      correctionReason: reason,
    };
    const hash = entryHash(content, prev);
    const lid = ids.next();
    w.insert("Lot", [
      lid,
      ref,
      pickup.id,
      id,
      hhIds[hh],
      grossG,
      tareG,
      netG,
      grade,
      canonicalJson(measurements),
      unit,
      content.amountVnd,
      supersedes?.id ?? null,
      reason,
      ++seq,
      prev,
      hash,
      at(pickup.date, 10),
    ]);
    prev = hash;
    const rec: LotRec = { id: lid, ref, hash, hh, netG, grade, unit, amount: content.amountVnd, pickup: pickup.idx, superseded: false, measurements };
    if (supersedes) supersedes.superseded = true;
    lots.push(rec);
    return rec;
  };
  const dispute = (lot: LotRec, date: string, status: string, reason: string, resolution: string | null = null, correction: LotRec | null = null) => {
    st.disputes++;
    const resolved = status === "open" ? null : at(addDays(date, 2), 15);
    w.insert("LotDispute", [
      ids.next(),
      lot.id,
      leader,
      reason,
      status,
      resolution,
      status === "open" ? null : admin,
      resolved,
      correction?.id ?? null,
      at(addDays(date, 1), 8),
    ]);
  };

  c.pickups.forEach((p, pi) => {
    const year = p.date.slice(0, 4);
    st.pickupNo.set(year, (st.pickupNo.get(year) ?? 0) + 1);
    const ref = `p-${year}-${pad(st.pickupNo.get(year)!, 6)}`;
    const witnesses = r.shuffle([...hhIds.keys()]).slice(0, p.witnesses);
    const staffName = r.pick(c.buyer.staff);
    const content: PickupContent = {
      kind: "pickup",
      ref,
      contract: c.ref,
      date: p.date,
      collectionPoint: c.group.collectionPoint,
      vehicle: r.pick(c.buyer.plates),
      staffName,
      witnesses: witnesses.map((i) => hhRefs[i]).sort(),
    };
    const hash = entryHash(content, prev);
    const pid = ids.next();
    pickupIds.push(pid);
    w.insert("Pickup", [
      pid,
      ref,
      id,
      p.date,
      content.collectionPoint,
      content.vehicle,
      staffName,
      staffName === c.buyer.staff[0] ? staffUser : null,
      ++seq,
      prev,
      hash,
      at(p.date, 10),
    ]);
    prev = hash;
    for (const i of witnesses) w.insert("PickupWitness", [pid, hhIds[i]]);
    const pickup = { id: pid, ref, idx: pi, date: p.date };
    const written = drawn[pi].map((l) => insertLot(pickup, l.hh, kgToGrams(l.grossKg), kgToGrams(l.tareKg), l.grade, l.measurements, null, null));
    st.lotsWritten += written.length;
    // ≈1% of lots corrected (a scale found off, a grade raised after the group disputed it), ≈0.5% disputed.
    written.forEach((lot, li) => {
      const x = r.next();
      if (c.status === "active" && pi === lastPickup && li === 0 && r.next() < 0.05) {
        dispute(lot, p.date, "open", "Hộ cho rằng khối lượng hoặc phân loại chưa đúng, đề nghị kiểm tra lại");
      } else if (x < 0.01) {
        const { reason, kind } = lot.grade === "A" ? CORRECTION_REASONS[li % 2] : r.pick(CORRECTION_REASONS);
        const grade = kind === "grade" ? (lot.grade === "C" ? "B" : "A") : lot.grade;
        const old = drawn[pi][li];
        const grossG = reason.startsWith("Cân") ? to100g(kgToGrams(old.grossKg) * r.between(1.01, 1.04)) : kgToGrams(old.grossKg);
        const tareG = reason.includes("bì") ? to100g(kgToGrams(old.tareKg) * 0.5) : kgToGrams(old.tareKg);
        const fixed = insertLot(pickup, lot.hh, grossG, tareG, grade, kind === "grade" ? product.measure(grade, r.next) : lot.measurements, lot, reason);
        st.corrections++;
        if (kind === "grade" || r.next() < 0.3) {
          dispute(
            lot,
            p.date,
            "corrected",
            kind === "grade" ? "Tổ cho rằng lô bị xếp hạng thấp hơn thực tế" : "Hộ thấy khối lượng thấp hơn cân đối chứng của tổ",
            reason,
            fixed,
          );
        }
      } else if (x > 0.999) {
        dispute(lot, p.date, "upheld", "Hộ đề nghị kiểm tra lại phân loại", UPHELD_RESOLUTION);
      }
    });
  });

  for (const inv of c.invoices) {
    const covered = lots.filter((l) => !l.superseded && l.pickup >= inv.first && l.pickup < inv.first + inv.count);
    const subtotal = covered.reduce((s, l) => s + l.amount, 0);
    const iid = ids.next();
    const ref = `inv-${c.buyer.code}-${inv.year}-${pad(inv.number, 5)}`;
    const dueOn = addDays(inv.issuedOn, c.paymentTermsDays);
    w.insert("Invoice", [
      iid,
      ref,
      buyerId,
      id,
      "invoice",
      inv.year,
      inv.number,
      "issued",
      inv.issuedOn,
      dueOn,
      subtotal,
      0,
      subtotal,
      st.lotsDigest(covered.map((l) => l.hash)),
      admin,
      at(inv.issuedOn, 11),
    ]);
    for (let k = inv.first; k < inv.first + inv.count; k++) w.insert("InvoicePickup", [iid, pickupIds[k]]);
    for (const l of covered) w.insert("InvoiceLine", [ids.next(), iid, l.id, hhIds[l.hh], l.netG, l.grade, l.unit, l.amount]);
    const pr = rngFor(`payments:${ref}`);
    const method = pr.next() < c.buyer.cashShare ? "cash" : "bank_transfer";
    for (const pay of planPayments(inv.issuedOn, dueOn, subtotal, plan.today, pr)) {
      st.payments++;
      const no = pad(++st.paymentNo, 7);
      w.insert("Payment", [
        ids.next(),
        `pay-${no}`,
        iid,
        pay.paidOn,
        pay.amountVnd,
        method,
        method === "bank_transfer" ? `CK ${ref.toUpperCase()}` : `Phiếu chi ${no}`,
        admin,
        at(pay.paidOn, 14),
      ]);
    }
  }
}
