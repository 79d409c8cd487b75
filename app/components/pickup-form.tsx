// The pickup form for buyer staff at the collection point, on a phone. The half-filled form
// lives in localStorage until the server has it, so a dropped connection or a reload loses
// nothing; every submission of one form carries the same clientKey, so a retry (or a double
// tap) can never make two pickups. Without JavaScript it is a plain form post.
import { Form, useNavigate } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { MeasureDef } from "~/domain/measures";
import { lotAmountVnd, kgToGrams } from "~/domain/money";
import { useT } from "~/i18n/use-t";
import { formatNumber, formatVnd } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { CsrfInput } from "./form";

type Lot = { householdId: string; grossKg: string; tareKg: string; grade: string; m: Record<string, string> };
type Draft = { clientKey: string; date: string; collectionPoint: string; vehicle: string; staffName: string; witnesses: string[]; lots: Lot[] };

export type PickupFormProps = {
  contractId: string;
  clientKey: string;
  today: string;
  staffName: string;
  grades: { code: string; label: string; priceVndPerKg: number }[];
  measures: MeasureDef[];
  households: { id: string; headName: string }[];
  collectionPoints: string[];
  suggestedWitnesses: string[];
  errors?: FieldErrors;
};

const emptyLot = (): Lot => ({ householdId: "", grossKg: "", tareKg: "", grade: "", m: {} });
const num = (s: string) => {
  const n = Number(s.replace(",", "."));
  return s.trim() === "" || Number.isNaN(n) ? null : n;
};

