// Signed checkpoints and the anchor log (docs/decisions/0013-chain-anchors.md), tried the way
// someone holding the database file would go at them: drop triggers, delete the newest pickup
// with its lots, recompute the rest so the old recomputation passes, delete the checkpoints
// too, forge one with another key. `verify` (the CLI, run as its own process, and the page)
// must name each; a household's receipt must show the deletion; an untouched database, the
// demo's included, must verify clean.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, sessionPool, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

const file = tempDatabase("chain-anchors");
const dir = path.dirname(file);
const anchorLog = `${file}.anchors.jsonl`;
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts } = await import("../support/pickup-fixtures");
const { extraContract, ledgerPickup, pdfText } = await import("../support/invoice-fixtures");
const { db, write, disconnect } = await import("~/utils/db.server");
const { appendCorrection, entryHash, verifyContractChain, GENESIS } = await import("~/domain/ledger.server");
const { checkpointHash, checkpointText } = await import("~/domain/chain-anchors.server");
const { issueInvoice } = await import("~/domain/invoices.server");

const TSX = path.resolve("node_modules/.bin/tsx");
const scratch: string[] = [];

/**
 * Runs the CLI as its own process. Asynchronously: a spawnSync would stall this process's event
 * loop, and the HTTP client would then reuse a connection the server has meanwhile closed.
 */
function cli(args: string[], o: { dbFile?: string; env?: Record<string, string> } = {}) {
  return tsx(["scripts/cli.ts", ...args], { DATABASE_URL: `file:${o.dbFile ?? file}`, ...o.env });
}

function tsx(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, out: stdout + stderr, stdout }));
  });
}

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
type C = { id: string; ref: string };
/** A: untouched (receipts, statement). T: newest pickup dropped. L: …and its checkpoints. F: forged. M: a middle pickup dropped. */
const c = {} as Record<"A" | "T" | "L" | "F" | "M", C>;
let hh1: string;
let hh1b: string;

beforeAll(async () => {
  world = await makeWorld();
  const setup = await makeContracts(world);
  hh1 = world.households.hh1.id;
  hh1b = world.households.hh1b.id;
  c.A = setup.contracts.active;
  for (const k of ["T", "L", "F", "M"] as const) {
    c[k] = await extraContract({
      ref: `HD-NEO-${k}`,
      buyerId: world.orgs.orgA.id,
      groupId: world.groups.g1,
      seasonId: setup.season.id,
      groupFundPct: 0,
      signedOn: setup.today,
    });
  }
  for (const k of ["A", "T", "L", "F", "M"] as const) {
    for (const [i, date] of ["2025-10-03", "2025-10-10", "2025-10-17"].entries()) {
      await ledgerPickup(c[k].id, date, [
        { householdId: hh1, grossKg: 400 + i, tareKg: 10, grade: "A" },
        { householdId: hh1b, grossKg: 200 + i, tareKg: 5, grade: "B" },
      ]);
    }
  }
  // A correction: it extends the chain too, so it gets its own checkpoint.
  const first = await db.lot.findFirstOrThrow({ where: { contractId: c.A.id }, orderBy: { chainSeq: "asc" } });
  await write((tx) => appendCorrection(tx, { lotId: first.id, reason: "Cân lại", grossG: 399_000, tareG: 10_000, grade: "A" }));
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
  for (const d of [dir, ...scratch]) fs.rmSync(d, { recursive: true, force: true });
});

const as = sessionPool(() => server, PASSWORD);
const staffA = () => as(world.users.staffA.email);
const member1 = () => as(world.users.member1.email);

// ───────────────────────── the attacker's tools: the database file and the app's source ─────────────────────────

function withRaw<T>(fn: (raw: Database.Database) => T): T {
  const raw = new Database(file);
  try {
    raw.exec(
      ["Pickup", "Lot", "PickupWitness", "ChainCheckpoint", "TraceCode"]
        .map((t) => `DROP TRIGGER IF EXISTS "${t}_no_update"; DROP TRIGGER IF EXISTS "${t}_no_delete";`)
        .join("\n"),
    );
    return fn(raw);
  } finally {
    raw.close();
  }
}

