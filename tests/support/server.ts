// Starts the built app (npm run build first) on a free port against the test's own database,
// and gives tests an HTTP client with a cookie jar that handles CSRF tokens like a browser.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type AppServer = { url: string; stop: () => Promise<void>; proc: ChildProcess };

export async function startServer(env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", COOKIE_SECURE: "false", LOG_REQUESTS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

export class Client {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(public base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      // The CSRF token is bound to the session: a new (or no) session means a new token.
      if (name === "cn_session" || name === "cn_csrf") this.csrf = null;
      if (/max-age=0/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.base + path, { redirect: "manual", headers: { Cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    return res;
  }

  /** Loads a page to pick up the CSRF cookie and token, as a browser would. */
  async ensureCsrf(): Promise<string> {
    if (this.csrf) return this.csrf;
    // Signed in, /login sends the browser home; every page's header carries the token.
    let res = await this.get("/login");
    if (res.status >= 300 && res.status < 400) res = await this.get(res.headers.get("location") ?? "/");
    const html = await res.text();
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error("no CSRF token on the page");
    this.csrf = m[1];
    return this.csrf;
  }

  async post(path: string, fields: Record<string, string | string[]>, opts: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (opts.csrf !== false) body.append("csrf", await this.ensureCsrf());
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await fetch(this.base + path, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: this.cookieHeader(), "Content-Type": "application/x-www-form-urlencoded", ...opts.headers },
    });
    this.keep(res);
    return res;
  }

  async login(login: string, password: string): Promise<Response> {
    const res = await this.post("/login", { login, password });
    if (res.status !== 302 && res.status !== 204) throw new Error(`login failed: ${res.status}`);
    await this.ensureCsrf(); // the signed-in session's token, as the page after login carries it
    return res;
  }
}

/**
 * One logged-in client per account, kept for a whole test file (logging in hashes a password,
 * ~80 ms). `server` is read lazily because it is started in beforeAll.
 */
export function sessionPool(server: () => AppServer, password: string): (login: string) => Promise<Client> {
  const clients = new Map<string, Client>();
  return async (login) => {
    let c = clients.get(login);
    if (!c) {
      c = new Client(server().url);
      await c.login(login, password);
      clients.set(login, c);
    }
    return c;
  };
}
