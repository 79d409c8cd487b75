// Household outcomes between survey rounds (issue 14), worked out by hand on the chain bundle
// (tests/fixtures/bundles/chain.json). The project CARE Việt Nam (care-vn) holds two groups:
// Hướng Phùng 1 (hh-0001 F minority poor, hh-0002 M minority near-poor, hh-0003 F Kinh non-poor,
// hh-0004 M minority poor) and Ea Tu 1 (hh-0201 M minority near-poor, hh-0202 F minority poor);
// sns-vn holds Cư Suê 1 (hh-0301). Rounds of care-vn:
//   "Khảo sát thử" (other, 2024-05-01)  — earlier than the baseline, so it is NOT the one compared;
//   "Đầu kỳ" (baseline, 2024-10-08)      — the first compared round;
//   "Giữa kỳ" (midline, 2024-11-27)      — the last compared round.
// Incomes (million ₫)   baseline   midline
//   hh-0001  F min  poor     20        34   status newly_escaped certified 2024-11-15 (exits mid-programme)
//   hh-0002  M min  near     30        33
//   hh-0003  F Kinh non      60        66   status near_poor certified 2024-11-01 (falls in)
//   hh-0004  M min  poor     18        —    no midline answer: left out, counted in onlyFirst
//   hh-0201  M min  near     24        30
//   hh-0202  F min  poor     16        20   newly_escaped certified 2024-12-10: AFTER the midline, so still poor at it
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundle } from "../support/bundle-fixtures";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("outcomes");
const { db, disconnect, write } = await import("~/utils/db.server");
const { importBundle } = await import("~/domain/bundle/import.server");
const { OPERATOR } = await import("~/domain/bundle/importer");
const { signup } = await import("~/domain/accounts.server");
const { createRound, saveAnswer } = await import("~/domain/surveys/surveys.server");
const { outcomeSummary, linkageIncome } = await import("~/domain/evaluation/outcomes.server");
const { povertyHistory } = await import("~/domain/households/poverty.server");
const { todayInVietnam } = await import("~/utils/dates");

const PASSWORD = "mat-khau-an-toan-1";
let server: AppServer;
let care: { id: string };
let sns: { id: string };
let careUser: string;
const hh: Record<string, string> = {};
const rounds: Record<"other" | "baseline" | "midline", string> = { other: "", baseline: "", midline: "" };
let careClient: Client;
let snsClient: Client;
let buyerClient: Client;

const M = 1_000_000;
/** A valid answer form: `income` in đồng on crops, 2 women and 2 men aged 16–60, one of each taking part. */
const form = (income: number, status: string, certifiedOn: string, extra: Record<string, string> = {}) => ({
  incomeCropsVnd: String(income),
  incomeLivestockVnd: "",
  incomeWagesVnd: "",
  incomeBusinessVnd: "",
  incomeOtherVnd: "",
  povertyStatus: status,
  povertyCertifiedOn: certifiedOn,
  membersFemale: "2",
  membersMale: "2",
  membersUnder16: "0",
  members16to60: "4",
  membersOver60: "0",
  participantsFemale: "1",
  participantsMale: "1",
  ...extra,
});
const answer = (income: number, status: string, certifiedOn: string) => ({
  incomeCropsVnd: income,
  incomeLivestockVnd: 0,
  incomeWagesVnd: 0,
  incomeBusinessVnd: 0,
  incomeOtherVnd: 0,
  povertyStatus: status as "poor",
  povertyCertifiedOn: certifiedOn,
  membersFemale: 2,
  membersMale: 2,
  membersUnder16: 0,
  members16to60: 4,
  membersOver60: 0,
  participantsFemale: 1,
  participantsMale: 1,
});

async function member(email: string, orgRef: string, role: string) {
  const r = await signup({ name: email, email, password: PASSWORD, locale: "vi" });
  if (!r.ok) throw new Error(email);
  const org = await db.organisation.findUniqueOrThrow({ where: { ref: orgRef }, select: { id: true } });
  await write((tx) => tx.membership.create({ data: { userId: r.userId, organisationId: org.id, role, acceptedAt: new Date() } }));
  return r.userId;
}

async function client(email: string) {
  const c = new Client(server.url);
  await c.login(email, PASSWORD);
  return c;
}

const counts = async () => ({ rounds: await db.surveyRound.count(), answers: await db.householdSurvey.count(), records: await db.povertyRecord.count() });