/** Deletes one pickup with its lots and witnesses, then renumbers and rehashes the rest of the chain as the ledger would. */
function dropPickupAndRecompute(contractId: string, which: "newest" | "middle") {
  withRaw((raw) => {
    const pickups = raw.prepare(`SELECT id FROM "Pickup" WHERE "contractId" = ? ORDER BY "chainSeq"`).all(contractId) as { id: string }[];
    const victim = which === "newest" ? pickups[pickups.length - 1] : pickups[Math.floor(pickups.length / 2)];
    // The pickup's public trace codes (issue 16) go too, or the foreign keys refuse the deletion.
    raw.prepare(`DELETE FROM "TraceCode" WHERE "pickupId" = ?`).run(victim.id);
    raw.prepare(`DELETE FROM "Lot" WHERE "pickupId" = ?`).run(victim.id);
    raw.prepare(`DELETE FROM "PickupWitness" WHERE "pickupId" = ?`).run(victim.id);
    raw.prepare(`DELETE FROM "Pickup" WHERE id = ?`).run(victim.id);
    recompute(raw, contractId);
  });
}

function recompute(raw: Database.Database, contractId: string) {
  type Row = { id: string; chainSeq: number; table: "Pickup" | "Lot"; content: unknown };
  const contractRef = (raw.prepare(`SELECT ref FROM "Contract" WHERE id = ?`).get(contractId) as { ref: string }).ref;
  const witnesses = raw.prepare(`SELECT h.ref FROM "PickupWitness" w JOIN "Household" h ON h.id = w."householdId" WHERE w."pickupId" = ?`);
  const pickups = (raw.prepare(`SELECT * FROM "Pickup" WHERE "contractId" = ?`).all(contractId) as Record<string, never>[]).map((p): Row => ({
    id: p.id,
    chainSeq: p.chainSeq,
    table: "Pickup",
    content: {
      kind: "pickup",
      ref: p.ref,
      contract: contractRef,
      date: p.date,
      collectionPoint: p.collectionPoint,
      vehicle: p.vehicle,
      staffName: p.staffName,
      witnesses: (witnesses.all(p.id) as { ref: string }[]).map((w) => w.ref).sort(),
    },
  }));
  const lots = (
    raw
      .prepare(
        `SELECT l.*, p.ref AS pickupRef, h.ref AS householdRef, s.ref AS supersedesRef FROM "Lot" l JOIN "Pickup" p ON p.id = l."pickupId"
         JOIN "Household" h ON h.id = l."householdId" LEFT JOIN "Lot" s ON s.id = l."supersedesId" WHERE l."contractId" = ?`,
      )
      .all(contractId) as Record<string, never>[]
  ).map((l): Row => ({
    id: l.id,
    chainSeq: l.chainSeq,
    table: "Lot",
    content: {
      kind: "lot",
      ref: l.ref,
      pickup: l.pickupRef,
      household: l.householdRef,
      grossG: l.grossG,
      tareG: l.tareG,
      netG: l.netG,
      grade: l.grade,
      measurements: JSON.parse(l.measurements),
      unitPriceVnd: l.unitPriceVnd,
      amountVnd: l.amountVnd,
      supersedes: l.supersedesRef ?? null,
      correctionReason: l.correctionReason,
    },
  }));
  let prev = GENESIS;
  for (const [i, e] of [...pickups, ...lots].sort((a, b) => a.chainSeq - b.chainSeq).entries()) {
    const hash = entryHash(e.content, prev);
    raw.prepare(`UPDATE "${e.table}" SET "chainSeq" = ?, "prevHash" = ?, "hash" = ? WHERE id = ?`).run(i + 1, prev, hash, e.id);
    prev = hash;
  }
}

const chainLength = async (contractId: string) => (await db.pickup.count({ where: { contractId } })) + (await db.lot.count({ where: { contractId } }));
const logLines = () => fs.readFileSync(anchorLog, "utf8").split("\n").filter(Boolean);
const brokenLines = (out: string) => out.split("\n").filter((l) => l.startsWith("BROKEN"));

/** The chain position a pickup's receipt prints ("dòng N · mã xxxxxxxx"). */
async function receiptOf(pickupId: string): Promise<{ seq: number; hash: string }> {
  const html = await (await staffA()).get(`/pickups/${pickupId}`).then((r) => r.text());
  const m = /id="chain-head"[^>]*>[\s\S]*?dòng (\d+) · mã ([0-9a-f]{8})/.exec(html);
  if (!m) throw new Error("no chain position on the pickup page");
  return { seq: Number(m[1]), hash: m[2] };
}

