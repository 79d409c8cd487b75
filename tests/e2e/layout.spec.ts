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
 * page (projects/*, a diary…) gets a line here, and its kind goes into the `reaches` of the roles
 * that must get to it; a link that matches neither this list nor NOT_PAGES fails the test, so a
 * page cannot be linked without being measured. The first matching line names a link's kind.
 */
const PAGE_KINDS: [kind: string, path: RegExp][] = [
  ["home", /^\/$/],
  ["offers", /^\/offers$/],
  ["offer-new", /^\/offers\/new$/],
  ["offer", /^\/offers\/[^/]+$/],
  ["offer-edit", /^\/offers\/[^/]+\/edit$/],
  ["contracts", /^\/contracts$/],
  ["contract", /^\/contracts\/[^/]+$/],
  ["contract-edit", /^\/contracts\/[^/]+\/edit$/],
  ["contract-verify", /^\/contracts\/[^/]+\/verify$/],
  ["pickup-new", /^\/contracts\/[^/]+\/pickups\/new$/],
  ["invoice-new", /^\/contracts\/[^/]+\/invoices\/new$/],
  ["pickup", /^\/pickups\/[^/]+$/],
  ["pickup-labels", /^\/pickups\/[^/]+\/labels$/],
  ["trace", /^\/(t\/[^/]+|01\/\d+\/10\/[^/]+)$/],
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
  ["household-contact", /^\/groups\/[^/]+\/households\/[^/]+\/contact$/],
  ["group-certifications", /^\/groups\/[^/]+\/certifications$/],
  ["household-bank", /^\/groups\/[^/]+\/households\/[^/]+\/bank$/],
  ["diary", /^\/groups\/[^/]+\/households\/[^/]+\/diary$/],
  ["diary-month", /^\/groups\/[^/]+\/households\/[^/]+\/diary\/month$/],
  ["passbook", /^\/groups\/[^/]+\/passbook\/[^/]+$/],
  ["my-passbook", /^\/passbook$/],
  ["dashboard", /^\/dashboard$/],
  ["map", /^\/map$/],
  ["reports", /^\/reports$/],
  ["inbox", /^\/inbox$/],
  ["surveys", /^\/projects\/[^/]+\/surveys$/],
  ["survey-round", /^\/projects\/[^/]+\/surveys\/[^/]+$/],
  ["survey-answer", /^\/projects\/[^/]+\/surveys\/[^/]+\/[^/]+$/],
  ["outcomes", /^\/projects\/[^/]+\/outcomes$/],
  ["evaluation", /^\/projects\/[^/]+\/evaluation$/],
  ["contributions", /^\/projects\/[^/]+\/contributions$/],
  ["admin", /^\/admin$/],
  ["admin-outbox", /^\/admin\/outbox$/],
  ["notification-settings", /^\/settings\/notifications$/],
  ["import", /^\/import$/],
  ["org-new", /^\/orgs\/new$/],
  ["org", /^\/orgs\/[^/]+$/],
  ["purchase-list", /^\/orgs\/[^/]+\/purchase-list$/],
  ["org-certifications", /^\/orgs\/[^/]+\/certifications$/],
  ["org-gtins", /^\/orgs\/[^/]+\/gtins$/],
  ["verify", /^\/verify$/],
  ["login", /^\/login$/],
  ["signup", /^\/signup$/],
];

/** Links that are not pages to measure: downloads (PDF, CSV, spreadsheets), the API, and endpoints that answer forms or scripts. */
const NOT_PAGES: RegExp[] = [
  /\.(pdf|csv|xlsx|json)$/,
  /\/(pdf|csv|xlsx)$/,
  /\/transfers$/,
  /\/labels\/pdf$/,
  /^\/certifications\/[^/]+\/file$/,
  /^\/orgs\/[^/]+\/epcis$/,
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
      "admin-outbox",
      "org",
      "notification-settings",
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
      "pickup-labels",
      "invoices",
      "invoice",
      "groups",
      "group",
      "dashboard",
      "map",
      "inbox",
      "org",
      "org-certifications",
      "org-gtins",
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
      "household-contact",
      "group-certifications",
      "diary",
      "diary-month",
      "passbook",
      "inbox",
      "notification-settings",
    ],
  },
  { login: "leader2@caunoi.vn", reaches: ["offers", "contracts", "contract", "invoices", "groups", "group", "household", "inbox"] },
  { login: "0912000001", reaches: ["offers", "contracts", "contract", "groups", "group", "passbook", "inbox"] },
  {
    login: "project@caunoi.vn",
    reaches: [
      "contracts",
      "invoices",
      "groups",
      "group",
      "dashboard",
      "map",
      "reports",
      "inbox",
      "org",
      "surveys",
      "survey-round",
      "survey-answer",
      "outcomes",
      "evaluation",
      "contributions",
    ],
  },
  { login: "authority@caunoi.vn", reaches: ["contracts", "invoices", "groups", "group", "dashboard", "map", "reports", "inbox", "org"] },
];

/** Every page kind is opened once per role; a safety stop against a crawl that never ends. */
const MAX_PAGES = PAGE_KINDS.length;

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

