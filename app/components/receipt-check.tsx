// The "check a receipt" form: a GET to /verify, so a filled-in check is a link anyone may keep.
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export function ReceiptCheckForm({ contract = "", seq = "", hash = "" }: { contract?: string; seq?: string | number; hash?: string }) {
  const t = useT();
  return (
    <Form method="get" action="/verify" className="row" id="receipt-form">
      <div className="field">
        <label htmlFor="receipt-contract">{t("verify.receipt.contract")}</label>
        <input id="receipt-contract" name="contract" defaultValue={contract} required maxLength={80} />
      </div>
      <div className="field">
        <label htmlFor="receipt-seq">{t("verify.receipt.seq")}</label>
        <input id="receipt-seq" name="seq" inputMode="numeric" defaultValue={String(seq)} required />
      </div>
      <div className="field">
        <label htmlFor="receipt-hash">{t("verify.receipt.hash")}</label>
        <input id="receipt-hash" name="hash" defaultValue={hash} required maxLength={64} autoCapitalize="off" spellCheck={false} />
      </div>
      <button type="submit" className="btn">
        {t("verify.receipt.submit")}
      </button>
    </Form>
  );
}
