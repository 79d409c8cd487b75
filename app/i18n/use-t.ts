import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import type { loader as rootLoader } from "~/root";
import { DEFAULT_LOCALE, hasCatalogue, loadCatalogue, translator, type Locale, type Translator } from "./index";

export function useT(): Translator {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return translator(data?.locale ?? DEFAULT_LOCALE);
}

/**
 * In the root: when the page's language changes without a page load and its catalogue is not
 * in the browser yet, fetch it and render again (the loaders' data is unchanged, so the
 * revalidation only costs the round trip).
 */
export function useCatalogue(locale: Locale): void {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (!hasCatalogue(locale)) void loadCatalogue(locale).then(revalidate);
  }, [locale, revalidate]);
}
