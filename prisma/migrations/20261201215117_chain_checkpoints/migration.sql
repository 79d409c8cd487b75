-- CreateTable
CREATE TABLE "ChainCheckpoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contractId" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "head" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "prev" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    CONSTRAINT "ChainCheckpoint_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ChainCheckpoint_hash_key" ON "ChainCheckpoint"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "ChainCheckpoint_contractId_n_key" ON "ChainCheckpoint"("contractId", "n");


-- Append-only, like the chain it anchors (docs/decisions/0005, 0009).
CREATE TRIGGER "ChainCheckpoint_no_update" BEFORE UPDATE ON "ChainCheckpoint" BEGIN SELECT RAISE(ABORT, 'append-only: ChainCheckpoint rows cannot be updated'); END;
CREATE TRIGGER "ChainCheckpoint_no_delete" BEFORE DELETE ON "ChainCheckpoint" BEGIN SELECT RAISE(ABORT, 'append-only: ChainCheckpoint rows cannot be deleted'); END;
