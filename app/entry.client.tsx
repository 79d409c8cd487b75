// Remix's default browser entry, but the page's language catalogue arrives first: only
// Vietnamese is in the main script, so an English page fetches its strings before hydrating.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale, loadCatalogue } from "~/i18n";

const lang = document.documentElement.lang;
void loadCatalogue(isLocale(lang) ? lang : "vi").then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