export function PickupForm(p: PickupFormProps) {
  const t = useT();
  const navigate = useNavigate();
  const storageKey = `caunoi:pickup-draft:${p.contractId}`;
  const initial: Draft = {
    clientKey: p.clientKey,
    date: p.today,
    collectionPoint: p.collectionPoints[0] ?? "",
    vehicle: "",
    staffName: p.staffName,
    witnesses: p.suggestedWitnesses,
    lots: [emptyLot(), emptyLot(), emptyLot()],
  };
  const [draft, setDraft] = useState<Draft>(initial);
  const [restored, setRestored] = useState(false);
  const [status, setStatus] = useState<"idle" | "sending" | "offline">("idle");
  const [errors, setErrors] = useState<FieldErrors | undefined>(p.errors);
  const loaded = useRef(false);

  useEffect(() => {
    const saved = window.localStorage.getItem(storageKey);
    if (saved) {
      try {
        setDraft(JSON.parse(saved) as Draft);
        setRestored(true);
      } catch {
        window.localStorage.removeItem(storageKey);
      }
    }
    loaded.current = true;
  }, [storageKey]);

  useEffect(() => {
    if (loaded.current) window.localStorage.setItem(storageKey, JSON.stringify(draft));
  }, [draft, storageKey]);

  const price = useMemo(() => new Map(p.grades.map((g) => [g.code, g.priceVndPerKg])), [p.grades]);
  const names = useMemo(() => new Map(p.households.map((h) => [h.id, h.headName])), [p.households]);
  const lotFigures = draft.lots.map((l) => {
    const gross = num(l.grossKg);
    const tare = num(l.tareKg) ?? 0;
    const net = gross !== null ? gross - tare : null;
    const unit = price.get(l.grade);
    return { net, amount: net !== null && net >= 0 && unit !== undefined ? lotAmountVnd(kgToGrams(net), unit) : null };
  });
  const perMember = new Map<string, { kg: number; vnd: number }>();
  draft.lots.forEach((l, i) => {
    const f = lotFigures[i];
    if (!l.householdId || f.net === null) return;
    const cur = perMember.get(l.householdId) ?? { kg: 0, vnd: 0 };
    perMember.set(l.householdId, { kg: cur.kg + f.net, vnd: cur.vnd + (f.amount ?? 0) });
  });
  const total = [...perMember.values()].reduce((s, x) => ({ kg: s.kg + x.kg, vnd: s.vnd + x.vnd }), { kg: 0, vnd: 0 });

  const setLot = (i: number, patch: Partial<Lot>) => setDraft((d) => ({ ...d, lots: d.lots.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  const lotError = (i: number) =>
    Object.entries(errors ?? {})
      .filter(([k]) => k.startsWith(`lots.${i}.`))
      .flatMap(([, v]) => v);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (status === "sending") return; // a double tap sends once
    setStatus("sending");
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget).entries()) body.append(k, String(v));
    try {
      const res = await fetch("/api/pickups", { method: "POST", body, headers: { Accept: "application/json" } });
      const json = (await res.json()) as { ok: boolean; pickupId?: string; errors?: FieldErrors };
      if (json.ok && json.pickupId) {
        window.localStorage.removeItem(storageKey);
        navigate(`/pickups/${json.pickupId}`);
        return;
      }
      setErrors(json.errors ?? { _form: ["error.page.500"] });
      setStatus("idle");
    } catch {
      // No answer: the pickup stays on this phone; sending again is safe (same clientKey).
      setStatus("offline");
    }
  }

  const formErrors = [...(errors?._form ?? []), ...(errors?.lots ?? [])];
  return (
    <Form method="post" onSubmit={submit} noValidate className="pickup-form">
      <CsrfInput />
      <input type="hidden" name="contractId" value={p.contractId} />
      <input type="hidden" name="clientKey" value={draft.clientKey} />
      {restored ? (
        <p className="alert alert-ok" role="status">
          {t("pickup.restored")}
        </p>
      ) : null}
      {status === "offline" ? (
        <p className="alert alert-error" role="alert">
          {t("pickup.offline")}
        </p>
      ) : null}
      {formErrors.length ? (
        <div className="alert alert-error" role="alert">
          {formErrors.map((k) => t.dynamic(k)).join(" ")}
        </div>
      ) : null}

      <div className="row">
        <div className="field">
          <label htmlFor="pk-date">{t("pickup.date")}</label>
          <input id="pk-date" type="date" name="date" value={draft.date} max={p.today} onChange={(e) => setDraft({ ...draft, date: e.target.value })} />
          {errors?.date ? <p className="field-error">{errors.date.map((k) => t.dynamic(k)).join(" ")}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="pk-point">{t("pickup.collectionPoint")}</label>
          <input
            id="pk-point"
            name="collectionPoint"
            list="pk-points"
            value={draft.collectionPoint}
            onChange={(e) => setDraft({ ...draft, collectionPoint: e.target.value })}
          />
          <datalist id="pk-points">
            {p.collectionPoints.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="pk-vehicle">{t("pickup.vehicle")}</label>
          <input
            id="pk-vehicle"
            name="vehicle"
            value={draft.vehicle}
            placeholder="74C-123.45"
            onChange={(e) => setDraft({ ...draft, vehicle: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="pk-staff">{t("pickup.staff")}</label>
          <input id="pk-staff" name="staffName" value={draft.staffName} onChange={(e) => setDraft({ ...draft, staffName: e.target.value })} />
        </div>
      </div>

      <fieldset className="rows">
        <legend>{t("pickup.witnesses")}</legend>
        <p className="hint">{p.suggestedWitnesses.length ? t("pickup.witnessesSuggested") : t("pickup.witnessesHint")}</p>
        <div className="check-grid">
          {p.households.map((h) => (
            <label key={h.id} className="check">
              <input
                type="checkbox"
                name="witnesses"
                value={h.id}
                checked={draft.witnesses.includes(h.id)}
                onChange={(e) => setDraft({ ...draft, witnesses: e.target.checked ? [...draft.witnesses, h.id] : draft.witnesses.filter((w) => w !== h.id) })}
              />
              {h.headName}
            </label>
          ))}
        </div>
        {draft.witnesses.length === 0 ? <p className="field-error">{t("pickup.noWitnessWarning")}</p> : null}
      </fieldset>

      <h2>{t("pickup.lots")}</h2>
      {draft.lots.map((l, i) => (
        <fieldset key={i} className="lot-card" aria-label={t("pickup.lotN", { n: i + 1 })}>
          <legend>{t("pickup.lotN", { n: i + 1 })}</legend>
          <div className="field">
            <label htmlFor={`lot-${i}-hh`}>{t("household.one")}</label>
            <select id={`lot-${i}-hh`} name="lot.householdId" value={l.householdId} onChange={(e) => setLot(i, { householdId: e.target.value })}>
              <option value="">{t("common.choose")}</option>
              {p.households.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.headName}
                </option>
              ))}
            </select>
          </div>
          <div className="row two">
            <div className="field">
              <label htmlFor={`lot-${i}-gross`}>{t("pickup.grossKg")}</label>
              <input id={`lot-${i}-gross`} name="lot.grossKg" inputMode="decimal" value={l.grossKg} onChange={(e) => setLot(i, { grossKg: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`lot-${i}-tare`}>{t("pickup.tareKg")}</label>
              <input id={`lot-${i}-tare`} name="lot.tareKg" inputMode="decimal" value={l.tareKg} onChange={(e) => setLot(i, { tareKg: e.target.value })} />
            </div>
            {p.measures.map((m) => (
              <div className="field" key={m.key}>
                <label htmlFor={`lot-${i}-${m.key}`}>{m.label}</label>
                {m.options ? (
                  <select
                    id={`lot-${i}-${m.key}`}
                    name={`lot.m.${m.key}`}
                    value={l.m[m.key] ?? ""}
                    onChange={(e) => setLot(i, { m: { ...l.m, [m.key]: e.target.value } })}
                  >
                    <option value="">{t("common.choose")}</option>
                    {m.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={`lot-${i}-${m.key}`}
                    name={`lot.m.${m.key}`}
                    inputMode={m.type === "text" ? "text" : "decimal"}
                    value={l.m[m.key] ?? ""}
                    onChange={(e) => setLot(i, { m: { ...l.m, [m.key]: e.target.value } })}
                  />
                )}
              </div>
            ))}
            <div className="field">
              <label htmlFor={`lot-${i}-grade`}>{t("grade.code")}</label>
              <select id={`lot-${i}-grade`} name="lot.grade" value={l.grade} onChange={(e) => setLot(i, { grade: e.target.value })}>
                <option value="">{t("common.choose")}</option>
                {p.grades.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.code} — {g.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="lot-figures">
            {t("pickup.net")}: <strong>{lotFigures[i].net !== null ? `${formatNumber(lotFigures[i].net!, 3)} kg` : "—"}</strong> · {t("pickup.amount")}:{" "}
            <strong>{lotFigures[i].amount !== null ? formatVnd(lotFigures[i].amount!) : "—"}</strong>
          </p>
          {lotError(i).length ? <p className="field-error">{[...new Set(lotError(i))].map((k) => t.dynamic(k)).join(" ")}</p> : null}
        </fieldset>
      ))}
      <button type="button" className="btn" onClick={() => setDraft((d) => ({ ...d, lots: [...d.lots, emptyLot()] }))}>
        {t("pickup.addLot")}
      </button>

      <section className="card totals" aria-live="polite">
        <h2>{t("pickup.totals")}</h2>
        <table className="table">
          <tbody>
            {[...perMember].map(([id, x]) => (
              <tr key={id}>
                <td>{names.get(id)}</td>
                <td className="num">{formatNumber(x.kg, 3)} kg</td>
                <td className="num">{formatVnd(x.vnd)}</td>
              </tr>
            ))}
            <tr className="total-row">
              <td>{t("common.total")}</td>
              <td className="num">{formatNumber(total.kg, 3)} kg</td>
              <td className="num">{formatVnd(total.vnd)}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <button type="submit" className="btn btn-primary btn-block" disabled={status === "sending"}>
        {status === "offline" ? t("pickup.retry") : t("pickup.submit")}
      </button>
    </Form>
  );
}
