import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { RouteErrorBoundary } from "~/components/route-error";
import leafletCss from "leaflet/dist/leaflet.css";
import { AppForm } from "~/components/form";
import { OfflineField, useClearingLogout } from "~/components/offline-field";
import type { Locale } from "~/i18n";
import { useCatalogue, useT } from "~/i18n/use-t";
import appCss from "~/styles/app.css";
import { layoutData } from "~/domain/layout.server";
import { NAV_ITEMS } from "~/domain/navigation";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "stylesheet", href: leafletCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Cầu Nối" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { body, headers } = await layoutData(request);
  return data(body, { headers });
}

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const root = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  // Without JS a followed link loads a new page with the menu closed; with JS, close it likewise.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname, location.search]);
  const clearingLogout = useClearingLogout();
  const user = root?.user;
  if (!root) return null;
  const items = () =>
    NAV_ITEMS.filter((item) => root.nav.includes(item.key)).map((item) => (
      <NavLink key={item.key} to={item.to}>
        {t(item.label)}
      </NavLink>
    ));
  const next = root?.locale === "vi" ? "en" : "vi";
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        <img src="/favicon.svg" alt="" width="28" height="28" /> {t("app.name")}
      </Link>
      {/* A bar on a wide screen; on a phone a menu button that opens the whole list (a <details>:
          works without JS). The inbox and its count stay in sight on both. */}
      <nav aria-label={t("nav.main")} className="site-nav">
        {user ? (
          <>
            <div className="nav-bar">{items()}</div>
            <details className="nav-menu" ref={menu}>
              <summary className="btn btn-small">
                <span aria-hidden="true">☰</span> {t("nav.menu")}
              </summary>
              <div className="nav-list">{items()}</div>
            </details>
            <NavLink to="/inbox" className="nav-inbox" aria-label={t("nav.inboxUnread", { n: root.unread })}>
              {t("nav.inbox")}
              {root.unread ? <span className="count">{root.unread}</span> : null}
            </NavLink>
          </>
        ) : null}
      </nav>
      <div className="site-tools">
        <AppForm action="/locale" className="inline">
          <input type="hidden" name="locale" value={next} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="btn btn-small" lang={next} aria-label={t("nav.switchLanguage")}>
            {next === "en" ? "English" : "Tiếng Việt"}
          </button>
        </AppForm>
        {user ? (
          <AppForm action="/logout" className="inline" onSubmit={clearingLogout}>
            {/* The account's own settings hang off its name. */}
            <Link to="/settings/notifications" className="user-name" title={t("nav.notificationSettings")}>
              {user.name}
            </Link>
            <button type="submit" className="btn btn-small">
              {t("nav.logout")}
            </button>
          </AppForm>
        ) : (
          <Link to="/login" className="btn btn-small">
            {t("nav.login")}
          </Link>
        )}
      </div>
    </header>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useCatalogue(locale);
  return (
    <Document locale={locale}>
      <OfflineField />
      <Header />
      <main className="container">
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  const root = useRouteLoaderData<typeof loader>("root");
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Document locale={root?.locale ?? "vi"}>
      <Header />
      <main className="container">
        <RouteErrorBoundary />
      </main>
    </Document>
  );
}
