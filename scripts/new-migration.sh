#!/usr/bin/env bash
# Makes prisma/migrations/<timestamp>_<name>/migration.sql from the change to
# prisma/schema.prisma since the last commit. (`prisma migrate dev` needs a shadow database,
# which the better-sqlite3 adapter cannot build from multi-statement migrations.)
# Hand-written SQL (triggers) can be appended to the file afterwards.
set -euo pipefail
name="${1:?usage: npm run db:new-migration -- <name>}"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
old="$(mktemp --suffix=.prisma)"
git show HEAD:prisma/schema.prisma > "$old"
mkdir -p "$dir" data
npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
rm -f "$old"
echo "wrote $dir/migration.sql"; cat "$dir/migration.sql"
