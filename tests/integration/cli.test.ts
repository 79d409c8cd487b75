// The command line, run as a separate process the way an operator runs it
// (`tsx scripts/cli.ts import|export|indicators`), each run against its own DATABASE_URL:
//   A — created by the first `import` (the file does not exist before),
//   B — created by importing A's export; this process then reads B to check the round-trip.
// Indicator numbers are the hand computations of tests/support/bundle-fixtures.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COFFEE_2024, COFFEE_2024_SCOPED, fixturePath, loadBundle, runCli, sortBundle, tableDump } from "../support/bundle-fixtures";
import { tempDatabase } from "../support/temp-db";

// B is this process's database too, but nothing here opens it before the CLI has created it.
const dbB = tempDatabase("cli");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-cli-a-"));
const dbA = path.join(work, "nested", "a.db"); // neither the directory nor the file exists yet
const exported = path.join(work, "export.json");

let disconnect: (() => Promise<void>) | undefined;
afterAll(async () => {
  await disconnect?.();
});

/** Today's date in Vietnam (UTC+7), as the CLI's default --as-of. */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

describe("import", () => {
  it("a good file into a database that does not exist yet → created, migrated, exit 0", async () => {
    expect(fs.existsSync(dbA)).toBe(false);
    const r = await runCli(["import", fixturePath("chain")], dbA);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(dbA)).toBe(true);
  });

  describe("a bad file", () => {
    let before: Record<string, unknown[]>;
    let r: Awaited<ReturnType<typeof runCli>>;
    beforeAll(async () => {
      before = await tableDump(dbA);
      r = await runCli(["import", fixturePath("invalid")], dbA);
    });

    it("exits non-zero, lists all eight problems on stderr, writes nothing", async () => {
      expect(r.code).not.toBe(0);
      // One "  $.path: reason" line per problem: duplicate ref, wrong type, unresolved buyer,
      // negative tare, tare above gross, grade not in contract, 2025-02-30, unresolved invoice.
      const lines = r.stderr.split("\n").filter((l) => /^\s+\$\./.test(l));
      expect(lines).toHaveLength(8);
      expect(r.stderr).toMatch(/8 problem/);
      const fields = lines.map((l) => l.trim().split(":")[0].split(".").pop()).sort();
      expect(fields).toEqual(["areaHa", "buyerRef", "grade", "invoiceRef", "paidOn", "ref", "tareKg", "tareKg"]);
      expect(await tableDump(dbA)).toEqual(before);
    });

    // As bundle.test.ts "each problem's path points at the record that has it", through the CLI.
    it("names every problem by its exact path", () => {
      for (const p of [
        "$.households[2].ref",
        "$.contracts[1].areaHa",
        "$.contracts[2].buyerRef",
        "$.pickups[0].lots[0].tareKg",
        "$.pickups[0].lots[1].tareKg",
        "$.pickups[0].lots[2].grade",
        "$.payments[0].paidOn",
        "$.payments[1].invoiceRef",
      ]) {
        expect(r.stderr).toContain(`${p}:`);
      }
    });
  });

  it("a file that is not JSON → a clear message, exit non-zero, nothing written", async () => {
    const notJson = path.join(work, "notes.json");
    fs.writeFileSync(notJson, "ref,name\nhh-0001,Hồ Thị Lan\n");
    const before = await tableDump(dbA);
    const r = await runCli(["import", notJson], dbA);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/JSON/);
    expect(r.stderr).toContain(notJson);
    expect(await tableDump(dbA)).toEqual(before);
  });
});

