// A throw-away PostgreSQL for one test run (docs/decisions/0033-two-engines.md): `initdb` in a
// temporary directory, listening on a Unix socket there and on no TCP port (so runs never
// collide), fsync off (it is thrown away). PostgreSQL refuses to run as root, so as root the
// cluster belongs to the `postgres` user that Debian's package creates.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The directory of initdb/pg_ctl, or null when no PostgreSQL server is installed. */
export function postgresBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

export type Cluster = {
  socketDir: string;
  url: (database: string) => string;
  stop: () => void;
  /** Shuts the server down, keeping its data (an outage); `resume` starts it again. */
  pause: () => void;
  resume: () => void;
};

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]) {
  const cmd = asRoot ? "runuser" : bin;
  const all = asRoot ? ["-u", "postgres", "--", bin, ...args] : args;
  execFileSync(cmd, all, { stdio: ["ignore", "ignore", "pipe"] });
}

export function startCluster(bin: string): Cluster {
  // Straight under /tmp: the socket path must stay under 107 bytes, and the `postgres` user must
  // be able to reach it (a test run's own TMPDIR is root's alone).
  const dir = fs.mkdtempSync(path.join("/tmp", "cnpg-"));
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  run(path.join(bin, "initdb"), ["-D", path.join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
  return serve(bin, dir);
}

/**
 * A streaming replica of `primary` (pg_basebackup, then recovery from its log), read-only, on a
 * socket of its own: what DATABASE_REPLICA_URL points at in production.
 */
export function startStandby(bin: string, primary: Cluster): Cluster {
  const dir = fs.mkdtempSync(path.join("/tmp", "cnpg-"));
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  run(path.join(bin, "pg_basebackup"), ["-h", primary.socketDir, "-U", "postgres", "-D", path.join(dir, "data"), "-R", "-X", "stream", "--no-sync"]);
  return serve(bin, dir);
}

function serve(bin: string, dir: string): Cluster {
  const data = path.join(dir, "data");
  const options = `-c listen_addresses='' -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400`;
  const start = () => run(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  start();
  return {
    socketDir: dir,
    pause: () => run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]),
    resume: start,
    url: (database) => `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(dir)}`,
    stop: () => {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates an empty database on the run's cluster (synchronously: test files set up at import). */
export function createDatabase(socketDir: string, name: string): string {
  const r = spawnSync("psql", ["-h", socketDir, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", `CREATE DATABASE "${name}"`], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`CREATE DATABASE ${name}: ${r.stderr}`);
  return `postgresql://postgres@localhost/${name}?host=${encodeURIComponent(socketDir)}`;
}

/**
 * The PostgreSQL run's cluster (TEST_PG_SOCKET, from tests/support/global-setup.ts), or, for a
 * PostgreSQL test file run on its own, a cluster of the file's own that `stop` removes.
 */
export function testCluster(): { socketDir: string; stop: () => void } {
  const socketDir = process.env.TEST_PG_SOCKET;
  if (socketDir) return { socketDir, stop: () => {} };
  const bin = postgresBin();
  if (!bin) throw new Error("no PostgreSQL server installed (apt-get install -y postgresql)");
  return startCluster(bin);
}
