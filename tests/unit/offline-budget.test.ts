// The offline bundle budget (issue 15): what the service worker precaches for the field pages
// — the app shell read from the build in public/build — stays within 1 MB. Needs `npm run build`.
import path from "node:path";
import { getManifest } from "workbox-build";
import { describe, expect, it } from "vitest";
import { fieldShell } from "../../scripts/offline-shell";

const BUDGET = 1024 * 1024;

describe("offline bundle", () => {
  it("precaches the field pages' shell within 1 MB", async () => {
    const publicDir = path.resolve("public");
    const shell = fieldShell(publicDir);
    const { count, size, warnings } = await getManifest({ globDirectory: publicDir, globPatterns: shell, maximumFileSizeToCacheInBytes: BUDGET });
    expect(warnings).toEqual([]);
    // Every listed file exists: a pattern that matched nothing would shrink the total unseen.
    expect(count).toBe(shell.length);
    expect(shell).toEqual(expect.arrayContaining([expect.stringMatching(/^build\/entry\.client-/), expect.stringMatching(/pickups\.new-/)]));
    expect(size).toBeLessThanOrEqual(BUDGET);
  });
});
