// Child process of `npm run bench`: N concurrent buyer-staff clients each posting pickups of
// `lots` lots to POST /api/pickups (the phone form's fields, CSRF token + cookie) for a fixed
// time, each to its own server (`url`: with several server processes, the clients are spread
// over them). Prints one JSON line: every acknowledged pickup (201/200 with a pickupId), failures by
// status, and latencies. The parent then checks each acknowledged pickup is in the database.
import crypto from "node:crypto";
import { todayInVietnam } from "~/utils/dates";
import { summarise } from "./stats";

export type PickupClient = { url: string; cookie: string; csrf: string; contractId: string; households: string[]; grades: string[] };
type Options = { seconds: number; lots: number; clients: PickupClient[] };
export type Ack = { pickupId: string; contractId: string; clientKey: string; lots: number; duplicate: boolean };

const opts = JSON.parse(process.argv[2]) as Options;
const acks: Ack[] = [];
const failures: Record<string, number> = {};
const latencies: number[] = [];
let attempts = 0;
const deadline = Date.now() + opts.seconds * 1000;

function form(c: PickupClient, clientKey: string, date: string): URLSearchParams {
  const body = new URLSearchParams({ csrf: c.csrf, contractId: c.contractId, clientKey, date, vehicle: "BENCH-01" });
  const pick = [...c.households].sort(() => Math.random() - 0.5);
  body.append("witnesses", pick[0]);
  for (let i = 0; i < opts.lots; i++) {
    const gross = 60 + Math.round(Math.random() * 3000) / 10;
    body.append("lot.householdId", pick[i % pick.length]);
    body.append("lot.grossKg", gross.toFixed(1));
    body.append("lot.tareKg", (Math.round(gross * 2) / 100).toFixed(1));
    body.append("lot.grade", c.grades[i % c.grades.length]);
  }
  return body;
}

async function client(c: PickupClient) {
  while (Date.now() < deadline) {
    const clientKey = crypto.randomBytes(12).toString("base64url");
    const started = performance.now();
    attempts++;
    try {
      const res = await fetch(`${c.url}/api/pickups`, {
        method: "POST",
        body: form(c, clientKey, todayInVietnam()),
        headers: { Cookie: c.cookie, "Content-Type": "application/x-www-form-urlencoded" },
        signal: AbortSignal.timeout(60_000),
      });
      const body = (await res.json().catch(() => null)) as { ok?: boolean; pickupId?: string; duplicate?: boolean } | null;
      latencies.push(performance.now() - started);
      if ((res.status === 201 || res.status === 200) && body?.ok && body.pickupId) {
        acks.push({ pickupId: body.pickupId, contractId: c.contractId, clientKey, lots: opts.lots, duplicate: !!body.duplicate });
      } else {
        failures[res.status] = (failures[res.status] ?? 0) + 1;
      }
    } catch (e) {
      const key = e instanceof Error ? e.name : "error";
      failures[key] = (failures[key] ?? 0) + 1;
    }
  }
}

const t0 = performance.now();
await Promise.all(opts.clients.map(client));
const seconds = (performance.now() - t0) / 1000;
const lots = acks.reduce((s, a) => s + a.lots, 0);
process.stdout.write(
  JSON.stringify({
    seconds,
    attempts,
    acked: acks.length,
    lots,
    lotsPerSecond: Math.round((lots / seconds) * 10) / 10,
    failures,
    latency: summarise(latencies),
    acks,
  }) + "\n",
);