/** Follows /verify?contract&seq&hash to the contract's verify page and returns what it says. */
async function checkReceipt(who: Awaited<ReturnType<typeof as>>, ref: string, r: { seq: number; hash: string }) {
  const res = await who.get(`/verify?${new URLSearchParams({ contract: ref, seq: String(r.seq), hash: r.hash })}`);
  expect(res.status).toBe(302);
  const page = await who.get(res.headers.get("location")!.split("#")[0]);
  expect(page.status).toBe(200);
  const m = /id="receipt-result"[^>]*>([^<]*)</.exec(await page.text());
  return m?.[1] ?? "";
}

// ───────────────────────── what an append leaves behind ─────────────────────────

describe("every append signs the chain's new head", () => {
  it("one checkpoint per append, in the table and in the log, linked to the previous one and signed with the key beside the database", async () => {
    const rows = await db.chainCheckpoint.findMany({ where: { contractId: c.A.id }, orderBy: { n: "asc" } });
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4]); // three pickups and a correction
    expect(rows.at(-1)!.seq).toBe(await chainLength(c.A.id));
    const key = crypto.createPrivateKey(fs.readFileSync(path.join(dir, ".chain-signing-key"), "utf8"));
    expect(fs.statSync(path.join(dir, ".chain-signing-key")).mode & 0o077).toBe(0);
    const pub = crypto.createPublicKey(key);
    let prev = GENESIS;
    for (const r of rows) {
      const body = { contract: c.A.ref, n: r.n, seq: r.seq, head: r.head, at: r.at, prev: r.prev };
      expect(r.prev).toBe(prev);
      expect(crypto.verify(null, Buffer.from(checkpointText(body)), pub, Buffer.from(r.signature, "base64"))).toBe(true);
      prev = checkpointHash(body);
    }
    const logged = logLines().map((l) => JSON.parse(l) as { contract: string; n: number; signature: string });
    expect(logged.filter((l) => l.contract === c.A.ref).map((l) => [l.n, l.signature])).toEqual(rows.map((r) => [r.n, r.signature]));
    // The private key is not in the database.
    const pemBody = fs.readFileSync(path.join(dir, ".chain-signing-key"), "utf8").split("\n")[1];
    for (const f of [file, `${file}-wal`].filter((x) => fs.existsSync(x))) expect(fs.readFileSync(f).includes(pemBody)).toBe(false);
  });

  it("an untouched database verifies clean: exit 0, and the CLI and the page show the public key", async () => {
    const r = await cli(["verify"]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain("7 intact, 0 broken"); // three contracts of makeContracts(), four more here
    expect(r.stdout).toMatch(new RegExp(`^intact\\s+${c.A.ref}\\s+${await chainLength(c.A.id)} entries .* checkpoint #4$`, "m"));
    const raw = crypto
      .createPublicKey(fs.readFileSync(path.join(dir, ".chain-signing-key"), "utf8"))
      .export({ format: "der", type: "spki" })
      .subarray(-32)
      .toString("base64");
    expect(r.stdout).toContain(`public key ${raw}`);
    const page = await (await staffA()).get(`/contracts/${c.A.id}/verify`);
    const html = await page.text();
    expect(html).toContain("Sổ cân nguyên vẹn");
    expect(html).toContain("Khớp với 4 dấu neo có chữ ký");
    expect(html).toContain(raw);
  });
});

// ───────────────────────── receipts and statements carry the head ─────────────────────────

