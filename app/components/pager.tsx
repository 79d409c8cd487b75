import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/**
 * "Trang 2 / 11" with previous/next links. Each link is the current URL with only `page`
 * changed, so the filters in the query survive paging (and page 1 has no `page` at all).
 */
export function Pager({ page, pageCount }: { page: number; pageCount: number }) {
  const t = useT();
  const { pathname, search } = useLocation();
  if (pageCount <= 1) return null;
  const href = (n: number) => {
    const q = new URLSearchParams(search);
    if (n > 1) q.set("page", String(n));
    else q.delete("page");
    const s = q.toString();
    return s ? `${pathname}?${s}` : pathname;
  };
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" className="btn btn-small">
          {t("pager.prev")}
        </Link>
      ) : null}
      <span aria-current="page">{t("pager.status", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next" className="btn btn-small">
          {t("pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}
