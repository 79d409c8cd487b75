// Issue 15: every page, as every demo role, fits a 360 px phone. The test signs in as each role,
// starts from the links of its navigation, and crawls: on every page it opens it collects the
// links and opens the first one of each kind of page it has not seen yet (PAGE_KINDS), so each
// kind of page the role can reach is visited once, with real demo data. A page fails when the
// document is wider than the screen; the message names the widest element that sticks out.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

// No trace: it would record every one of some 200 page loads; the failure names the page and the element.
test.use({ viewport: { width: 360, height: 740 }, trace: "off" });

/**
 * The pages of the app by the shape of their path (the query is kept but not compared). A new
 * page gets a line here; a link that matches neither this list nor NOT_PAGES fails the test, so a
 * page cannot be added without being measured.
 */
export const PAGE_KINDS: [kind: string, path: RegExp][] = [
  ["home", /^\/$/],
  ["offers", /^\/offers$/],
  ["offer-new", /^\/offers\/new$/],
  ["offer", /^\/offers\/[^/]+$/],
  ["offer-edit", /^\/offers\/[^/]+\/edit$/],
  ["contracts", /^\/contracts$/],
  ["contract", /^\/contracts\/[^/]+$/],
  ["contract-verify", /^\/contracts\/[^/]+\/verify$/],
  ["pickup-new", /^\/contracts\/[^/]+\/pickups\/new$/],
  ["invoice-new", /^\/contracts\/[^/]+\/invoices\/new$/],
  ["pickup", /^\/pickups\/[^/]+$/],
  ["invoices", /^\/invoices$/],
  ["invoice", /^\/invoices\/[^/]+$/],
  ["groups", /^\/groups$/],
  ["group-new", /^\/groups\/new$/],
  ["group", /^\/groups\/[^/]+$/],
  ["group-edit", /^\/groups\/[^/]+\/edit$/],
  ["group-members", /^\/groups\/[^/]+\/members$/],
  ["group-fund", /^\/groups\/[^/]+\/fund$/],
  ["group-rota", /^\/groups\/[^/]+\/rota$/],
  ["group-advances", /^\/groups\/[^/]+\/advances$/],
  ["household-new", /^\/groups\/[^/]+\/households\/new$/],
  ["household", /^\/groups\/[^/]+\/households\/[^/]+$/],
  ["household-bank", /^\/groups\/[^/]+\/households\/[^/]+\/bank$/],
  ["passbook", /^\/groups\/[^/]+\/passbook\/[^/]+$/],
  ["my-passbook", /^\/passbook$/],
  ["dashboard", /^\/dashboard$/],
  ["map", /^\/map$/],
  ["reports", /^\/reports$/],
  ["inbox", /^\/inbox$/],
  ["admin", /^\/admin$/],
  ["import", /^\/import$/],
  ["org-new", /^\/orgs\/new$/],
  ["org", /^\/orgs\/[^/]+$/],
  ["purchase-list", /^\/orgs\/[^/]+\/purchase-list$/],
  ["verify", /^\/verify$/],
  ["login", /^\/login$/],
  ["signup", /^\/signup$/],
];

/** Links that are not pages to look at: files, and doors that act (a GET that changes nothing but leaves the page). */
const NOT_PAGES: RegExp[] = [
  /\.(pdf|csv|xlsx|json)$/,
  /\/(pdf|csv)$/,
  /\/transfers$/,
  /\/purchase-list\/[^/]+$/,
  /^\/(logout|locale|api\/|map\.data|places\/|healthz)/,
];

/** The demo people (README), and the kinds of page each must reach, so a broken crawl cannot pass by visiting nothing. */
const ROLES: { login: string | null; reaches: string[] }[] = [
  { login: null, reaches: ["home", "login", "signup"] },
  {
    login: "admin@caunoi.vn",
    reaches: [
      "offers",
      "offer",
      "contracts",
      "contract",
      "pickup",
      "invoices",
      "invoice",
      "groups",
      "group",
      "household",
      "dashboard",
      "map",
      "reports",
      "inbox",
      "admin",
      "org",
    ],
  },
  {
    login: "buyer@caunoi.vn",
    reaches: [
      "offers",
      "offer",
      "offer-new",
      "contracts",
      "contract",
      "pickup",
      "pickup-new",
      "invoices",
      "invoice",
      "groups",
      "group",
      "dashboard",
      "map",
      "inbox",
      "org",
    ],
  },
  {
    login: "staff@caunoi.vn",
    reaches: ["offers", "offer", "contracts", "contract", "pickup", "pickup-new", "invoices", "invoice", "dashboard", "map", "inbox", "org"],
  },
  { login: "buyer2@caunoi.vn", reaches: ["offers", "offer", "contracts", "contract", "invoices", "dashboard", "map", "inbox", "org"] },
  {
    login: "leader@caunoi.vn",
    reaches: [
      "offers",
      "offer",
      "contracts",
      "contract",
      "pickup",
      "invoices",
      "invoice",
      "groups",
      "group",
      "group-fund",
      "group-rota",
      "household",
      "passbook",
      "inbox",
    ],
  },
  { login: "leader2@caunoi.vn", reaches: ["offers", "contracts", "contract", "invoices", "groups", "group", "household", "inbox"] },
  { login: "0912000001", reaches: ["offers", "contracts", "contract", "groups", "group", "passbook", "inbox"] },
  { login: "project@caunoi.vn", reaches: ["contracts", "invoices", "groups", "group", "dashboard", "map", "reports", "inbox", "org"] },
  { login: "authority@caunoi.vn", reaches: ["contracts", "invoices", "groups", "group", "dashboard", "map", "inbox", "org"] },
];

