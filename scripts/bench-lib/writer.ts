// Raw better-sqlite3 inserts for the generator: one prepared statement per table, a row
// counter for the progress line, and bulk-load pragmas (the file is thrown away on failure).
import Database from "better-sqlite3";

export type Row = (string | number | null)[];

const COLUMNS = {
  Organisation: [
    "id",
    "ref",
    "kind",
    "name",
    "provinceCode",
    "communeCode",
    "province",
    "commune",
    "formerProvince",
    "formerDistrict",
    "formerCommune",
    "lat",
    "lng",
    "phone",
    "objectives",
    "beneficiarySelection",
    "startedOn",
    "endsOn",
    "createdAt",
    "updatedAt",
  ],
  FarmerGroup: [
    "id",
    "ref",
    "name",
    "provinceCode",
    "communeCode",
    "province",
    "commune",
    "formerProvince",
    "formerDistrict",
    "formerCommune",
    "placeCandidates",
    "hamlet",
    "lat",
    "lng",
    "projectOwnerId",
    "foundedOn",
    "createdAt",
    "updatedAt",
  ],
  Household: [
    "id",
    "ref",
    "groupId",
    "headName",
    "headSex",
    "ethnicMinority",
    "ethnicity",
    "povertyStatus",
    "members",
    "workers",
    "baselineIncomeVnd",
    "phone",
    "createdAt",
    "updatedAt",
  ],
  User: ["id", "email", "phone", "name", "passwordHash", "locale", "isSiteAdmin", "createdAt"],
  Membership: ["id", "userId", "role", "organisationId", "groupId", "householdId", "createdAt", "acceptedAt"],
  Product: ["id", "ref", "name", "nameEn", "unit", "measures"],
  Season: ["id", "ref", "productId", "name", "start", "end"],
  PurchaseOffer: [
    "id",
    "buyerId",
    "productId",
    "seasonId",
    "title",
    "status",
    "minTonnes",
    "maxTonnes",
    "windowStart",
    "windowEnd",
    "priceMechanism",
    "paymentTermsDays",
    "groupFundPct",
    "eligibleProvinces",
    "eligibleDistricts",
    "publishedAt",
    "createdAt",
    "updatedAt",
  ],
  OfferGrade: ["id", "offerId", "code", "label", "criteria", "priceVndPerKg", "sort"],
  CollectionPoint: ["id", "offerId", "name", "lat", "lng"],
  Contract: [
    "id",
    "ref",
    "buyerId",
    "groupId",
    "seasonId",
    "status",
    "signedOn",
    "areaHa",
    "volumeTonnes",
    "paymentTermsDays",
    "priceMechanism",
    "groupFundPct",
    "renewsId",
    "createdAt",
    "updatedAt",
  ],
  ContractGrade: ["id", "contractId", "code", "label", "criteria", "priceVndPerKg"],
  ContractAllocation: ["id", "contractId", "householdId", "tonnes", "areaHa"],
  ContractEvent: ["id", "contractId", "fromStatus", "toStatus", "reason", "byUserId", "at"],
  Pickup: ["id", "ref", "contractId", "date", "collectionPoint", "vehicle", "staffName", "recordedById", "chainSeq", "prevHash", "hash", "createdAt"],
  PickupWitness: ["pickupId", "householdId"],
  Lot: [
    "id",
    "ref",
    "pickupId",
    "contractId",
    "householdId",
    "grossG",
    "tareG",
    "netG",
    "grade",
    "measurements",
    "unitPriceVnd",
    "amountVnd",
    "supersedesId",
    "correctionReason",
    "chainSeq",
    "prevHash",
    "hash",
    "createdAt",
  ],
  LotDispute: ["id", "lotId", "openedById", "reason", "status", "resolution", "resolvedById", "resolvedAt", "correctionLotId", "createdAt"],
  Invoice: [
    "id",
    "ref",
    "buyerId",
    "contractId",
    "kind",
    "year",
    "number",
    "status",
    "issuedOn",
    "dueOn",
    "subtotalVnd",
    "deductionsVnd",
    "totalVnd",
    "lotsHash",
    "issuedById",
    "createdAt",
  ],
  InvoicePickup: ["invoiceId", "pickupId"],
  InvoiceLine: ["id", "invoiceId", "lotId", "householdId", "netG", "grade", "unitPriceVnd", "amountVnd"],
  InvoiceCounter: ["buyerId", "year", "last"],
  Payment: ["id", "ref", "invoiceId", "paidOn", "amountVnd", "method", "reference", "recordedById", "createdAt"],
} as const;

export type Table = keyof typeof COLUMNS;

export class Writer {
  rows = 0;
  private stmts = new Map<Table, Database.Statement>();
  constructor(public db: Database.Database) {
    for (const [t, cols] of Object.entries(COLUMNS) as [Table, readonly string[]][]) {
      this.stmts.set(t, db.prepare(`INSERT INTO "${t}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`));
    }
  }

  insert(table: Table, values: Row): void {
    this.stmts.get(table)!.run(values);
    this.rows++;
  }

  /** Runs `fn` in one transaction (BEGIN … COMMIT). */
  tx(fn: () => void): void {
    this.db.exec("BEGIN");
    try {
      fn();
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }
}

/** Opens an already-migrated file for a one-shot bulk load: no journal, no fsync, big cache. */
export function openForBulkLoad(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("cache_size = -1048576"); // 1 GiB
  db.pragma("temp_store = MEMORY");
  db.pragma("foreign_keys = OFF"); // checked once at the end instead (PRAGMA foreign_key_check)
  return db;
}

/** Back to what the app expects (WAL), then close. */
export function finishBulkLoad(db: Database.Database): void {
  db.pragma("locking_mode = NORMAL");
  db.pragma("journal_mode = WAL");
  db.close();
}

/** A "progress" line on stderr at most once a second, and a final one. */
export class Progress {
  private started = Date.now();
  private last = 0;
  private lastRows = 0;
  private lastAt = Date.now();
  constructor(
    private w: Writer,
    private label: string,
    private total: number,
  ) {}

  tick(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 1000) return;
    const rate = ((this.w.rows - this.lastRows) * 1000) / Math.max(1, now - this.lastAt);
    this.last = now;
    this.lastRows = this.w.rows;
    this.lastAt = now;
    const pct = this.total ? ((100 * done) / this.total).toFixed(1) : "100.0";
    const line = `  ${this.label}: ${pct.padStart(5)}%  ${done.toLocaleString("en")}/${this.total.toLocaleString("en")}  · ${Math.round(rate).toLocaleString("en")} rows/s · ${((now - this.started) / 1000).toFixed(0)} s`;
    process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(100)}` : `${line}\n`);
  }

  done(done: number): void {
    this.tick(done, true);
    if (process.stderr.isTTY) process.stderr.write("\n");
  }
}
