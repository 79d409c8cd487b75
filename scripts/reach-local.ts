// npm run reach:local — local eSMS, Zalo ZNS and SMTP servers to try the delivery channels
// without accounts or the internet. Prints the environment lines that point the app at them,
// then every request they receive, until Ctrl-C. The servers are the ones the tests use
// (tests/support/reach-servers.ts): they check keys and tokens like the real providers.
import { startEsmsServer, startSmtpServer, startZnsServer } from "../tests/support/reach-servers";

const esms = await startEsmsServer();
const zns = await startZnsServer();
const smtp = await startSmtpServer();

// An example template per event kind; the local ZNS server takes any template id.
const templates = { pickup_recorded: { templateId: "100001", params: ["contract", "kg", "date"] } };
const lines = { ...esms.env, ...zns.env, ZALO_ZNS_TEMPLATES: JSON.stringify(templates), ...smtp.env };

console.log("# Local eSMS, Zalo ZNS and SMTP servers are running. Start the app with these lines in its environment:");
for (const [k, v] of Object.entries(lines)) console.log(`${k}=${/[\s"{<]/.test(v) ? `'${v}'` : v}`);
console.log("# Ctrl-C stops them.\n");

const time = () => new Date().toISOString().slice(11, 19);
esms.on("request", (req: { body: Record<string, string> | null }) => {
  const b = req.body ?? {};
  console.log(`${time()} SMS   to ${b.Phone}${b.IsUnicode === "1" ? " (unicode)" : ""}, RequestId ${b.RequestId}: ${b.Content}`);
});
zns.on("request", (req: { path: string; body: unknown }) => console.log(`${time()} ZNS   ${req.path} ${JSON.stringify(req.body)}`));
smtp.onMessage((mail) => console.log(`${time()} EMAIL to ${mail.envelope.to.join(", ")}: ${mail.subject} ${mail.messageId ?? ""}`));

const stop = async () => {
  await Promise.all([esms.close(), zns.close(), smtp.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
