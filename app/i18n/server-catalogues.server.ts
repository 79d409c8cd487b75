// Every catalogue but the default, for the server: pages render in any language, PDFs and
// messages are written in the reader's. The browser gets only the one it shows (see
// loadCatalogue in ./index): Remix leaves this module out of the browser build, which halves
// the strings a phone downloads on its first visit.
import { en } from "./en";

export const catalogues = { en };