beforeAll(async () => {
  expect(await importBundle(loadBundle("chain"), OPERATOR)).toMatchObject({ ok: true });
  care = await db.organisation.findUniqueOrThrow({ where: { ref: "care-vn" }, select: { id: true } });
  sns = await db.organisation.findUniqueOrThrow({ where: { ref: "sns-vn" }, select: { id: true } });
  // The project's dates bound its rounds.
  await write((tx) => tx.organisation.update({ where: { id: care.id }, data: { startedOn: "2024-01-01", endsOn: "2026-12-31" } }));
  for (const h of await db.household.findMany({ select: { id: true, ref: true } })) hh[h.ref] = h.id;
  careUser = await member("care@test.vn", "care-vn", "project_staff");
  await member("sns@test.vn", "sns-vn", "project_admin");
  await member("buyer@test.vn", "htx-khe-sanh", "buyer_admin");
  server = await startServer();
  [careClient, snsClient, buyerClient] = await Promise.all([client("care@test.vn"), client("sns@test.vn"), client("buyer@test.vn")]);
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

describe("survey rounds through the pages", () => {
  it("the project's staff create a round; a date outside the project's dates is a field error and nothing is written", async () => {
    const before = await counts();
    const bad = await careClient.post(`/projects/${care.id}/surveys`, { kind: "baseline", name: "Đầu kỳ", heldOn: "2023-12-31" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Ngày phải nằm trong thời gian của dự án.");
    const noKind = await careClient.post(`/projects/${care.id}/surveys`, { kind: "", name: "Đầu kỳ", heldOn: "2024-10-08" });
    expect(noKind.status).toBe(400);
    expect(await counts()).toEqual(before);

    const ok = await careClient.post(`/projects/${care.id}/surveys`, { kind: "baseline", name: "Đầu kỳ", heldOn: "2024-10-08" });
    expect(ok.status).toBe(302);
    const round = await db.surveyRound.findFirstOrThrow({ where: { projectOwnerId: care.id, name: "Đầu kỳ" } });
    expect(round).toMatchObject({ kind: "baseline", heldOn: "2024-10-08", createdById: careUser });
    expect(ok.headers.get("location")).toBe(`/projects/${care.id}/surveys/${round.id}`);
    rounds.baseline = round.id;

    const dup = await careClient.post(`/projects/${care.id}/surveys`, { kind: "other", name: "Đầu kỳ", heldOn: "2024-10-09" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("Dự án đã có đợt khảo sát tên này.");
  });

  it("an answer with bad input is refused field by field in Vietnamese, nothing written", async () => {
    const before = await counts();
    const path = `/projects/${care.id}/surveys/${rounds.baseline}/${hh["hh-0001"]}`;
    const cases: [Record<string, string>, string][] = [
      [{ incomeWagesVnd: "-5000" }, "Số nằm ngoài khoảng cho phép."],
      [{ incomeCropsVnd: "3.000.000.000" }, "Số nằm ngoài khoảng cho phép."], // above 2 tỷ a source (a 32-bit column)
      [{ povertyCertifiedOn: "" }, "Vui lòng nhập thông tin này."], // a status without its date
      [{ povertyCertifiedOn: "2099-01-01" }, "Ngày không được sau hôm nay."],
      [{ membersOver60: "1" }, "Tổng số người theo nhóm tuổi phải bằng số nam cộng số nữ."], // 0 + 4 + 1 ≠ 2 + 2
      [{ participantsFemale: "3" }, "Số người tham gia không thể nhiều hơn số nhân khẩu cùng giới."],
    ];
    for (const [bad, message] of cases) {
      const res = await careClient.post(path, form(20 * M, "poor", "2023-12-01", bad));
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await counts()).toEqual(before);
  });

  it("a valid answer is stored and moves on to the next household; the same status again adds no record", async () => {
    const path = `/projects/${care.id}/surveys/${rounds.baseline}/${hh["hh-0001"]}`;
    const records = (await povertyHistory(hh["hh-0001"])).length;
    const res = await careClient.post(path, form(15 * M, "poor", "2023-12-01", { incomeWagesVnd: "5.000.000" }));
    expect(res.status).toBe(302);
    // Households in order of group name then head's name: Hồ Thị Lan (hh-0001) is followed by Hồ Văn Bình (hh-0004).
    expect(res.headers.get("location")).toBe(`/projects/${care.id}/surveys/${rounds.baseline}/${hh["hh-0004"]}`);
    const saved = await db.householdSurvey.findUniqueOrThrow({ where: { roundId_householdId: { roundId: rounds.baseline, householdId: hh["hh-0001"] } } });
    expect(saved).toMatchObject({ incomeCropsVnd: 15 * M, incomeWagesVnd: 5 * M, povertyStatus: "poor", surveyedOn: "2024-10-08", membersFemale: 2 });
    // Registered poor (undated): poor is already the status valid on 2023-12-01.
    expect((await povertyHistory(hh["hh-0001"])).length).toBe(records);
    // Sent again: still one answer (upsert), corrected.
    await careClient.post(path, form(15 * M, "poor", "2023-12-01", { incomeWagesVnd: "5000000" }));
    expect(await db.householdSurvey.count({ where: { roundId: rounds.baseline, householdId: hh["hh-0001"] } })).toBe(1);
  });

  it("a different status is appended to the household's history, dated and marked as from the survey", async () => {
    const r = await createRound(care.id, { kind: "midline", name: "Giữa kỳ", heldOn: "2024-11-27" }, careUser);
    if (!r.ok) throw new Error("round");
    rounds.midline = r.id;
    const res = await careClient.post(`/projects/${care.id}/surveys/${rounds.midline}/${hh["hh-0001"]}`, form(34 * M, "newly_escaped", "2024-11-15"));
    expect(res.status).toBe(302);
    const answerId = (await db.householdSurvey.findUniqueOrThrow({ where: { roundId_householdId: { roundId: rounds.midline, householdId: hh["hh-0001"] } } }))
      .id;
    const last = await db.povertyRecord.findFirstOrThrow({ where: { householdId: hh["hh-0001"], source: "survey" } });
    expect(last).toMatchObject({ status: "newly_escaped", certifiedOn: "2024-11-15", surveyId: answerId, recordedById: careUser });
    expect((await db.household.findUniqueOrThrow({ where: { id: hh["hh-0001"] } })).povertyStatus).toBe("newly_escaped");
  });
});

describe("another organisation guessing ids", () => {
  it("gets 404 on the project's pages and writes nothing", async () => {
    const before = await counts();
    const answerPath = `/projects/${care.id}/surveys/${rounds.baseline}/${hh["hh-0002"]}`;
    for (const c of [snsClient, buyerClient]) {
      for (const p of [`/projects/${care.id}/surveys`, `/projects/${care.id}/surveys/${rounds.baseline}`, answerPath, `/projects/${care.id}/outcomes`])
        expect((await c.get(p)).status, p).toBe(404);
      expect((await c.post(`/projects/${care.id}/surveys`, { kind: "other", name: "Lạ", heldOn: "2024-10-10" })).status).toBe(404);
      expect((await c.post(answerPath, form(1 * M, "non_poor", "2024-01-02"))).status).toBe(404);
    }
    // sns-vn's own project path with care-vn's round: the round is not its own.
    expect((await snsClient.post(`/projects/${sns.id}/surveys/${rounds.baseline}/${hh["hh-0301"]}`, form(1 * M, "non_poor", "2024-01-02"))).status).toBe(404);
    // care-vn's own round with sns-vn's household.
    expect((await careClient.post(`/projects/${care.id}/surveys/${rounds.baseline}/${hh["hh-0301"]}`, form(1 * M, "non_poor", "2024-01-02"))).status).toBe(404);
    // A household outside any project (Tà Long 1).
    expect((await careClient.get(`/projects/${care.id}/surveys/${rounds.baseline}/${hh["hh-0101"]}`)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe("outcome figures", () => {
  beforeAll(async () => {
    const r = await createRound(care.id, { kind: "other", name: "Khảo sát thử", heldOn: "2024-05-01" }, careUser);
    if (!r.ok) throw new Error("round");
    rounds.other = r.id;
    const save = async (round: string, ref: string, income: number, status: string, on: string) =>
      expect(await saveAnswer(care.id, round, hh[ref], answer(income, status, on), careUser)).toBe(true);
    await save(rounds.other, "hh-0001", 10 * M, "poor", "2023-12-01");
    // Baseline (hh-0001 entered through the page above: 15 + 5 = 20 million).
    await save(rounds.baseline, "hh-0002", 30 * M, "near_poor", "2023-12-01");
    await save(rounds.baseline, "hh-0003", 60 * M, "non_poor", "2023-12-01");
    await save(rounds.baseline, "hh-0004", 18 * M, "poor", "2023-12-01");
    await save(rounds.baseline, "hh-0201", 24 * M, "near_poor", "2023-12-01");
    await save(rounds.baseline, "hh-0202", 16 * M, "poor", "2023-12-01");
    // Midline (hh-0001: 34 million, newly escaped on 2024-11-15, through the page above); no hh-0004.
    await save(rounds.midline, "hh-0002", 33 * M, "near_poor", "2023-12-01");
    await save(rounds.midline, "hh-0003", 66 * M, "near_poor", "2024-11-01");
    await save(rounds.midline, "hh-0201", 30 * M, "near_poor", "2023-12-01");
    await save(rounds.midline, "hh-0202", 20 * M, "newly_escaped", "2024-12-10");
  });

  const scope = () => ({ projectOwnerId: care.id, from: "2024-01-01", to: "2025-12-31", seasonIds: [] });

  it("compares the baseline with the latest other round, not the earliest round", async () => {
    const s = await outcomeSummary(scope());
    expect(s.rounds.map((r) => [r.name, r.heldOn, r.households])).toEqual([
      ["Khảo sát thử", "2024-05-01", 1],
      ["Đầu kỳ", "2024-10-08", 6],
      ["Giữa kỳ", "2024-11-27", 5],
    ]);
    expect(s.compared).toEqual({
      first: { id: rounds.baseline, name: "Đầu kỳ", heldOn: "2024-10-08" },
      last: { id: rounds.midline, name: "Giữa kỳ", heldOn: "2024-11-27" },
    });
    // hh-0004 answered the baseline only.
    expect(s.households).toEqual({ both: 5, onlyFirst: 1, onlyLast: 0 });
  });

  it("income change: all and by sex of head, ethnicity and status at the first round", async () => {
    const s = await outcomeSummary(scope());
    // All five: first (20 + 30 + 60 + 24 + 16) / 5 = 150 / 5 = 30 M; last (34 + 33 + 66 + 30 + 20) / 5 = 183 / 5 = 36,6 M;
    // change 6,6 / 30 = 0,22. hh-0004's 18 M is left out (else the first mean would be 168 / 6 = 28 M).
    expect(s.income.all).toMatchObject({ key: "all", households: 5, firstMeanVnd: 30 * M, lastMeanVnd: 36_600_000, changeVnd: 6_600_000 });
    expect(s.income.all.change).toBeCloseTo(0.22, 10);
    const by = Object.fromEntries(s.income.by.map((r) => [r.key, r]));
    // Female heads 0001, 0003, 0202: (20 + 60 + 16) / 3 = 32 M → (34 + 66 + 20) / 3 = 40 M: +25 %.
    expect(by["headSex:female"]).toMatchObject({ households: 3, firstMeanVnd: 32 * M, lastMeanVnd: 40 * M });
    expect(by["headSex:female"].change).toBeCloseTo(0.25, 10);
    // Male heads 0002, 0201: (30 + 24) / 2 = 27 M → (33 + 30) / 2 = 31,5 M: 4,5 / 27 = +16,67 %.
    expect(by["headSex:male"]).toMatchObject({ households: 2, firstMeanVnd: 27 * M, lastMeanVnd: 31_500_000 });
    expect(by["headSex:male"].change).toBeCloseTo(4.5 / 27, 10);
    // Minority 0001, 0002, 0201, 0202: 90 / 4 = 22,5 M → 117 / 4 = 29,25 M: 6,75 / 22,5 = +30 %.
    expect(by["ethnicMinority:true"]).toMatchObject({ households: 4, firstMeanVnd: 22_500_000, lastMeanVnd: 29_250_000 });
    expect(by["ethnicMinority:true"].change).toBeCloseTo(0.3, 10);
    // Kinh 0003: 60 → 66 M: +10 %.
    expect(by["ethnicMinority:false"]).toMatchObject({ households: 1, firstMeanVnd: 60 * M, lastMeanVnd: 66 * M });
    // Status valid on 2024-10-08: poor 0001, 0202 → (20 + 16) / 2 = 18 M → (34 + 20) / 2 = 27 M: +50 %.
    expect(by["poverty:poor"]).toMatchObject({ households: 2, firstMeanVnd: 18 * M, lastMeanVnd: 27 * M });
    expect(by["poverty:poor"].change).toBeCloseTo(0.5, 10);
    // Near-poor 0002, 0201 (as male heads); non-poor 0003 (its fall to near-poor on 2024-11-01 is after the baseline).
    expect(by["poverty:near_poor"]).toMatchObject({ households: 2, firstMeanVnd: 27 * M, lastMeanVnd: 31_500_000 });
    expect(by["poverty:non_poor"]).toMatchObject({ households: 1, firstMeanVnd: 60 * M, lastMeanVnd: 66 * M });
    expect(by["poverty:newly_escaped"]).toMatchObject({ households: 0, firstMeanVnd: null, lastMeanVnd: null, change: null });
  });

  it("exits from poverty use the status valid on each round's date", async () => {
    const s = await outcomeSummary(scope());
    // In poverty on 2024-10-08 among the five: 0001 (poor), 0002 (near), 0201 (near), 0202 (poor) = 4 (hh-0004, also poor,
    // answered one round and is left out). Out on 2024-11-27: 0001 only (newly escaped 2024-11-15); 0202's escape is
    // certified 2024-12-10, after the midline. 1 / 4 = 25 %. Fell in: 0003 (non-poor → near-poor on 2024-11-01) = 1.
    expect(s.poverty).toEqual({ inPovertyAtFirst: 4, exited: 1, exitRate: 0.25, fellIn: 1 });
  });

  it("linkage income is the money paid to the project's households between the rounds", async () => {
    const s = await outcomeSummary(scope());
    // Payments dated after 2024-10-08 up to 2024-11-27 on care-vn's statements (chain.json):
    //  inv-2024-0001 (due 8.712.000: hh-0001 400 kg A × 14.500 = 5.800.000, hh-0002 224 kg B × 13.000 = 2.912.000):
    //    5.000.000 paid 2024-10-06 (before), 3.712.000 on 2024-10-11 (in) → 3.712.000 / 8.712.000 of each share:
    //    hh-0001 5.800.000 × 3.712 / 8.712 = 2.471.258,03; hh-0002 2.912.000 × 3.712 / 8.712 = 1.240.741,97.
    //  inv-2024-0002: hh-0001 166 kg × 14.500 = 2.407.000, paid in full 2024-10-18.
    //  inv-2024-0003: hh-0003 290 kg B × 13.000 = 3.770.000; 3.000.000 paid 2024-11-25 (in), 770.000 on 2024-11-29 (after).
    //  inv-2024-0101 (Ea Tu, 4.186.600 paid 2024-11-16): hh-0201 100,5 kg G1 = 1.306.600, hh-0202 240 kg G2 × 12.000 = 2.880.000.
    //  inv-2024-0401 (paid 2024-09-25) and inv-2023-0001 are before; sns-vn's inv-2024-0201 is another project's.
    // hh-0001 2.471.258,03 + 2.407.000 = 4.878.258; hh-0002 1.240.742; hh-0003 3.000.000; hh-0201 1.306.600; hh-0202 2.880.000.
    // Total 13.305.600 over 5 households: 2.661.120 each.
    expect(s.linkageIncome).toEqual({ households: 5, paidVnd: 13_305_600, meanPerHouseholdVnd: 2_661_120 });
    // The same window for sns-vn: nothing paid (its 1.120.000 is dated 2024-12-20).
    expect(await linkageIncome({ projectOwnerId: sns.id }, "2024-10-08", "2024-11-27")).toEqual({ households: 0, paidVnd: 0, meanPerHouseholdVnd: null });
  });

  it("a report whose period ends before the midline compares nothing", async () => {
    const s = await outcomeSummary({ ...scope(), to: "2024-11-26" });
    // Rounds up to 2024-11-26: the trial and the baseline; compared: baseline vs the trial (the only other round).
    expect(s.rounds.map((r) => r.name)).toEqual(["Khảo sát thử", "Đầu kỳ"]);
    expect(s.compared?.last.name).toBe("Khảo sát thử");
    const only = await outcomeSummary({ ...scope(), to: "2024-10-07" });
    expect(only.compared).toBeNull();
    expect(only.income.all.households).toBe(0);
  });

  it("the project's page shows the figures, formatted", async () => {
    const res = await careClient.get(`/projects/${care.id}/outcomes`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of ["30.000.000 ₫", "36.600.000 ₫", "+22%", "+25%", "25%", "13.305.600 ₫", "2.661.120 ₫", "<svg"]) expect(html).toContain(text);
    expect(todayInVietnam() >= "2024-11-27").toBe(true);
  });
});
