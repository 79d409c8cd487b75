// Existing databases migrate in place (issue 12): a database written with the free-text places
// of before July 2025 is migrated by the real migrations and backfillPlaces; every group and
// organisation gets its current unit, keeps what it said as its former place, and nothing is lost.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backfillPlaces } from "~/domain/places/backfill.server";
import { placeUnits } from "~/domain/places/units.server";
import { migrateDatabase, migrationsDir } from "~/utils/migrate.server";
import { tempDir } from "../support/temp-db";

const PLACES = "20261202032627_places_2025";

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A database at the last migration before the places one, with rows written the old way. */
function oldDatabase() {
  const root = tempDir("places-migrate");
  const before = path.join(root, "migrations");
  for (const name of fs.readdirSync(migrationsDir()).filter((n) => n < PLACES && /^\d{14}_/.test(n)))
    fs.cpSync(path.join(migrationsDir(), name), path.join(before, name), { recursive: true });
  const file = path.join(root, "old.db");
  migrateDatabase(file, before);
  withDb(file, (db) => {
    const now = "2024-03-01T00:00:00.000Z";
    const org = db.prepare(
      `INSERT INTO "Organisation" ("id", "ref", "kind", "name", "province", "district", "commune", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    org.run("o1", "ubnd-luc-ngan", "authority", "UBND huyện Lục Ngạn", "Bắc Giang", "Lục Ngạn", null, now);
    org.run("o2", "htx", "cooperative", "HTX", null, null, null, now);
    const group = db.prepare(
      `INSERT INTO "FarmerGroup" ("id", "ref", "name", "province", "district", "commune", "hamlet", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    group.run("g1", "tg-tan-lap", "Tổ vải Tân Lập", "Bắc Giang", "Lục Ngạn", "Tân Lập", "Bản Mậu", now);
    group.run("g2", "tg-huong-son", "Tổ cà phê Hướng Sơn", "Quảng Trị", "Hướng Hóa", "Xã Hướng Sơn", null, now);
    group.run("g3", "tg-muong-sang", "Tổ chè Mường Sang", "Sơn La", "Mộc Châu", "Mường Sang", null, now);
    group.run("g4", "tg-nowhere", "Tổ không rõ", "Tỉnh Không Có", "Huyện Lạ", "Xã Lạ", null, now);
    group.run("g5", "tg-misspelt", "Tổ viết sai", "Bắc Giang", "Lục Ngạn", "Tân Lập Mới", null, now);
    db.prepare(
      `INSERT INTO "Household" ("id", "ref", "groupId", "headName", "headSex", "ethnicMinority", "povertyStatus", "members", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run("h1", "hh-1", "g1", "Hoàng Thị Mai", "female", 1, "poor", 5, now);
  });
  return file;
}

describe("migrating a database of before July 2025", () => {
  it("gives every group and organisation its current unit and keeps its former names", () => {
    const file = oldDatabase();
    expect(migrateDatabase(file)).toContain(PLACES);
    expect(backfillPlaces(file)).toEqual({ FarmerGroup: 5, Organisation: 1 });
    const rows = withDb(file, (db) => ({
      groups: db
        .prepare(
          `SELECT "ref", "provinceCode", "communeCode", "province", "commune", "formerProvince", "formerDistrict", "formerCommune", "placeCandidates", "hamlet" FROM "FarmerGroup" ORDER BY "ref"`,
        )
        .all() as Record<string, string | null>[],
      orgs: db.prepare(`SELECT "ref", "provinceCode", "communeCode", "province", "formerProvince", "formerDistrict" FROM "Organisation" ORDER BY "ref"`).all(),
      households: db.prepare(`SELECT "id", "groupId" FROM "Household"`).all(),
    }));
    const byRef = Object.fromEntries(rows.groups.map((g) => [g.ref, g]));
    // Bắc Giang is now part of Bắc Ninh; Tân Lập went into Xã Đèo Gia.
    expect(byRef["tg-tan-lap"]).toEqual({
      ref: "tg-tan-lap",
      provinceCode: "24",
      communeCode: "07594",
      province: "Bắc Ninh",
      commune: "Xã Đèo Gia",
      formerProvince: "Bắc Giang",
      formerDistrict: "Lục Ngạn",
      formerCommune: "Tân Lập",
      placeCandidates: null,
      hamlet: "Bản Mậu",
    });
    expect(byRef["tg-huong-son"]).toMatchObject({ provinceCode: "44", communeCode: "19441", commune: "Xã Hướng Phùng", formerDistrict: "Hướng Hóa" });
    // Split between three current communes: province known, the old name kept, a person picks.
    expect(byRef["tg-muong-sang"]).toMatchObject({ provinceCode: "14", communeCode: null, commune: "Mường Sang", formerDistrict: "Mộc Châu" });
    expect(JSON.parse(byRef["tg-muong-sang"].placeCandidates!)).toHaveLength(3);
    // A name the crosswalk does not know is kept as written, not dropped.
    // A commune the crosswalk does not know: the province is still known (Bắc Giang went whole
    // into Bắc Ninh), the commune stays as written with the closest ones for a person to pick.
    expect(byRef["tg-misspelt"]).toMatchObject({
      provinceCode: "24",
      province: "Bắc Ninh",
      communeCode: null,
      commune: "Tân Lập Mới",
      formerCommune: "Tân Lập Mới",
    });
    const near = JSON.parse(byRef["tg-misspelt"].placeCandidates!) as string[];
    expect(near.length).toBeGreaterThan(0);
    for (const code of near) expect(placeUnits().communes.get(code)?.provinceCode).toBe("24");
    expect(byRef["tg-nowhere"]).toMatchObject({
      provinceCode: null,
      province: "Tỉnh Không Có",
      commune: "Xã Lạ",
      formerProvince: "Tỉnh Không Có",
      formerDistrict: "Huyện Lạ",
    });
    expect(rows.orgs).toEqual([
      { ref: "htx", provinceCode: null, communeCode: null, province: null, formerProvince: null, formerDistrict: null },
      { ref: "ubnd-luc-ngan", provinceCode: "24", communeCode: null, province: "Bắc Ninh", formerProvince: "Bắc Giang", formerDistrict: "Lục Ngạn" },
    ]);
    expect(rows.households).toEqual([{ id: "h1", groupId: "g1" }]);
    // Once read, never read again: a second start changes nothing.
    expect(backfillPlaces(file)).toEqual({ FarmerGroup: 0, Organisation: 0 });
  });
});
