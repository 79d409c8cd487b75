// A household's consent to its head's given name on the public trace pages of its lots (issue
// 16). Recorded or withdrawn by the group's leader, who asks the household; the time and who
// recorded it are kept on the household (traceNameConsentAt/ById).
import { write } from "~/utils/db.server";

/** Sets the consent; false when the household is not in this group (nothing written). */
export async function setTraceNameConsent(groupId: string, householdId: string, consent: boolean, byUserId: string): Promise<boolean> {
  return write(async (tx) => {
    const { count } = await tx.household.updateMany({
      where: { id: householdId, groupId },
      data: consent ? { traceNameConsentAt: new Date(), traceNameConsentById: byUserId } : { traceNameConsentAt: null, traceNameConsentById: byUserId },
    });
    return count === 1;
  });
}
