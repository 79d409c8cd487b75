import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { translate, translateDynamic } from "~/i18n";
import { vi } from "~/i18n/vi";

describe("catalogues", () => {
  it("have the same keys and no empty message", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of [...Object.entries(vi), ...Object.entries(en)]) expect(v.trim(), k).not.toBe("");
  });

  it("use the same placeholders in both languages", () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(",");
    for (const k of Object.keys(vi) as (keyof typeof vi)[]) expect(holes(en[k]), k).toBe(holes(vi[k]));
  });

  it("fill placeholders and fall back to the key for unknown dynamic keys", () => {
    expect(translate("vi", "home.welcome", { name: "Lan" })).toBe("Xin chào, Lan");
    expect(translate("en", "home.welcome", { name: "Lan" })).toBe("Hello, Lan");
    expect(translateDynamic("vi", "poverty.near_poor")).toBe("Hộ cận nghèo");
    expect(translateDynamic("vi", "no.such.key")).toBe("no.such.key");
  });

  it("cover every error key the schemas can produce", () => {
    const dir = path.resolve("app");
    const keys = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory() && e.name !== "generated") walk(p);
        else if (/\.tsx?$/.test(e.name)) for (const m of fs.readFileSync(p, "utf8").matchAll(/"(error\.[a-zA-Z0-9_.]+)"/g)) keys.add(m[1]);
      }
    };
    walk(dir);
    expect(keys.size).toBeGreaterThan(10);
    for (const k of keys) expect(Object.keys(vi), k).toContain(k);
  });
});
