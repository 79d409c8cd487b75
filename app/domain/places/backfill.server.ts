// Existing databases migrate in place (docs/decisions/0019-places-2025.md): every group and
// organisation recorded with the free-text places of before July 2025 gets its current province
// and commune by code, and keeps what it said as its former province, district and commune.
// Runs right after the SQL migrations, on every start, but only touches rows never read this
// way (no code and no former province yet), so it costs one indexed count once done.
import Database from "better-sqlite3";
import { communeCandidates, resolvePlace, type Place } from "./resolve.server";

type Row = { id: string; province: string | null; formerDistrict: string | null; commune: string | null };

const TABLES = ["FarmerGroup", "Organisation"] as const;
const PENDING = `"provinceCode" IS NULL AND "formerProvince" IS NULL AND "province" IS NOT NULL AND "province" <> ''`;

/**
 * A row's place. A commune the crosswalk does not know still has a known province (every former
 * province went whole into one): the commune stays as written, with the closest communes of the
 * province as candidates for a person to choose among, as for a split commune. A province that
 * matches nothing leaves the row as written, marked as former, for a person to place.
 */
function readOld(r: Row): Place | null {
  const read = resolvePlace({ province: r.province, district: r.formerDistrict, commune: r.commune }, "none");
  if (read.ok) return read.place;
  const province = resolvePlace({ province: r.province }, "province");
  if (!province.ok) return null;
  const near = r.commune ? communeCandidates(r.commune, province.place.provinceCode).flatMap((c) => (c.code ? [c.code] : [])) : [];
  return { ...province.place, commune: r.commune, candidates: near };
}

/** Returns how many rows were read into the current units, per table. */
export function backfillPlaces(dbPath: string): Record<(typeof TABLES)[number], number> {
  const db = new Database(dbPath);
  const done = { FarmerGroup: 0, Organisation: 0 };
  try {
    db.pragma("busy_timeout = 5000");
    const pending = TABLES.some((t) => db.prepare(`SELECT 1 FROM "${t}" WHERE ${PENDING} LIMIT 1`).get());
    if (!pending) return done;
    db.transaction(() => {
      for (const table of TABLES) {
        const group = table === "FarmerGroup";
        const rows = db.prepare(`SELECT "id", "province", "formerDistrict", "commune" FROM "${table}" WHERE ${PENDING}`).all() as Row[];
        const update = db.prepare(
          `UPDATE "${table}" SET "provinceCode" = ?, "communeCode" = ?, "province" = ?, "commune" = ?, "formerProvince" = ?, "formerDistrict" = ?, "formerCommune" = ?` +
            (group ? `, "placeCandidates" = ?` : "") +
            ` WHERE "id" = ?`,
        );
        for (const r of rows) {
          const p = readOld(r);
          const values = [
            p?.provinceCode ?? null,
            p?.communeCode ?? null,
            p?.province ?? r.province,
            p?.commune ?? r.commune ?? (group ? "" : null),
            r.province,
            r.formerDistrict,
            r.commune,
          ];
          update.run(...values, ...(group ? [p?.candidates.length ? JSON.stringify(p.candidates) : null] : []), r.id);
          done[table]++;
        }
      }
    })();
    return done;
  } finally {
    db.close();
  }
}
