// The per-request CSP nonce: made in entry.server, read by <Scripts> in root. In the browser
// it is empty (the scripts are already trusted by then).
import { createContext, useContext } from "react";

export const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
