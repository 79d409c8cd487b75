#!/usr/bin/env bash
# Makes a migration for each engine from the change to prisma/schema.prisma since the last
# commit: prisma/migrations/<timestamp>_<name>/migration.sql (SQLite) and the same name under
# prisma/postgresql/migrations (PostgreSQL, from the schema `npm run db:engines` derives).
# (`prisma migrate dev` needs a shadow database, which the better-sqlite3 adapter cannot build
# from multi-statement migrations.) Hand-written SQL (triggers) is appended afterwards, to each
# engine's file in its own dialect.
set -euo pipefail
name="${1:?usage: npm run db:new-migration -- <name>}"
stamp="$(date -u +%Y%m%d%H%M%S)_${name}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git show HEAD:prisma/schema.prisma > "$tmp/old.prisma"
npx tsx scripts/db-engines.ts
npx tsx -e '
  import fs from "node:fs";
  import { postgresSchema } from "./scripts/db-engines-lib";
  fs.writeFileSync(process.argv[1], postgresSchema(fs.readFileSync(process.argv[2], "utf8")));
' "$tmp/old-pg.prisma" "$tmp/old.prisma"
for engine in sqlite postgresql; do
  if [ "$engine" = sqlite ]; then dir="prisma/migrations/$stamp"; old="$tmp/old.prisma"; new=prisma/schema.prisma;
  else dir="prisma/postgresql/migrations/$stamp"; old="$tmp/old-pg.prisma"; new=prisma/postgresql/schema.prisma; fi
  mkdir -p "$dir" data
  npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel "$new" --script > "$dir/migration.sql"
  if [ "$engine" = postgresql ]; then
    npx tsx -e '
      import fs from "node:fs";
      import { postgresMigration } from "./scripts/db-engines-lib";
      fs.writeFileSync(process.argv[1], postgresMigration(fs.readFileSync(process.argv[1], "utf8")));
    ' "$dir/migration.sql"
  fi
  echo "wrote $dir/migration.sql"; cat "$dir/migration.sql"
done
