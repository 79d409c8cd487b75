// Starts the built app (npm run build first) on a free port against the test's own database,
// and gives tests an HTTP client with a cookie jar that handles CSRF tokens like a browser.
import { spawn, type ChildProcess } from "node:child_process";
import { StringDecoder } from "node:string_decoder";

/**
 * The port a `node server.js` started with PORT=0 is listening on, from the line it prints once
 * bound. Waiting on that line (or the process's exit) needs no polling and no deadline, and the
 * port is the kernel's choice at bind time: no other process can take it in between.
 */
export function listeningPort(proc: ChildProcess, output: () => string = () => ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const utf8 = new StringDecoder("utf8");
    let seen = "";
    const onData = (d: Buffer) => {
      seen += utf8.write(d);
      const m = /^Cầu Nối: http:\/\/[^\s:]+:(\d+)\s*$/m.exec(seen);
      if (!m) return;
      proc.stdout!.off("data", onData);
      proc.off("close", onClose);
      resolve(Number(m[1]));
    };
    // "close", not "exit": by then all it printed has been read, for the message.
    const onClose = (code: number | null, signal: string | null) =>
      reject(new Error(`server exited (${signal ?? code}) before listening:\n${output() || seen}`));
    proc.stdout!.on("data", onData);
    proc.once("close", onClose);
  });
}

export type AppServer = { url: string; stop: () => Promise<void>; proc: ChildProcess };

export async function startServer(env: Record<string, string> = {}): Promise<AppServer> {
  const proc = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", COOKIE_SECURE: "false", LOG_REQUESTS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  const port = await listeningPort(proc, () => output);
  return {
    url: `http://127.0.0.1:${port}`,
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

  /** Any request with this client's cookies (e.g. a raw JSON upload). */
  async request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(this.base + path, { redirect: "manual", ...init, headers: { Cookie: this.cookieHeader(), ...init.headers } });
    this.keep(res);
    return res;
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
