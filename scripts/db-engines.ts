// `npm run db:engines`: writes prisma/postgresql/schema.prisma from prisma/schema.prisma.
// `--check` only compares (exit 1 on drift). New migrations for both engines come from
// `npm run db:new-migration -- <name>`.
import fs from "node:fs";
import { PG_SCHEMA, postgresSchema, readSqliteSchema } from "./db-engines-lib";

const want = postgresSchema(readSqliteSchema());
const have = fs.existsSync(PG_SCHEMA) ? fs.readFileSync(PG_SCHEMA, "utf8") : "";
if (process.argv.includes("--check")) {
  if (want !== have) {
    console.error(`${PG_SCHEMA} is out of date: run \`npm run db:engines\``);
    process.exit(1);
  }
} else if (want !== have) {
  fs.writeFileSync(PG_SCHEMA, want);
  console.log(`wrote ${PG_SCHEMA}`);
}
