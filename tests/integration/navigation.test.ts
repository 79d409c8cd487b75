// Issue 15: the menu offers only what its reader may open (a member was shown "Chỉ số" and got
// 403). For every kind of account, over real HTTP against the built app: the menu lists the
// items expected of the role, and every item of the whole menu is opened — one the menu shows
// answers 200 (the passbook after its redirect), one it does not show answers 403 or 404. So the
// menu's rules (navFor) and the pages' loaders cannot drift apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type AppServer, sessionPool } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("navigation");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { NAV_ITEMS } = await import("~/domain/navigation");
const { signup } = await import("~/domain/accounts.server");
const { addMember } = await import("~/domain/orgs.server");
const { disconnect } = await import("~/utils/db.server");

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  world = await makeWorld();
  // An account with no membership, and one whose only membership is an invitation not yet
  // accepted (which grants nothing, so no indicators either).
  for (const email of ["nobody@test.vn", "invited@test.vn"]) {
    const r = await signup({ name: email, email, password: PASSWORD, locale: "vi" });
    if (!r.ok) throw new Error(email);
  }
  const { orgA } = world.orgs;
  await addMember({ id: orgA.id, kind: "cooperative", name: orgA.name }, { login: { email: "invited@test.vn" }, role: "buyer_staff", name: null });
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const as = sessionPool(() => server, PASSWORD);

const LISTS = ["/", "/offers", "/contracts", "/invoices", "/groups"];
const INDICATORS = ["/dashboard", "/map"];
const EXPECTED: Record<string, string[]> = {
  "admin@test.vn": [...LISTS, ...INDICATORS, "/reports", "/admin"],
  "buyera@test.vn": [...LISTS, ...INDICATORS],
  "staffa@test.vn": [...LISTS, ...INDICATORS],
  "leader1@test.vn": LISTS,
  "member1@test.vn": [...LISTS, "/passbook"],
  "project@test.vn": [...LISTS, ...INDICATORS, "/reports"],
  "authority@test.vn": [...LISTS, ...INDICATORS, "/reports"], // the reports of the projects in its area
  "nobody@test.vn": LISTS,
  "invited@test.vn": LISTS,
};

/** The hrefs of the links in one part of the header's navigation (by its class). */
function links(html: string, part: string): string[] {
  const nav = /<nav [^>]*class="site-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  const start = nav.indexOf(`class="${part}"`);
  if (start < 0) return [];
  const tag = nav.lastIndexOf("<", start);
  const name = /^<(\w+)/.exec(nav.slice(tag))![1];
  const inner = nav.slice(start, nav.indexOf(`</${name}>`, start));
  return [...inner.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]);
}

/** The status a page finally answers, following its redirects as a browser would. */
async function finalStatus(login: string, path: string): Promise<number> {
  const c = await as(login);
  let res = await c.get(path);
  for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 5; hops++) res = await c.get(new URL(res.headers.get("location")!, server.url).pathname);
  return res.status;
}

describe("the menu shows what its reader may open, and nothing else", () => {
  for (const [login, expected] of Object.entries(EXPECTED)) {
    it(login, async () => {
      const res = await (await as(login)).get("/");
      const html = await res.text();
      expect(res.status).toBe(200);
      const shown = links(html, "nav-list");
      expect(shown).toEqual(expected);
      // The wide screen's bar and the phone's menu list the same items; the inbox is beside both.
      expect(links(html, "nav-bar")).toEqual(shown);
      expect(html).toMatch(/<a [^>]*class="[^"]*nav-inbox[^"]*"[^>]*href="\/inbox"|<a [^>]*href="\/inbox"[^>]*class="[^"]*nav-inbox/);
      for (const item of NAV_ITEMS) {
        const status = await finalStatus(login, item.to);
        if (shown.includes(item.to)) expect(status, `${item.to} is in the menu`).toBe(200);
        else expect([403, 404], `${item.to} is not in the menu, answered ${status}`).toContain(status);
      }
    });
  }

  it("a visitor gets no menu, only the login", async () => {
    const res = await fetch(`${server.url}/`);
    const html = await res.text();
    expect(links(html, "nav-list")).toEqual([]);
    expect(html).not.toContain("nav-inbox");
    expect(html).toMatch(/href="\/login"/);
  });
});
