import { db } from "~/utils/db.server";

// For uptime checks and the test harness: answers once the database is reachable.
export async function loader() {
  await db.user.count();
  return Response.json({ ok: true });
}

// Read-only: a POST here is a mistake, answered plainly.
export function action() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET" } });
}
