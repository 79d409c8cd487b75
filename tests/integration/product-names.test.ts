// A product is named in the reader's language wherever a page or a paper names it (issue 15):
// its English name for an English reader, its Vietnamese one otherwise. Over real HTTP against
// the built app, for the pickup page, the payment statement and its PDF, the member's passbook,
// the contract's PDF and the purchase list's page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type AppServer } from "../support/server";
import { tempDatabase } from "../support/temp-db";

tempDatabase("product-names");
const { makeWorld, PASSWORD } = await import("../support/fixtures");
const { makeContracts } = await import("../support/pickup-fixtures");
const { ledgerPickup, pdfText } = await import("../support/invoice-fixtures");
const { write, disconnect } = await import("~/utils/db.server");
const { issueInvoice } = await import("~/domain/invoices.server");

const VI = "Cà phê quả tươi";
const EN = "Fresh coffee cherry";

let server: AppServer;
let world: Awaited<ReturnType<typeof makeWorld>>;
let c: Awaited<ReturnType<typeof makeContracts>>;
let pickupId: string;
let invoiceId: string;

beforeAll(async () => {
  world = await makeWorld();
  c = await makeContracts(world);
  // A lot of member1's household (hh1b), so the passbook has a line.
  pickupId = await ledgerPickup(c.contracts.active.id, c.today, [{ householdId: world.households.hh1b.id, grossKg: 120, tareKg: 2, grade: "A" }]);
  invoiceId = (
    await write((tx) => issueInvoice(tx, { contractId: c.contracts.active.id, pickupIds: [pickupId], issuedOn: c.today, byUserId: world.users.staffA.id }))
  ).id;
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await disconnect();
});

const flat = (s: string) => s.replace(/\s+/g, " ");
/** What a person sees: tags and scripts dropped (the loader data repeats both names). */
const pageText = async (res: Response) => {
  expect(res.status).toBe(200);
  return flat((await res.text()).replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " "));
};
const pdfOf = async (res: Response) => {
  expect(res.status).toBe(200);
  return flat(pdfText(new Uint8Array(await res.arrayBuffer())));
};

async function reader(email: string, locale: "vi" | "en"): Promise<Client> {
  const client = new Client(server.url);
  await client.login(email, PASSWORD);
  expect((await client.post("/locale", { locale, redirectTo: "/" })).status).toBe(302);
  return client;
}

describe.each([
  ["en", EN, VI],
  ["vi", VI, EN],
] as const)("read in %s", (locale, shown, other) => {
  let staff: Client;
  let member: Client;
  beforeAll(async () => {
    staff = await reader(world.users.staffA.email, locale);
    member = await reader(world.users.member1.email, locale);
  });

  const expectNamed = (text: string) => {
    expect(text).toContain(shown);
    expect(text).not.toContain(other);
  };

  it("names the product on the pickup page", async () => {
    expectNamed(await pageText(await staff.get(`/pickups/${pickupId}`)));
  });

  it("names the product on the payment statement and its PDF", async () => {
    expectNamed(await pageText(await staff.get(`/invoices/${invoiceId}`)));
    expectNamed(await pdfOf(await staff.get(`/invoices/${invoiceId}/pdf`)));
  });

  it("names the product on the member's passbook", async () => {
    expectNamed(await pageText(await member.get(`/groups/${world.groups.g1}/passbook/${world.households.hh1b.id}`)));
  });

  it("names the product in the contract's PDF", async () => {
    expectNamed(await pdfOf(await staff.get(`/contracts/${c.contracts.active.id}/pdf`)));
  });

  it("names the product on the purchase list's page", async () => {
    expectNamed(await pageText(await staff.get(`/orgs/${world.orgs.orgA.id}/purchase-list?from=${c.today}&to=${c.today}`)));
  });
});

it("keeps the purchase list's paper in Vietnamese, as the tax form is, for an English reader", async () => {
  const staff = await reader(world.users.staffA.email, "en");
  const text = await pdfOf(await staff.get(`/orgs/${world.orgs.orgA.id}/purchase-list/pdf?from=${c.today}&to=${c.today}`));
  expect(text).toContain(VI);
});
