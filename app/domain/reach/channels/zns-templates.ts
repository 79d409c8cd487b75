// ZALO_ZNS_TEMPLATES, read by env.server.ts (at start-up, to refuse a malformed value) and by the
// Zalo channel: {"pickup.receipt": {"templateId": "123456", "params": ["weight", "amount", "code"]}, …}
import * as z from "zod";

export type ZnsTemplate = { templateId: string; params: string[] };

export const znsTemplatesSchema = z.record(
  z.string().min(1),
  z.object({ templateId: z.union([z.string().min(1), z.number().int().positive()]).transform(String), params: z.array(z.string().min(1)) }),
);

/** The templates by event kind; {} when unset, null when the value is not valid. */
export function parseZnsTemplates(json: string | undefined): Record<string, ZnsTemplate> | null {
  if (!json) return {};
  try {
    const parsed = znsTemplatesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
