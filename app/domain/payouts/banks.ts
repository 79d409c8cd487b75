// Banks by NAPAS BIN, from vietnam-qr-pay's list (the one every VietQR encoder follows).
// A household is paid into a bank that can receive a VietQR transfer: "transfer supported" or
// "receive only"; a bank marked not supported would take no scanned payment.
import { Banks, VietQRStatus } from "vietnam-qr-pay";

export type Bank = { bin: string; shortName: string; name: string };

export const PAYOUT_BANKS: Bank[] = Banks.filter((b) => b.bin && b.vietQRStatus !== VietQRStatus.NOT_SUPPORTED)
  .map((b) => ({ bin: b.bin, shortName: b.shortName, name: b.name }))
  .sort((a, b) => a.shortName.localeCompare(b.shortName, "vi"));

const BY_BIN = new Map(PAYOUT_BANKS.map((b) => [b.bin, b]));

export function bankByBin(bin: string | null | undefined): Bank | null {
  return bin ? (BY_BIN.get(bin) ?? null) : null;
}
