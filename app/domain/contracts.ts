// Contract lifecycle rules, shared by server and UI (server modules are empty in the browser).
import * as z from "zod";
import { text } from "./fields";

export const CONTRACT_STATUSES = ["draft", "signed", "active", "completed", "breached", "cancelled"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const IN_FORCE: ContractStatus[] = ["signed", "active", "completed", "breached"];

export type ContractRole = "buyer" | "group_leader" | "group_member" | "observer" | "admin";

// Who may move a contract from where to where. Reasons are required where a relationship ends.
type Move = { from: ContractStatus[]; by: ContractRole[]; reason: boolean };
export const MOVES: Record<ContractStatus, Move | null> = {
  draft: null,
  signed: { from: ["draft"], by: ["buyer"], reason: false },
  active: { from: ["signed"], by: ["buyer"], reason: false },
  completed: { from: ["active"], by: ["buyer"], reason: false },
  breached: { from: ["signed", "active"], by: ["buyer", "group_leader"], reason: true },
  cancelled: { from: ["draft", "signed"], by: ["buyer", "group_leader"], reason: true },
};

export function allowedMoves(status: string, role: ContractRole): ContractStatus[] {
  return CONTRACT_STATUSES.filter((to) => {
    const m = MOVES[to];
    return !!m && m.from.includes(status as ContractStatus) && (m.by.includes(role) || role === "admin");
  });
}

/** What the person signing gives when a contract becomes signed: the place printed on its first line. */
export const signingSchema = z.object({ signedPlace: text(120) });

/** The place a signing form offers first: the group's commune and province. */
export function defaultSigningPlace(g: { commune: string | null; province: string | null }): string {
  return [g.commune, g.province].filter(Boolean).join(", ");
}
