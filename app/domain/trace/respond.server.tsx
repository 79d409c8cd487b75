// The answer to GET /t/{code} and /01/{gtin}/10/{code}: a whole HTML page, or the one "not
// found" page. Rendered pages are kept per (address, language) until the database changes
// (SQLite's data_version, as the verdict: docs/decisions/0028-public-trace-page.md), so a
// crowd scanning the same bags costs a lookup each, not a render.
import zlib from "node:zlib";
import { renderToStaticMarkup } from "react-dom/server";
import { TraceNotFound, TracePage } from "~/components/trace-page";
import { isLocale, translator, type Locale } from "~/i18n";
import { getLocale, localeCookie } from "~/i18n/i18n.server";
import appCss from "~/styles/app.css";
import { dataGeneration } from "~/utils/db.server";
import { secureCookies } from "~/utils/env.server";
import { normaliseTraceCode } from "./codes.server";
import { normaliseGtin, tracePath } from "./links";
import { traceView } from "./page.server";
import { placeSketch } from "./sketch.server";

// No script at all; styles and images from this site only; the language switch is a link.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MAX_PAGES = 2000;
// Each page kept both plain and gzipped: compressing ≈ 10 kB again for every view was a tenth
// of the time a view cost under load (the compression middleware leaves an encoded body alone).
type Page = { plain: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> };
const page = (html: string): Page => ({ plain: new TextEncoder().encode(html), gzip: new Uint8Array(zlib.gzipSync(html)) });
const pages = new Map<string, { generation: number; page: Page }>();

// The switch keeps the address and changes only the query, so it says nothing about the code.
const switchTo = (locale: Locale) =>
  locale === "vi" ? { href: "?lang=en", label: "English", lang: "en" as const } : { href: "?lang=vi", label: "Tiếng Việt", lang: "vi" as const };

const notFoundPages = new Map<Locale, Page>();
function notFoundPage(locale: Locale): Page {
  let p = notFoundPages.get(locale);
  if (!p) {
    p = page("<!DOCTYPE html>" + renderToStaticMarkup(<TraceNotFound t={translator(locale)} css={appCss} switchTo={switchTo(locale)} />));
    notFoundPages.set(locale, p);
  }
  return p;
}

async function tracePage(rawCode: string, rawGtin: string | undefined, locale: Locale): Promise<Page | null> {
  // One cached page however the code was typed (lower case, O for 0…).
  const code = normaliseTraceCode(rawCode);
  const gtin = rawGtin === undefined ? undefined : normaliseGtin(rawGtin);
  if (!code || gtin === null) return null;
  const key = `${locale}|${gtin ?? ""}|${code}`;
  // Read before rendering: a write landing meanwhile makes the next view render again.
  const generation = await dataGeneration();
  const hit = pages.get(key);
  if (hit && hit.generation === generation) return hit.page;
  const view = await traceView(code, gtin);
  if (!view) return null; // not kept: made-up codes must not fill the cache
  const t = translator(locale);
  // Links between a pickup's and its lots' pages keep the shape the visitor arrived by.
  const link = (c: string) => (gtin ? tracePath(c, gtin) : tracePath(c));
  const rendered = page(
    "<!DOCTYPE html>" +
      renderToStaticMarkup(<TracePage t={t} css={appCss} view={view} sketch={placeSketch(view.place)} link={link} switchTo={switchTo(locale)} />),
  );
  pages.delete(key);
  pages.set(key, { generation, page: rendered });
  while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  return rendered;
}

export async function traceResponse(request: Request, code: string, gtin?: string): Promise<Response> {
  const asked = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(asked) ? asked : await getLocale(request);
  const headers = new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": CSP,
    "X-Robots-Tag": "noindex",
    Vary: "Accept-Encoding, Cookie",
  });
  // A language picked here is remembered like the app's own switch (app/routes/locale.tsx).
  if (isLocale(asked)) headers.append("Set-Cookie", await localeCookie.serialize(asked, secureCookies(request)));
  const found = await tracePage(code, gtin, locale);
  const p = found ?? notFoundPage(locale);
  const gzip = /\bgzip\b/.test(request.headers.get("Accept-Encoding") ?? "");
  if (gzip) headers.set("Content-Encoding", "gzip");
  const body = gzip ? p.gzip : p.plain;
  headers.set("Content-Length", String(body.length));
  return new Response(body, { status: found ? 200 : 404, headers });
}
