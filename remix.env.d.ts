/// <reference types="@remix-run/dev" />

// Single fetch (v3_singleFetch): loaders return plain data, typed as such.
import "@remix-run/node";
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
