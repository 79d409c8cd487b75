// A write whose COMMIT fails must give its connection back to the pool. Under SERIALIZABLE a
// COMMIT fails whenever a concurrent write wins at the last moment; Prisma 6.19 alone then keeps
// the connection checked out for ever, so after as many failures as the pool has connections (20)
// every write waits and the pool can never be closed (db-postgres.server.ts, releasingFailedEnds).
// A deferred unique constraint makes the COMMIT fail on purpose, every time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "../../support/temp-db";

tempDatabase("failed-commits");
const { write, disconnect, dbReady } = await import("~/utils/db.server");

let disconnected = false;
beforeAll(async () => {
  await dbReady();
  await write((tx) => tx.$executeRawUnsafe(`CREATE TABLE "CommitProbe" ("k" INTEGER UNIQUE DEFERRABLE INITIALLY DEFERRED)`));
});
afterAll(async () => {
  if (!disconnected) await disconnect();
});

describe("a write that keeps losing to concurrent ones", () => {
  it("is given up after its tries with a 503 saying nothing was written, not a 500", async () => {
    let tries = 0;
    const given = await write(async () => {
      tries++;
      throw Object.assign(new Error("could not serialize access due to concurrent update"), { code: "40001" });
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(tries).toBe(12);
    expect(given).toBeInstanceOf(Response);
    expect((given as Response).status).toBe(503);
    expect(await (given as Response).text()).toMatch(/nothing was written/);
  });
});

describe("writes whose COMMIT fails", () => {
  it("are refused one by one, and the writes after them and the pool's closing still go through", async () => {
    const refusals: string[] = [];
    // More failures than the pool has connections.
    for (let i = 0; i < 25; i++) {
      const failed = await write(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "CommitProbe" ("k") VALUES (${i}), (${i})`);
      }).then(
        () => null,
        (e: unknown) => String(e instanceof Error ? e.message : e),
      );
      if (failed) refusals.push(failed);
    }
    expect(refusals).toHaveLength(25);
    expect(refusals[0]).toMatch(/Unique ?constraint|duplicate key/i);

    await write((tx) => tx.$executeRawUnsafe(`INSERT INTO "CommitProbe" ("k") VALUES (100)`));
    const rows = await write((tx) => tx.$queryRawUnsafe<{ k: number }[]>(`SELECT "k" FROM "CommitProbe" ORDER BY "k"`));
    expect(rows.map((r) => Number(r.k))).toEqual([100]);

    // With a connection still checked out, closing the pool would wait for ever (the test's timeout).
    await disconnect();
    disconnected = true;
  });
});