describe("the head on what a household keeps", () => {
  it("the pickup receipt, the passbook and the payment statement print the contract, entry number and short hash", async () => {
    const newest = await db.pickup.findFirstOrThrow({
      where: { contractId: c.A.id },
      orderBy: { chainSeq: "desc" },
      include: { lots: { orderBy: { chainSeq: "asc" } } },
    });
    const last = newest.lots.at(-1)!;
    expect(await receiptOf(newest.id)).toEqual({ seq: last.chainSeq, hash: last.hash!.slice(0, 8) });

    const mine = newest.lots.find((l) => l.householdId === hh1b)!;
    const passbook = await (await member1()).get(`/groups/${world.groups.g1}/passbook/${hh1b}`);
    expect(await passbook.text()).toContain(`${c.A.ref} · dòng ${mine.chainSeq} · mã ${mine.hash!.slice(0, 8)}`);

    const inv = await write((tx) => issueInvoice(tx, { contractId: c.A.id, pickupIds: [newest.id], issuedOn: "2025-10-20" }));
    const pdf = await (await staffA()).get(`/invoices/${inv.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, " ");
    expect(text).toContain(`Hợp đồng ${c.A.ref}, dòng ${last.chainSeq}, mã ${last.hash!.slice(0, 8)}`);
  });

  it("a household member checks a receipt: it matches while the chain holds it; a wrong code is named", async () => {
    const newest = await db.pickup.findFirstOrThrow({ where: { contractId: c.A.id }, orderBy: { chainSeq: "desc" } });
    const r = await receiptOf(newest.id);
    expect(await checkReceipt(await member1(), c.A.ref, r)).toContain("Phiếu khớp");
    expect(await checkReceipt(await member1(), c.A.ref, { seq: r.seq, hash: "00000000" })).toContain("không còn mang mã 00000000");
    // A contract the reader may not see: 404, nothing said about it.
    expect((await (await as(world.users.buyerB.email)).get(`/verify?contract=${c.A.ref}&seq=1&hash=abcd`)).status).toBe(404);
  });
});

// ───────────────────────── a stop between commit and log append ─────────────────────────

describe("the log catches up", () => {
  it("a checkpoint committed but never appended (the process stopped) is reported, not a break, and the CLI appends it", async () => {
    const lines = logLines();
    const lastOfA = lines.map((l) => l.includes(`"contract":"${c.A.ref}"`)).lastIndexOf(true);
    fs.writeFileSync(anchorLog, lines.filter((_, i) => i !== lastOfA).join("\n") + "\n");
    const page = await (await staffA()).get(`/contracts/${c.A.id}/verify`);
    const html = await page.text();
    expect(html).toContain("Sổ cân nguyên vẹn");
    expect(html).toContain("1 dấu neo chưa được chép");
    const r = await cli(["verify", "--contract", c.A.ref]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain("1 signed checkpoint(s) were in the database but not in the anchor log");
    expect(logLines()).toHaveLength(lines.length);
    expect((await cli(["verify", "--contract", c.A.ref])).stdout).not.toContain("not in the anchor log");
  });

  it("a torn last line (a write cut short) is reported, and the next append starts on a line of its own", async () => {
    fs.appendFileSync(anchorLog, `{"contract":"${c.A.ref}","n":9`);
    await ledgerPickup(c.A.id, "2025-10-24", [{ householdId: hh1, grossKg: 50, grade: "A" }]);
    const last = JSON.parse(logLines().at(-1)!) as { contract: string; n: number };
    expect(last).toMatchObject({ contract: c.A.ref, n: 5 });
    const r = await cli(["verify", "--contract", c.A.ref]);
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain("1 line(s) of the anchor log could not be read");
  });
});

// ───────────────────────── the attacks ─────────────────────────

describe("an attacker with the database file", () => {
  it("drops the newest pickup and recomputes the chain: the old check passes, verify reports the truncation, and the household's receipt proves it", async () => {
    const newest = await db.pickup.findFirstOrThrow({ where: { contractId: c.T.id }, orderBy: { chainSeq: "desc" } });
    const receipt = await receiptOf(newest.id);
    expect(await checkReceipt(await member1(), c.T.ref, receipt)).toContain("Phiếu khớp");
    const before = await chainLength(c.T.id);

    dropPickupAndRecompute(c.T.id, "newest");
    const after = await chainLength(c.T.id);
    expect(after).toBe(before - 3);
    // What verify used to be is fooled…
    expect(await verifyContractChain(db, c.T.id)).toMatchObject({ intact: true, entries: after });

    // …the signed checkpoints are not.
    const r = await cli(["verify"]);
    expect(r.code, r.out).toBe(1);
    const broken = brokenLines(r.stdout).filter((l) => l.includes(c.T.ref));
    expect(broken.join("\n")).toContain(`truncated: signed checkpoint #3 in the database says the chain had ${before} entries; it has ${after}`);
    expect(broken.join("\n")).toContain("in the anchor log");
    expect(r.stdout).toMatch(new RegExp(`^intact\\s+${c.A.ref}`, "m"));
    expect((await cli(["verify", "--contract", c.T.ref])).code).toBe(1);

    const page = await (await staffA()).get(`/contracts/${c.T.id}/verify`);
    const html = await page.text();
    expect(html).toContain(`Sổ cân bị cắt bớt: dấu neo có chữ ký số 3 (trong cơ sở dữ liệu) ghi sổ có ${before} dòng, nay chỉ còn ${after} dòng.`);
    expect(html).not.toContain("Sổ cân nguyên vẹn");

    expect(await checkReceipt(await member1(), c.T.ref, receipt)).toContain(`sổ cân nay chỉ có ${after} dòng, không còn dòng ${receipt.seq}`);
  });

  it("…and deletes the newest checkpoints too: the table agrees with the shortened chain, the anchor log does not", async () => {
    const before = await chainLength(c.L.id);
    dropPickupAndRecompute(c.L.id, "newest");
    const after = await chainLength(c.L.id);
    withRaw((raw) => raw.prepare(`DELETE FROM "ChainCheckpoint" WHERE "contractId" = ? AND seq > ?`).run(c.L.id, after));
    expect(await db.chainCheckpoint.count({ where: { contractId: c.L.id } })).toBe(2);

    // Without the log, nothing inside the database can tell.
    const empty = path.join(dir, "empty-anchors.jsonl");
    const blind = await cli(["verify", "--contract", c.L.ref], { env: { CHAIN_ANCHOR_LOG: empty } });
    expect(blind.code, blind.out).toBe(0);

    const r = await cli(["verify", "--contract", c.L.ref]);
    expect(r.code, r.out).toBe(1);
    const out = brokenLines(r.stdout).join("\n");
    expect(out).toContain(`deleted: the anchor log's signed checkpoint #3 (entry ${before}) is missing from the database`);
    expect(out).toContain(`truncated: signed checkpoint #3 in the anchor log says the chain had ${before} entries; it has ${after}`);
    const html = await (await staffA()).get(`/contracts/${c.L.id}/verify`).then((x) => x.text());
    expect(html).toContain("vẫn có trong sổ neo nhưng đã bị xoá khỏi cơ sở dữ liệu");
  });

  it("adds a pickup outside the app and signs a checkpoint for it with another key: rejected", async () => {
    const length = await chainLength(c.F.id);
    const theirs = crypto.generateKeyPairSync("ed25519").privateKey;
    const last = await db.chainCheckpoint.findFirstOrThrow({ where: { contractId: c.F.id }, orderBy: { n: "desc" } });
    const ours = last.keyId;
    withRaw((raw) => {
      const head = (raw.prepare(`SELECT hash FROM "Lot" WHERE "contractId" = ? ORDER BY "chainSeq" DESC LIMIT 1`).get(c.F.id) as { hash: string }).hash;
      const content = {
        kind: "pickup",
        ref: "p-fake",
        contract: c.F.ref,
        date: "2025-10-24",
        collectionPoint: null,
        vehicle: null,
        staffName: null,
        witnesses: [],
      };
      const hash = entryHash(content, head);
      raw
        .prepare(
          `INSERT INTO "Pickup" (id, ref, "contractId", date, "chainSeq", "prevHash", hash, "createdAt") SELECT 'fake', 'p-fake', ?, '2025-10-24', ?, ?, ?, "createdAt" FROM "Pickup" WHERE "contractId" = ? LIMIT 1`,
        )
        .run(c.F.id, length + 1, head, hash, c.F.id);
      const body = { contract: c.F.ref, n: last.n + 1, seq: length + 1, head: hash, at: new Date().toISOString(), prev: last.hash };
      const signature = crypto.sign(null, Buffer.from(checkpointText(body)), theirs).toString("base64");
      raw
        .prepare(`INSERT INTO "ChainCheckpoint" ("contractId", n, seq, head, at, prev, hash, "keyId", signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(c.F.id, body.n, body.seq, body.head, body.at, body.prev, checkpointHash(body), ours, signature);
      fs.appendFileSync(anchorLog, JSON.stringify({ ...body, keyId: ours, signature }) + "\n");
    });
    expect(await verifyContractChain(db, c.F.id)).toMatchObject({ intact: true, entries: length + 1 });

    const r = await cli(["verify", "--contract", c.F.ref]);
    expect(r.code, r.out).toBe(1);
    const out = brokenLines(r.stdout).join("\n");
    expect(out).toContain(`forged: checkpoint #${last.n + 1} in the database is not signed by this server's key`);
    expect(out).toContain(`forged: checkpoint #${last.n + 1} in the anchor log is not signed by this server's key`);
    expect(out).toContain(`unsigned: entries ${length + 1}–${length + 1} come after the newest signed checkpoint`);
    const html = await (await staffA()).get(`/contracts/${c.F.id}/verify`).then((x) => x.text());
    expect(html).toContain("không mang chữ ký của máy chủ này");
  });

  it("drops a pickup in the middle and recomputes everything after it: verify names the rewritten entry", async () => {
    const signed = await db.chainCheckpoint.findMany({ where: { contractId: c.M.id }, orderBy: { n: "asc" } });
    dropPickupAndRecompute(c.M.id, "middle");
    expect(await verifyContractChain(db, c.M.id)).toMatchObject({ intact: true });
    const r = await cli(["verify", "--contract", c.M.ref]);
    expect(r.code, r.out).toBe(1);
    // Checkpoint #1 (before the dropped pickup) still matches; #2's position now holds another entry.
    expect(brokenLines(r.stdout).join("\n")).toContain(`rewritten: entry ${signed[1].seq} is not the one signed in checkpoint #2 in the database`);
  });

  it("the key decides: the same database checked with another key is all forgeries; a malformed key is refused at start", async () => {
    const other = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
    const r = await cli(["verify", "--contract", c.A.ref], { env: { CHAIN_SIGNING_KEY: other, CHAIN_ANCHOR_LOG: path.join(dir, "other-anchors.jsonl") } });
    expect(r.code, r.out).toBe(1);
    expect(r.stdout).toContain("forged: checkpoint #1 in the database");
    const bad = await cli(["verify"], { env: { CHAIN_SIGNING_KEY: "not-a-key" } });
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain("CHAIN_SIGNING_KEY");
  });
});

// ───────────────────────── the demo ─────────────────────────

describe("the demo database", () => {
  it("verifies clean after `npm start`'s database step; a chain from before checkpoints is unsigned until `anchor` signs it", async () => {
    const demoDir = fs.mkdtempSync(path.join(path.dirname(dir), "caunoi-chain-demo-"));
    scratch.push(demoDir);
    const demo = path.join(demoDir, "demo.db");
    const setup = await tsx(["scripts/setup-db.ts"], { DATABASE_URL: `file:${demo}` });
    expect(setup.code, setup.out).toBe(0);
    const r = await cli(["verify"], { dbFile: demo });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toMatch(/^\d+ intact, 0 broken$/m);
    expect(brokenLines(r.stdout)).toEqual([]);

    // A database from before this change: one chain with no checkpoint anywhere.
    const raw = new Database(demo);
    let ref: string;
    try {
      ref = (
        raw.prepare(`SELECT c.ref FROM "Contract" c WHERE EXISTS (SELECT 1 FROM "Pickup" p WHERE p."contractId" = c.id) ORDER BY c.ref LIMIT 1`).get() as {
          ref: string;
        }
      ).ref;
      raw.exec(`DROP TRIGGER "ChainCheckpoint_no_delete"`);
      raw.prepare(`DELETE FROM "ChainCheckpoint" WHERE "contractId" = (SELECT id FROM "Contract" WHERE ref = ?)`).run(ref);
    } finally {
      raw.close();
    }
    const log = `${demo}.anchors.jsonl`;
    fs.writeFileSync(
      log,
      fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter((l) => l && !l.includes(`"contract":"${ref}"`))
        .join("\n") + "\n",
    );
    const legacy = await cli(["verify", "--contract", ref], { dbFile: demo });
    expect(legacy.code, legacy.out).toBe(1);
    expect(legacy.stdout).toContain("unsigned: entries 1–");
    const anchored = await cli(["anchor"], { dbFile: demo });
    expect(anchored.code, anchored.out).toBe(0);
    expect(anchored.stdout).toContain(`signed  ${ref}`);
    expect((await cli(["verify"], { dbFile: demo })).code).toBe(0);
  }, 360_000);
});