/** Every page kind is opened once per role; a safety stop against a crawl that never ends. */
const MAX_PAGES = PAGE_KINDS.length + 5;

function kindOf(href: string): string | null {
  const { pathname } = new URL(href);
  return PAGE_KINDS.find(([, re]) => re.test(pathname))?.[0] ?? null;
}

/** How far the page sticks out, and what sticks out furthest (null: it fits). Runs in the page. */
function measureOverflow() {
  const doc = document.documentElement;
  const limit = doc.clientWidth;
  if (doc.scrollWidth <= limit) return null;
  const name = (el: Element) => {
    const cls = [...el.classList].map((c) => `.${c}`).join("");
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls}> "${text}"`;
  };
  // Content inside a box that scrolls or clips on its own does not widen the page.
  const clipped = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
    return false;
  };
  let widest: { el: Element; width: number; right: number } | null = null;
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right <= limit + 0.5 || clipped(el)) continue;
    if (!widest || r.width > widest.width) widest = { el, width: r.width, right: r.right };
  }
  // Nothing wider than the screen: text running out of a box that is not (a long word or number).
  if (!widest)
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 0.5 && r.left + el.scrollWidth > limit + 0.5 && !clipped(el))
        widest = { el, width: el.scrollWidth, right: r.left + el.scrollWidth };
    }
  return {
    scrollWidth: doc.scrollWidth,
    clientWidth: limit,
    widest: widest ? `${name(widest.el)}, ${Math.round(widest.width)} px wide, right edge at ${Math.round(widest.right)} px` : "(not found)",
  };
}

async function signIn(page: Page, login: string) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email hoặc số điện thoại").fill(login);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào");
}

for (const role of ROLES) {
  test(`every page fits 360 px: ${role.login ?? "signed out"}`, async ({ page, baseURL }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "a phone layout: runs in the phone project");
    if (role.login) await signIn(page, role.login);
    const origin = new URL(baseURL!).origin;
    const seen = new Set<string>();
    const visited: string[] = [];
    const problems: string[] = [];
    const queue: string[] = [];
    const offer = (href: string, from: string) => {
      const url = new URL(href, origin);
      if (url.origin !== origin || NOT_PAGES.some((re) => re.test(url.pathname))) return;
      const kind = kindOf(url.href);
      if (!kind) problems.push(`${from}: a link to ${url.pathname} matches no page in PAGE_KINDS (add it there, or to NOT_PAGES)`);
      else if (!seen.has(kind)) {
        seen.add(kind);
        queue.push(url.pathname + url.search);
      }
    };
    offer("/", "start");
    while (queue.length && visited.length < MAX_PAGES) {
      const path = queue.shift()!;
      const res = await page.goto(path, { waitUntil: "domcontentloaded" });
      visited.push(path);
      // A link the role is shown must open for it.
      if (!res || res.status() >= 400) {
        problems.push(`${path}: answered ${res?.status()}`);
        continue;
      }
      // Measured with every <details> open (the phone menu among them): what a tap shows must fit too.
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      const over = await page.evaluate(measureOverflow);
      if (over) problems.push(`${path}: page ${over.scrollWidth} px wide at ${over.clientWidth} px; widest: ${over.widest}`);
      for (const href of await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) offer(href, path);
    }
    const missing = role.reaches.filter((k) => !seen.has(k));
    expect(missing, `pages ${role.login ?? "a visitor"} should reach (visited: ${visited.join(" ")})`).toEqual([]);
    expect(problems, `visited: ${visited.join(" ")}`).toEqual([]);
  });
}
