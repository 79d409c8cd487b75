// Prisma CLI configuration: the JavaScript schema engine and the better-sqlite3 adapter,
// so `generate` and `migrate` never download an engine binary (see shared recipes).
// With a config file Prisma does not read .env: DATABASE_URL comes from the environment.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/caunoi.db" });
  },
});
