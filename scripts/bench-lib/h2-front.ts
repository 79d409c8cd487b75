// What a deployment puts in front of the app: TLS and HTTP/2 (Caddy does both by default,
// nginx with `http2 on`). A service worker and an installable app need HTTPS anyway, and over
// HTTP/2 a page's scripts share one connection instead of queueing six at a time behind
// HTTP/1.1's per-host limit, which on a 3G round trip of half a second is most of a first visit.
// For the benchmark only: a throw-away self-signed certificate, requests streamed to the app.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";

export type H2Front = { url: string; stop: () => Promise<void> };

export async function startH2Front(appUrl: string): Promise<H2Front> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caunoi-h2-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-subj",
      "/CN=localhost",
      "-days",
      "1",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" },
  );
  const app = new URL(appUrl);
  const server = http2.createSecureServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert), allowHTTP1: true }, (req, res) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!k.startsWith(":")) headers[k] = v;
    headers.host = req.headers[":authority"] ?? req.headers.host;
    const upstream = http.request({ hostname: app.hostname, port: app.port, method: req.method, path: req.url, headers }, (up) => {
      const out: http.OutgoingHttpHeaders = {};
      // Connection-specific headers are not allowed in HTTP/2.
      for (const [k, v] of Object.entries(up.headers)) if (!["connection", "keep-alive", "transfer-encoding"].includes(k)) out[k] = v;
      res.writeHead(up.statusCode ?? 502, out);
      up.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (s) => {
    sessions.add(s);
    s.once("close", () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions) s.destroy(); // a browser's idle connections would keep close() waiting
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}