describe("export → import into a new installation → export", () => {
  it("export writes the whole programme as a bundle", async () => {
    const r = await runCli(["export", exported], dbA);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(fs.readFileSync(exported, "utf8"));
    const chain = loadBundle("chain");
    expect(doc.format).toBe("linkage-bundle/1");
    // Every record of chain.json is in the export (by ref, collection by collection).
    for (const key of ["organisations", "farmerGroups", "households", "products", "seasons", "contracts", "pickups", "invoices", "payments"]) {
      const refs = (rows: { ref: string }[]) => rows.map((x) => x.ref).sort();
      expect(refs(doc[key]), key).toEqual(refs(chain[key] as { ref: string }[]));
    }
  });

  it("importing the export into a database that does not exist yet gives the same document", async () => {
    expect(fs.existsSync(dbB)).toBe(false);
    const r = await runCli(["import", exported], dbB);
    expect(r.code, r.stderr).toBe(0);
    const dbModule = await import("~/utils/db.server");
    disconnect = dbModule.disconnect;
    const { exportBundle } = await import("~/domain/bundle/export.server");
    expect(sortBundle(await exportBundle())).toEqual(sortBundle(JSON.parse(fs.readFileSync(exported, "utf8"))));
  });
});

describe("indicators", () => {
  it("prints only the indicator JSON on stdout", async () => {
    const r = await runCli(["indicators", "--season", "coffee-2024", "--as-of", "2024-12-31"], dbA);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().startsWith("{") && r.stdout.trim().endsWith("}")).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(COFFEE_2024);
  });

  it("an unknown season → exit non-zero with a message, nothing on stdout", async () => {
    const r = await runCli(["indicators", "--season", "coffee-1999", "--as-of", "2024-12-31"], dbA);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("coffee-1999");
    expect(r.stdout).toBe("");
  });

  it("a malformed --as-of → exit non-zero", async () => {
    const r = await runCli(["indicators", "--season", "coffee-2024", "--as-of", "31/12/2024"], dbA);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--as-of");
    expect(r.stdout).toBe("");
  });

  // Spec: `asOf` is "a date"; V8's Date.parse would roll "2025-02-30" over to March 2.
  it("an --as-of that is not a calendar date (2025-02-30) → exit non-zero", async () => {
    const r = await runCli(["indicators", "--season", "coffee-2024", "--as-of", "2025-02-30"], dbA);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
  });

  it("--as-of defaults to today (a YYYY-MM-DD date); --district narrows", async () => {
    const today = vnToday();
    const r = await runCli(["indicators", "--season", "coffee-2024", "--district", "Đakrông"], dbA);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([today, vnToday()]).toContain(printed.asOf);
    // Đakrông: 2023 pair (htx, tg-ta-long-1) not continued (only a draft in 2024) → 0/1; the rest is
    // 0 or null whatever the date (no invoice in scope).
    expect(printed).toEqual({ ...COFFEE_2024_SCOPED.district, asOf: printed.asOf });
  });

  it("place filters are read as people type them (a province without diacritics, a district with its kind)", async () => {
    const r = await runCli(["indicators", "--season", "coffee-2024", "--as-of", "2024-12-31", "--province", "tinh quang tri"], dbA);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(COFFEE_2024_SCOPED.province);
    const d = await runCli(["indicators", "--season", "coffee-2024", "--as-of", "2024-12-31", "--district", "Huyện Đakrông"], dbA);
    expect(d.code, d.stderr).toBe(0);
    expect(JSON.parse(d.stdout)).toEqual(COFFEE_2024_SCOPED.district);
  });

  it("a place that is none → exit non-zero with the closest candidates, nothing on stdout", async () => {
    const r = await runCli(["indicators", "--season", "coffee-2024", "--province", "Quang Trj"], dbA);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("Quang Trj");
    expect(r.stderr).toContain("Quảng Trị");
    expect(r.stdout).toBe("");
    const b = await runCli(["indicators", "--season", "coffee-2024", "--buyer", "no-such-buyer"], dbA);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toContain("no-such-buyer");
  });

  it.each([
    { flag: "--province", value: "Quảng Trị", expected: COFFEE_2024_SCOPED.province },
    { flag: "--buyer", value: "dn-simexco", expected: COFFEE_2024_SCOPED.buyer },
    { flag: "--project-owner", value: "care-vn", expected: COFFEE_2024_SCOPED.projectOwner },
  ])("$flag $value changes the numbers as computed by hand", async ({ flag, value, expected }) => {
    const r = await runCli(["indicators", "--season", "coffee-2024", "--as-of", "2024-12-31", flag, value], dbA);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(expected);
    expect(printed).not.toEqual(COFFEE_2024);
  });
});
