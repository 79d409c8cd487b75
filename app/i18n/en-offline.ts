// English strings of the offline field pages (merged into en.ts).
export const enOffline = {
  "offline.queueTitle": "Pickups kept on this phone",
  "offline.item": "Pickup of {date}, {n} lots:",
  "offline.waiting": "waiting to be sent",
  "offline.sent": "sent.",
  "offline.seePickup": "See the pickup",
  "offline.refused": "refused",
  "offline.drop": "Drop this pickup",
  "offline.queued":
    "No network: the pickup is kept on this phone and will be sent by itself when the network returns (recorded once only). You can record the next one.",
  "offline.logoutLoses": "{n} pickup(s) kept on this phone have not been recorded yet. Logging out deletes them from the phone for good. Log out anyway?",
} as const;
