// Thrown responses the error boundary knows how to show. A record the caller may not see
// answers 404, exactly as one that does not exist: guessing ids reveals nothing.
export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function badRequest(message = "Bad Request"): never {
  throw new Response(message, { status: 400, statusText: "Bad Request" });
}

/** Only same-site relative paths, so ?redirectTo= cannot send users to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
