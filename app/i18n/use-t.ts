import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { DEFAULT_LOCALE, translator, type Translator } from "./index";

export function useT(): Translator {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return translator(data?.locale ?? DEFAULT_LOCALE);
}
