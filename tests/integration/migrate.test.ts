// The migrator (app/utils/migrate.server.ts) against migrations in the shape `prisma migrate
// diff` writes for SQLite. A table rebuild (new_X, copy, DROP TABLE X, rename) must keep every
// row of the tables that point at X, whatever their ON DELETE; a migration that would leave a
// foreign key pointing nowhere is rolled back whole; and the record it keeps is the one
// `prisma migrate status` reads.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "~/utils/migrate.server";
import { runCommand } from "../support/run";
import { tempDir } from "../support/temp-db";

const CREATE = `-- CreateTable
CREATE TABLE "Parent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Child" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parentId" INTEGER NOT NULL,
    CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
`;

// Prisma's default for a required relation: RESTRICT, not cascade.
const CREATE_OTHER = `
-- CreateTable
CREATE TABLE "Other" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parentId" INTEGER NOT NULL,
    CONSTRAINT "Other_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
`;

/** Verbatim `prisma migrate diff` output for making Parent.name optional and adding Parent.code. */
const rebuildParent = (copyWhere = "") => `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT,
    "code" TEXT NOT NULL DEFAULT 'x'
);
INSERT INTO "new_Parent" ("id", "name") SELECT "id", "name" FROM "Parent"${copyWhere};
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;

/** A scratch project: a migrations directory and a database file, with the first migration applied and rows in every table. */
function project(withOther: boolean) {
  const root = tempDir("migrate");
  const dir = path.join(root, "migrations");
  const file = path.join(root, "test.db");
  const add = (name: string, sql: string) => {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  };
  add("20260101000000_init", CREATE + (withOther ? CREATE_OTHER : ""));
  expect(migrateDatabase(file, dir)).toEqual(["20260101000000_init"]);
  withDb(file, (db) => {
    db.exec(`INSERT INTO "Parent" ("id", "name") VALUES (1, 'một'), (2, 'hai')`);
    db.exec(`INSERT INTO "Child" ("parentId") VALUES (1), (1), (2)`);
    if (withOther) db.exec(`INSERT INTO "Other" ("parentId") VALUES (1), (2)`);
  });
  return { dir, file, add };
}

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
const columns = (db: Database.Database, table: string) => (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
const recorded = (db: Database.Database) =>
  (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`).all() as { migration_name: string }[]).map(
    (r) => r.migration_name,
  );

describe("a table rebuild as prisma migrate diff writes it", () => {
  it("keeps the rows of a child table that cascades on delete", () => {
    const p = project(false);
    p.add("20260102000000_rebuild", rebuildParent());
    expect(migrateDatabase(p.file, p.dir)).toEqual(["20260102000000_rebuild"]);
    withDb(p.file, (db) => {
      expect(count(db, "Child")).toBe(3);
      expect(db.prepare(`SELECT "id", "name", "code" FROM "Parent" ORDER BY "id"`).all()).toEqual([
        { id: 1, name: "một", code: "x" },
        { id: 2, name: "hai", code: "x" },
      ]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      // The child still points at the rebuilt table, and deleting a parent still cascades.
      db.exec(`DELETE FROM "Parent" WHERE "id" = 2`);
      expect(count(db, "Child")).toBe(2);
    });
  });

  it("keeps the rows of every child table, cascading or not", () => {
    const p = project(true);
    p.add("20260102000000_rebuild", rebuildParent());
    expect(migrateDatabase(p.file, p.dir)).toEqual(["20260102000000_rebuild"]);
    withDb(p.file, (db) => {
      expect([count(db, "Parent"), count(db, "Child"), count(db, "Other")]).toEqual([2, 3, 2]);
      expect(columns(db, "Parent")).toEqual(["id", "name", "code"]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      expect(recorded(db)).toEqual(["20260101000000_init", "20260102000000_rebuild"]);
    });
  });

  it("rolls back, whole and with a clear error, a migration that would leave a foreign key pointing nowhere", () => {
    const p = project(true);
    // The copy forgets parent 2, which a Child and an Other row still point at.
    p.add("20260102000000_rebuild", rebuildParent(` WHERE "id" <> 2`));
    expect(() => migrateDatabase(p.file, p.dir)).toThrow(
      /20260102000000_rebuild rolled back: .*foreign keys pointing at missing rows \(1 row\(s\) Child → Parent, 1 row\(s\) Other → Parent\)/,
    );
    withDb(p.file, (db) => {
      expect(columns(db, "Parent")).toEqual(["id", "name"]);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'new_Parent'`).all()).toEqual([]);
      expect([count(db, "Parent"), count(db, "Child"), count(db, "Other")]).toEqual([2, 3, 2]);
      expect(recorded(db)).toEqual(["20260101000000_init"]);
    });

    // Fixed, the same migration then applies: nothing of the failed attempt was left behind.
    p.add("20260102000000_rebuild", rebuildParent());
    expect(migrateDatabase(p.file, p.dir)).toEqual(["20260102000000_rebuild"]);
    withDb(p.file, (db) => expect([count(db, "Parent"), count(db, "Child"), count(db, "Other")]).toEqual([2, 3, 2]));
  });
});

describe("the project's own migrations", () => {
  it("are recorded so that `prisma migrate status` finds the database up to date, and a second run applies nothing", async () => {
    const file = path.join(tempDir("migrate-status"), "test.db");
    expect(migrateDatabase(file).length).toBeGreaterThan(0);
    expect(migrateDatabase(file)).toEqual([]);
    const status = await runCommand(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
    });
    expect(status.status, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toContain("Database schema is up to date!");
  });
});