/** Pages open at once while crawling (each in its own tab of the role's session). */
const TABS = 3;

type Visit = { path: string; status: number; over: Awaited<ReturnType<typeof measureOverflow>>; hrefs: string[] };

async function visit(page: Page, path: string): Promise<Visit> {
  const res = await page.goto(path, { waitUntil: "domcontentloaded" });
  const status = res?.status() ?? 0;
  if (status >= 400) return { path, status, over: null, hrefs: [] };
  // Measured with every <details> open (the phone menu among them): what a tap shows must fit too.
  const hrefs = await page.evaluate(() => {
    document.querySelectorAll("details").forEach((d) => (d.open = true));
    return [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].map((a) => a.href);
  });
  return { path, status, over: await page.evaluate(measureOverflow), hrefs };
}

for (const role of ROLES) {
  test(`every page fits 360 px: ${role.login ?? "signed out"}`, async ({ page, context, baseURL }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "a phone layout: runs in the phone project");
    if (role.login) await signIn(page, role.login);
    const tabs = [page, ...(await Promise.all(Array.from({ length: TABS - 1 }, () => context.newPage())))];
    const origin = new URL(baseURL!).origin;
    const seen = new Set<string>();
    const visited: string[] = [];
    const problems = new Set<string>();
    let queue: string[] = [];
    const offer = (href: string, from: string) => {
      const url = new URL(href, origin);
      if (url.origin !== origin || NOT_PAGES.some((re) => re.test(url.pathname))) return;
      const kind = kindOf(url.href);
      if (!kind) problems.add(`${from}: a link to ${url.pathname} matches no page in PAGE_KINDS (add it there, or to NOT_PAGES)`);
      else if (!seen.has(kind)) {
        seen.add(kind);
        queue.push(url.pathname + url.search);
      }
    };
    // The contracts list filtered to active ones first, so the first contract opened has a pickup
    // form whatever drafts the other specs have added to the shared database.
    offer("/contracts?status=active", "start");
    offer("/", "start");
    // In waves: the pages found so far, a few at a time, then the links they hold in the order
    // found, so the same pages are chosen on every run.
    while (queue.length && visited.length < MAX_PAGES) {
      const wave = queue;
      queue = [];
      const results: Visit[] = [];
      for (let i = 0; i < wave.length; i += tabs.length)
        results.push(...(await Promise.all(wave.slice(i, i + tabs.length).map((path, j) => visit(tabs[j], path)))));
      for (const r of results) {
        visited.push(r.path);
        // A link the role is shown must open for it.
        if (r.status >= 400) problems.add(`${r.path}: answered ${r.status}`);
        if (r.over) problems.add(`${r.path}: page ${r.over.scrollWidth} px wide at ${r.over.clientWidth} px; widest: ${r.over.widest}`);
        for (const href of r.hrefs) offer(href, r.path);
      }
    }
    const missing = role.reaches.filter((k) => !seen.has(k));
    expect(missing, `pages ${role.login ?? "a visitor"} should reach (visited: ${visited.join(" ")})`).toEqual([]);
    expect([...problems], `visited: ${visited.join(" ")}`).toEqual([]);
  });
}

// The two pages the issue measured, each with the case that widened it.

test("the offer page keeps its dates and payment terms on a 360 px screen", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone layout: runs in the phone project");
  await signIn(page, "0912000001");
  await page.goto("/offers");
  await page.locator(".offer-card h2 a").first().click();
  await expect(page.getByRole("heading", { name: "Điều khoản" })).toBeVisible();
  expect(await page.evaluate(measureOverflow)).toBeNull();
  // Every term, the delivery window and payment terms among them, ends on the screen.
  const terms = page.locator(".facts dd");
  expect(await terms.count()).toBeGreaterThan(4);
  for (const right of await terms.evaluateAll((dds) => dds.map((dd) => dd.getBoundingClientRect().right))) expect(right).toBeLessThanOrEqual(360);
});

test("a huge weight typed into the pickup form does not widen the page", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "a phone layout: runs in the phone project");
  await signIn(page, "staff@caunoi.vn");
  await page.goto("/contracts?status=active");
  await page
    .locator("#contracts tr", { hasText: "Tổ hợp tác cà phê Hướng Phùng 1" })
    .getByRole("link", { name: /^c-2026-\d{3}$/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Ghi lần cân hàng" }).click();
  const lot = page.locator("tbody.lot-row").first();
  await lot.getByLabel("Hộ", { exact: true }).selectOption({ index: 1 });
  await lot.getByLabel("Cân cả bì (kg)").fill("99999999999");
  await lot.getByLabel("Bì (kg)", { exact: true }).fill("2");
  await lot.getByLabel("Quả chín (%)").fill("96");
  await lot.getByLabel("Loại", { exact: true }).selectOption("A");
  // The running totals show the figure (which the server would refuse on sending)...
  await expect(page.locator(".totals .total-row")).toContainText("99.999.999.997 kg");
  // ...and it scrolls inside its own box: the page stays the screen's width.
  expect(await page.evaluate(measureOverflow)).toBeNull();
});
