// VietQR (NAPAS 247, EMVCo merchant-presented format) for a payout: the household's bank and
// account, the exact amount and the statement number as the message, so that any Vietnamese
// banking app that scans it fills in the transfer and the household's bank statement names
// the document it was paid against. The payload is built by vietnam-qr-pay; the image by qrcode.
import QRCode from "qrcode";
import { QRPay } from "vietnam-qr-pay";

export type Payee = { bankBin: string; bankAccount: string; bankHolder: string };

/** The EMVCo payload string (ends with its CRC16). */
export function vietQrPayload(p: Payee, amountVnd: number, message: string): string {
  const qr = QRPay.initVietQR({
    bankBin: p.bankBin,
    bankNumber: p.bankAccount,
    amount: String(Math.round(amountVnd)),
    // Banks carry ASCII in the transfer note; the statement number is ASCII already.
    purpose: message
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .slice(0, 50),
  });
  return qr.build();
}

/** A PNG for the PDF: medium error correction survives a creased, photocopied slip. */
export function vietQrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: "png", errorCorrectionLevel: "M", margin: 1, scale: 4 });
}

/** An SVG for the statement page. */
export function vietQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
