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

const SELF = "http://self.invalid";

/**
 * A path on this site to send the browser to, or `fallback`. Browsers drop tabs and newlines
 * inside URLs and read a backslash as "/", so "/\t/evil.example" is another site: the value is parsed as
 * a browser would and must keep our origin. The answer is ASCII (percent-encoded), so it is
 * always a valid Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  if ([...to].some((c) => c < " " || c === "\u007f" || c === "\\")) return fallback;
  let url: URL;
  try {
    url = new URL(to, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  return path.startsWith("//") ? fallback : path;
}
