// The pickup form for buyer staff at the collection point, on a phone: one compact row per lot
// (a table on a desktop, two lines on a phone) so forty households fit in a few screens. The
// half-filled form lives in localStorage until the server has it, so a dropped connection or a
// reload loses nothing; every submission of one form carries the same clientKey, so a retry (or
// a double tap) can never make two pickups. It checks with the server's own schema before
// sending, and asks before sending a net that is possible but unlikely. Without JavaScript it
// is a plain form post.
import { Form, useNavigate } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { measureLabel } from "~/domain/measure-label";
import type { MeasureDef } from "~/domain/measures";
import { lotAmountVnd, kgToGrams } from "~/domain/money";
import { netWarnings, pickupFormValues, typedKg, type NetWarning } from "~/domain/pickups/form-values";
import { useT } from "~/i18n/use-t";
import { formatNumber, formatVnd } from "~/utils/format";
import { formToObject, parseWith, type FieldErrors } from "~/utils/forms";
import { canQueue, enqueuePickup, flushQueue, queuedPickups, removeQueued, type QueuedPickup } from "~/utils/offline-queue";
import { CsrfInput } from "./form";
import { OfflineQueue } from "./offline-queue";

export type Lot = { key?: string; householdId: string; grossKg: string; tareKg: string; grade: string; m: Record<string, string> };
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
  /** Per household, the most one lot can plausibly weigh (net kg): what it agreed to deliver all season. */
  lotBoundsKg: Record<string, number>;
  /** The same for a household without an allocation: the contract's volume shared among the group. */
  defaultLotBoundKg: number | null;
  errors?: FieldErrors;
  /** What was posted, when the no-JS form comes back with errors. */
  posted?: Omit<Draft, "clientKey"> & { clientKey?: string };
};

export type SendResult = { kind: "sent"; pickupId: string } | { kind: "refused"; errors: FieldErrors } | { kind: "offline" } | { kind: "queued" };

/**
 * The one way a pickup leaves the phone: into the offline queue (IndexedDB), which is then sent
 * in order (app/utils/offline-queue.ts). With a network the answer comes at once, as before;
 * without one the pickup waits on the phone, through a restart, until the network returns.
 */
// The schema brings zod, half of this page's script: fetched after the page is usable (and
// precached by the service worker for offline use), not before it (issue 15's 3G budget).
let schemaModule: Promise<typeof import("~/domain/pickups.schema") | null> | null = null;
function loadPickupSchema() {
  schemaModule ??= import("~/domain/pickups.schema").catch(() => {
    schemaModule = null; // try again on the next submit
    return null;
  });
  return schemaModule.then((m) => m?.pickupSchema ?? null);
}

export async function sendPickup(body: URLSearchParams): Promise<SendResult> {
  let queued: QueuedPickup | undefined;
  try {
    if (canQueue()) queued = await enqueuePickup(body);
  } catch {
    // No IndexedDB here (a private window): sent straight away, as without the queue.
  }
  if (!queued) return sendNow(body);
  await flushQueue(body.get("csrf") ?? "");
  const now = (await queuedPickups(queued.contractId)).find((q) => q.clientKey === queued.clientKey);
  if (now?.state === "waiting" || !now) return { kind: "queued" };
  // Answered at once: the form shows the outcome itself, so the queue need not list it.
  await removeQueued(now.seq!);
  return now.state === "sent" ? { kind: "sent", pickupId: now.pickupId! } : { kind: "refused", errors: now.errors ?? { _form: ["error.page.500"] } };
}

async function sendNow(body: URLSearchParams): Promise<SendResult> {
  try {
    const res = await fetch("/api/pickups", { method: "POST", body, headers: { Accept: "application/json" } });
    const json = (await res.json()) as { ok: boolean; pickupId?: string; errors?: FieldErrors };
    if (json.ok && json.pickupId) return { kind: "sent", pickupId: json.pickupId };
    return { kind: "refused", errors: json.errors ?? { _form: ["error.page.500"] } };
  } catch {
    // No answer: the pickup stays on this phone; sending again is safe (same clientKey).
    return { kind: "offline" };
  }
}

/** A new pickup's key (pickups.schema.ts: 8–64 of [A-Za-z0-9_-]). */
const newClientKey = () => (typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`);

let keySeq = 0;
const rowKey = () => `r${Date.now().toString(36)}${(keySeq++).toString(36)}`;
const emptyLot = (): Lot => ({ key: rowKey(), householdId: "", grossKg: "", tareKg: "", grade: "", m: {} });
const withKeys = (lots: Lot[]) => lots.map((l) => (l.key ? l : { ...l, key: rowKey() }));

const LOT_FIELDS = ["householdId", "grossKg", "tareKg", "grade"] as const;
const TOP_FIELDS = ["_form", "clientKey", "date", "collectionPoint", "vehicle", "staffName", "witnesses", "lots"];

/** The id of a lot's input, from the field's name in an error path ("grossKg", "measurements.ripePct"). */
const fieldId = (row: number, field: string) =>
  field.startsWith("measurements.")
    ? `lot-${row}-m-${field.slice(13)}`
    : `lot-${row}-${{ householdId: "hh", grossKg: "gross", tareKg: "tare", grade: "grade" }[field] ?? field}`;

/** Errors after lot `removed` move up one row with the lots they belong to. */
function withoutRow(errors: FieldErrors | undefined, removed: number): FieldErrors | undefined {
  if (!errors) return errors;
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^lots\.(\d+)\.(.+)$/.exec(k);
    if (!m) out[k] = v;
    else if (Number(m[1]) < removed) out[k] = v;
    else if (Number(m[1]) > removed) out[`lots.${Number(m[1]) - 1}.${m[2]}`] = v;
  }
  return out;
}

function withoutKey(errors: FieldErrors | undefined, key: string): FieldErrors | undefined {
  if (!errors?.[key]) return errors;
  const { [key]: _gone, ...rest } = errors;
  return rest;
}

export function PickupForm(p: PickupFormProps) {
  const t = useT();
  const navigate = useNavigate();
  const storageKey = `caunoi:pickup-draft:${p.contractId}`;
  const initial: Draft = p.posted
    ? { ...p.posted, clientKey: p.posted.clientKey || p.clientKey, lots: withKeys(p.posted.lots.length ? p.posted.lots : [emptyLot()]) }
    : {
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
  const [status, setStatus] = useState<"idle" | "sending" | "offline" | "queued">("idle");
  const [errors, setErrors] = useState<FieldErrors | undefined>(p.errors);
  // Unlikely nets waiting for "Vẫn lưu"; any change to the form asks again.
  const [pending, setPending] = useState<NetWarning[] | null>(null);
  const [removed, setRemoved] = useState<{ index: number; lot: Lot } | null>(null);
  const loaded = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    const saved = window.localStorage.getItem(storageKey);
    if (saved && !p.posted) {
      try {
        const d = JSON.parse(saved) as Draft;
        setDraft({ ...d, lots: withKeys(d.lots) });
        setRestored(true);
      } catch {
        window.localStorage.removeItem(storageKey);
      }
    } else if (!p.posted) {
      // The page may come from the offline cache, with the key of a pickup already sent from it.
      setDraft((d) => ({ ...d, clientKey: newClientKey() }));
    }
    loaded.current = true;
  }, [storageKey, p.posted]);

  // Fetch the schema while the person types, so the first tap on "save" does not wait for it.
  useEffect(() => {
    void loadPickupSchema();
  }, []);

  useEffect(() => {
    if (loaded.current) window.localStorage.setItem(storageKey, JSON.stringify(draft));
    setPending(null);
  }, [draft, storageKey]);

  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const price = useMemo(() => new Map(p.grades.map((g) => [g.code, g.priceVndPerKg])), [p.grades]);
  const names = useMemo(() => new Map(p.households.map((h) => [h.id, h.headName])), [p.households]);
  const num = (n: number, d = 3) => formatNumber(n, d, t.locale);
  const lotName = (row: number) => t("pickup.lotN", { n: row + 1 });

  const figures = draft.lots.map((l) => {
    const gross = typedKg(l.grossKg);
    const tare = typedKg(l.tareKg) ?? (l.tareKg.trim() === "" ? 0 : null);
    const net = gross !== null && tare !== null ? Math.round((gross - tare) * 1000) / 1000 : null;
    const unit = price.get(l.grade.toUpperCase());
    // A net of zero or less is an error on the row, never a figure in the totals.
    const valid = net !== null && net > 0;
    return { net, valid, amount: valid && unit !== undefined ? lotAmountVnd(kgToGrams(net), unit) : null };
  });
  const perHousehold = new Map<string, { lots: number; kg: number; vnd: number }>();
  draft.lots.forEach((l, i) => {
    const f = figures[i];
    if (!l.householdId || !f.valid) return;
    const cur = perHousehold.get(l.householdId) ?? { lots: 0, kg: 0, vnd: 0 };
    perHousehold.set(l.householdId, { lots: cur.lots + 1, kg: cur.kg + f.net!, vnd: cur.vnd + (f.amount ?? 0) });
  });
  const total = [...perHousehold.values()].reduce((s, x) => ({ lots: s.lots + x.lots, kg: s.kg + x.kg, vnd: s.vnd + x.vnd }), { lots: 0, kg: 0, vnd: 0 });

  const warnings = (): NetWarning[] =>
    netWarnings(
      draft.lots.map((l, row) => ({ row, householdId: l.householdId, netKg: figures[row].net ?? 0 })),
      (id) => p.lotBoundsKg[id] ?? p.defaultLotBoundKg,
    );

  /** A field's errors: what the checks said, and a net at or below zero as soon as it is typed. */
  const fieldErrors = (row: number, field: string): string[] => {
    const list = errors?.[`lots.${row}.${field}`] ?? [];
    const f = figures[row];
    if (field === "tareKg" && f.net !== null && !f.valid && !list.includes("error.netNotPositive")) return [...list, "error.netNotPositive"];
    return list;
  };
  const rowFields = [...LOT_FIELDS, ...p.measures.map((m) => `measurements.${m.key}`)];
  const fieldName = (field: string): string => {
    if (field.startsWith("measurements.")) {
      const def = p.measures.find((m) => m.key === field.slice(13));
      return def ? measureLabel(def, t.locale) : field.slice(13);
    }
    return { householdId: t("household.one"), grossKg: t("pickup.grossKg"), tareKg: t("pickup.tareKg"), grade: t("grade.code") }[field] ?? field;
  };

  const setLot = (i: number, patch: Partial<Lot>, field: string) => {
    setErrors((e) => withoutKey(e, `lots.${i}.${field}`));
    setDraft((d) => ({ ...d, lots: d.lots.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  };
  const setTop = (patch: Partial<Draft>, field: string) => {
    setErrors((e) => withoutKey(e, field));
    setDraft((d) => ({ ...d, ...patch }));
  };
  const addLot = () => {
    focusAfter.current = `lot-${draft.lots.length}-hh`;
    setDraft((d) => ({ ...d, lots: [...d.lots, emptyLot()] }));
  };
  const removeLot = (i: number) => {
    setRemoved({ index: i, lot: draft.lots[i] });
    setErrors((e) => withoutRow(e, i));
    setDraft((d) => ({ ...d, lots: d.lots.filter((_, j) => j !== i) }));
  };
  const undoRemove = () => {
    if (!removed) return;
    setDraft((d) => ({ ...d, lots: [...d.lots.slice(0, removed.index), removed.lot, ...d.lots.slice(removed.index)] }));
    setErrors((e) => {
      if (!e) return e;
      const out: FieldErrors = {};
      for (const [k, v] of Object.entries(e)) {
        const m = /^lots\.(\d+)\.(.+)$/.exec(k);
        out[m && Number(m[1]) >= removed.index ? `lots.${Number(m[1]) + 1}.${m[2]}` : k] = v;
      }
      return out;
    });
    focusAfter.current = `lot-${removed.index}-hh`;
    setRemoved(null);
  };

  const showErrors = (e: FieldErrors) => {
    setErrors(e);
    focusAfter.current = "pk-summary";
  };

  async function send(form: HTMLFormElement) {
    if (status === "sending") return; // a double tap sends once
    setStatus("sending");
    setPending(null);
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) body.append(k, String(v));
    const result = await sendPickup(body);
    if (result.kind === "sent") {
      window.localStorage.removeItem(storageKey);
      navigate(`/pickups/${result.pickupId}`);
      return;
    }
    if (result.kind === "refused") {
      showErrors(result.errors);
      setStatus("idle");
    } else if (result.kind === "queued") {
      // Kept in the queue: the form is free for the next pickup.
      setRestored(false);
      setDraft((d) => ({ ...d, clientKey: newClientKey(), vehicle: "", lots: [emptyLot(), emptyLot(), emptyLot()] }));
      setStatus("queued");
    } else setStatus("offline");
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    // The server's own schema, on the phone: every problem shows at once, before anything is sent.
    // Without it (its script could not load), the server checks and the refusal shows as usual.
    const schema = await loadPickupSchema();
    const checked = schema ? parseWith(schema, pickupFormValues(formToObject(new FormData(form)))) : null;
    if (checked && !checked.ok) {
      showErrors(checked.errors);
      return;
    }
    setErrors(undefined);
    const unlikely = warnings();
    if (unlikely.length) {
      setPending(unlikely);
      focusAfter.current = "pk-warnings";
      return;
    }
    void send(form);
  }

  // Every error in the order of the form, each a link to its field.
  const summary: { id: string | null; text: string }[] = [];
  const message = (keys: string[]) => [...new Set(keys)].map((k) => t.dynamic(k)).join(" ");
  // The fields above the lots: where each error links to, and what it is called.
  const topFields: Record<string, [string | null, string] | undefined> = {
    date: ["pk-date", t("pickup.date")],
    collectionPoint: ["pk-point", t("pickup.collectionPoint")],
    vehicle: ["pk-vehicle", t("pickup.vehicle")],
    staffName: ["pk-staff", t("pickup.staff")],
    witnesses: ["pk-witnesses", t("pickup.witnesses")],
    lots: ["pk-lots", t("pickup.lots")],
    clientKey: [null, t("pickup.clientKey")],
  };
  for (const k of TOP_FIELDS) {
    const list = errors?.[k];
    if (!list?.length) continue;
    const w = topFields[k];
    summary.push({ id: w?.[0] ?? null, text: w ? t("pickup.errorAt", { where: w[1], message: message(list) }) : message(list) });
  }
  draft.lots.forEach((_, row) => {
    for (const f of rowFields) {
      const list = errors ? fieldErrors(row, f) : [];
      if (list.length) summary.push({ id: fieldId(row, f), text: t("pickup.errorAt", { where: `${lotName(row)} · ${fieldName(f)}`, message: message(list) }) });
    }
  });
  // Errors the form has no field for (a measure the product no longer defines) still show.
  for (const [k, list] of Object.entries(errors ?? {})) {
    const m = /^lots\.(\d+)\.(.+)$/.exec(k);
    if (m && (!rowFields.includes(m[2]) || Number(m[1]) >= draft.lots.length))
      summary.push({ id: null, text: t("pickup.errorAt", { where: `${lotName(Number(m[1]))} · ${fieldName(m[2])}`, message: message(list) }) });
  }

  const topError = (k: string) =>
    errors?.[k]?.length ? (
      <p className="field-error" id={`pk-${k}-err`}>
        {message(errors[k])}
      </p>
    ) : null;
  // A phone's second line: gross, tare, the measures, the net (at least four columns wide).
  const cols = Math.max(4, 3 + p.measures.length);
  const warningFor = (row: number) => pending?.find((w) => w.row === row);
  const warningText = (w: NetWarning) =>
    t(w.kind === "aboveBound" ? "pickup.warnAboveBound" : "pickup.warnAboveMedian", {
      lot: lotName(w.row),
      household: names.get(draft.lots[w.row]?.householdId) ?? "—",
      net: num(figures[w.row]?.net ?? 0),
      limit: num(w.limitKg, 0),
    });

  return (
    <Form method="post" onSubmit={(e) => void submit(e)} noValidate className="pickup-form" ref={formRef}>
      <CsrfInput />
      <OfflineQueue contractId={p.contractId} />
      <input type="hidden" name="contractId" value={p.contractId} />
      <input type="hidden" name="clientKey" value={draft.clientKey} />
      {restored ? (
        <p className="alert alert-ok" role="status">
          {t("pickup.restored")}
        </p>
      ) : null}
      {status === "queued" ? (
        <p className="alert alert-ok" role="status">
          {t("offline.queued")}
        </p>
      ) : null}
      {status === "offline" ? (
        <p className="alert alert-error" role="alert">
          {t("pickup.offline")}
        </p>
      ) : null}
      {summary.length ? (
        <div className="alert alert-error error-summary" role="alert" id="pk-summary" tabIndex={-1}>
          <p>
            <strong>{t("pickup.errorSummary", { n: summary.length })}</strong>
          </p>
          <ul>
            {summary.map((s, i) => (
              <li key={i}>
                {s.id ? (
                  <a
                    href={`#${s.id}`}
                    onClick={(e) => {
                      const el = document.getElementById(s.id!);
                      if (!el) return;
                      e.preventDefault();
                      el.focus();
                      el.scrollIntoView({ block: "center" });
                    }}
                  >
                    {s.text}
                  </a>
                ) : (
                  s.text
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="row">
        <div className="field">
          <label htmlFor="pk-date">{t("pickup.date")}</label>
          <input
            id="pk-date"
            type="date"
            name="date"
            value={draft.date}
            max={p.today}
            aria-invalid={errors?.date ? true : undefined}
            aria-describedby={errors?.date ? "pk-date-err" : undefined}
            onChange={(e) => setTop({ date: e.target.value }, "date")}
          />
          {topError("date")}
        </div>
        <div className="field">
          <label htmlFor="pk-point">{t("pickup.collectionPoint")}</label>
          <input
            id="pk-point"
            name="collectionPoint"
            list="pk-points"
            value={draft.collectionPoint}
            aria-invalid={errors?.collectionPoint ? true : undefined}
            aria-describedby={errors?.collectionPoint ? "pk-collectionPoint-err" : undefined}
            onChange={(e) => setTop({ collectionPoint: e.target.value }, "collectionPoint")}
          />
          <datalist id="pk-points">
            {p.collectionPoints.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          {topError("collectionPoint")}
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
            aria-invalid={errors?.vehicle ? true : undefined}
            aria-describedby={errors?.vehicle ? "pk-vehicle-err" : undefined}
            onChange={(e) => setTop({ vehicle: e.target.value }, "vehicle")}
          />
          {topError("vehicle")}
        </div>
        <div className="field">
          <label htmlFor="pk-staff">{t("pickup.staff")}</label>
          <input
            id="pk-staff"
            name="staffName"
            value={draft.staffName}
            aria-invalid={errors?.staffName ? true : undefined}
            aria-describedby={errors?.staffName ? "pk-staffName-err" : undefined}
            onChange={(e) => setTop({ staffName: e.target.value }, "staffName")}
          />
          {topError("staffName")}
        </div>
      </div>

      <fieldset className="rows" id="pk-witnesses" tabIndex={-1}>
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
                onChange={(e) => setTop({ witnesses: e.target.checked ? [...draft.witnesses, h.id] : draft.witnesses.filter((w) => w !== h.id) }, "witnesses")}
              />
              {h.headName}
            </label>
          ))}
        </div>
        {draft.witnesses.length === 0 ? <p className="field-error">{t("pickup.noWitnessWarning")}</p> : null}
        {topError("witnesses")}
      </fieldset>

      <h2 id="pk-lots" tabIndex={-1}>
        {t("pickup.lots")}
      </h2>
      <p className="hint">{t("pickup.lotsHint")}</p>
      {topError("lots")}
      <table className="lots-table" style={{ ["--lot-grid" as string]: `repeat(${cols - 1}, minmax(0, 1fr)) minmax(4.6rem, 1.2fr)` }}>
        <thead>
          <tr className="lot-line">
            <th className="c-n" scope="col">
              {t("pickup.lotNo")}
            </th>
            <th className="c-hh" scope="col">
              {t("household.one")}
            </th>
            <th className="c-num" scope="col">
              {t("pickup.grossKg")}
            </th>
            <th className="c-num" scope="col">
              {t("pickup.tareKg")}
            </th>
            {p.measures.map((m) => (
              <th className="c-num" scope="col" key={m.key}>
                {measureLabel(m, t.locale)}
              </th>
            ))}
            <th className="c-grade" scope="col">
              {t("grade.code")}
            </th>
            <th className="c-net num" scope="col">
              {t("pickup.netShort")}
            </th>
            <th className="c-del" scope="col">
              <span className="sr-only">{t("common.remove")}</span>
            </th>
          </tr>
        </thead>
        {draft.lots.map((l, i) => {
          const f = figures[i];
          const rowErrs = rowFields.flatMap((fld) => fieldErrors(i, fld).map((k) => ({ fld, k })));
          const warn = warningFor(i);
          const invalid = (fld: string) => (fieldErrors(i, fld).length ? true : undefined);
          const describedBy = (fld: string) => (fieldErrors(i, fld).length ? `lot-${i}-err` : warn ? `lot-${i}-warn` : undefined);
          return (
            <tbody key={l.key} className={`lot-row${rowErrs.length ? " has-error" : ""}${warn ? " has-warning" : ""}`} aria-label={lotName(i)}>
              <tr className="lot-line">
                <th className="c-n" scope="row">
                  {i + 1}
                </th>
                <td className="c-hh">
                  <label htmlFor={`lot-${i}-hh`} className="sr-only">
                    {t("household.one")}
                  </label>
                  <span className="lot-n-sm" aria-hidden="true">
                    {i + 1}
                  </span>
                  <select
                    id={`lot-${i}-hh`}
                    name="lot.householdId"
                    value={l.householdId}
                    aria-invalid={invalid("householdId")}
                    aria-describedby={describedBy("householdId")}
                    onChange={(e) => setLot(i, { householdId: e.target.value }, "householdId")}
                  >
                    <option value="">{t("common.choose")}</option>
                    {p.households.map((h) => (
                      <option key={h.id} value={h.id}>
                        {h.headName}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="c-num">
                  <label htmlFor={`lot-${i}-gross`} className="sr-only">
                    {t("pickup.grossKg")}
                  </label>
                  <input
                    id={`lot-${i}-gross`}
                    name="lot.grossKg"
                    inputMode="decimal"
                    autoComplete="off"
                    value={l.grossKg}
                    aria-invalid={invalid("grossKg")}
                    aria-describedby={describedBy("grossKg")}
                    onChange={(e) => setLot(i, { grossKg: e.target.value }, "grossKg")}
                  />
                </td>
                <td className="c-num">
                  <label htmlFor={`lot-${i}-tare`} className="sr-only">
                    {t("pickup.tareKg")}
                  </label>
                  <input
                    id={`lot-${i}-tare`}
                    name="lot.tareKg"
                    inputMode="decimal"
                    autoComplete="off"
                    value={l.tareKg}
                    aria-invalid={invalid("tareKg")}
                    aria-describedby={describedBy("tareKg")}
                    onChange={(e) => setLot(i, { tareKg: e.target.value }, "tareKg")}
                  />
                </td>
                {p.measures.map((m) => {
                  const fld = `measurements.${m.key}`;
                  const id = fieldId(i, fld);
                  const onChange = (value: string) => setLot(i, { m: { ...l.m, [m.key]: value } }, fld);
                  return (
                    <td className="c-num" key={m.key}>
                      <label htmlFor={id} className="sr-only">
                        {measureLabel(m, t.locale)}
                      </label>
                      {m.options ? (
                        <select
                          id={id}
                          name={`lot.m.${m.key}`}
                          value={l.m[m.key] ?? ""}
                          aria-invalid={invalid(fld)}
                          aria-describedby={describedBy(fld)}
                          onChange={(e) => onChange(e.target.value)}
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
                          id={id}
                          name={`lot.m.${m.key}`}
                          inputMode={m.type === "text" ? "text" : "decimal"}
                          autoComplete="off"
                          value={l.m[m.key] ?? ""}
                          aria-invalid={invalid(fld)}
                          aria-describedby={describedBy(fld)}
                          onChange={(e) => onChange(e.target.value)}
                        />
                      )}
                    </td>
                  );
                })}
                <td className="c-grade">
                  <label htmlFor={`lot-${i}-grade`} className="sr-only">
                    {t("grade.code")}
                  </label>
                  <select
                    id={`lot-${i}-grade`}
                    name="lot.grade"
                    value={l.grade}
                    aria-invalid={invalid("grade")}
                    aria-describedby={describedBy("grade")}
                    onChange={(e) => setLot(i, { grade: e.target.value }, "grade")}
                  >
                    <option value="">{t("common.choose")}</option>
                    {p.grades.map((g) => (
                      <option key={g.code} value={g.code}>
                        {g.code} — {g.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="c-net num">
                  <output className={`lot-net${f.net !== null && !f.valid ? " bad" : ""}`} aria-label={`${lotName(i)} · ${t("pickup.net")}`}>
                    {f.net !== null ? `${num(f.net)} kg` : "—"}
                  </output>
                  {f.amount !== null ? <small className="lot-amount">{formatVnd(f.amount, t.locale)}</small> : null}
                </td>
                <td className="c-del">
                  <button
                    type="button"
                    className="btn btn-del"
                    aria-label={t("pickup.removeLot", { n: i + 1 })}
                    title={t("pickup.removeLot", { n: i + 1 })}
                    onClick={() => removeLot(i)}
                  >
                    ✕
                  </button>
                </td>
              </tr>
              {rowErrs.length || warn ? (
                <tr className="lot-note">
                  <td colSpan={6 + p.measures.length}>
                    {rowErrs.length ? (
                      <p className="field-error" id={`lot-${i}-err`}>
                        {rowFields
                          .filter((fld) => fieldErrors(i, fld).length)
                          .map((fld) => `${fieldName(fld)}: ${message(fieldErrors(i, fld))}`)
                          .join(" · ")}
                      </p>
                    ) : null}
                    {warn ? (
                      <p className="warn-text" id={`lot-${i}-warn`}>
                        {warningText(warn)}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
      </table>
      <div className="actions lot-actions">
        <button type="button" className="btn" onClick={addLot}>
          {t("pickup.addLot")}
        </button>
        {removed ? (
          <p role="status" className="removed-note">
            {t("pickup.removed", { n: removed.index + 1 })}{" "}
            <button type="button" className="btn btn-small" onClick={undoRemove}>
              {t("pickup.undo")}
            </button>
          </p>
        ) : null}
      </div>

      <section className="card totals" aria-live="polite">
        <h2>{t("pickup.totals")}</h2>
        <div className="table-wrap">
          <table className="table">
            <tbody>
              {[...perHousehold].map(([id, x]) => (
                <tr key={id}>
                  <td>
                    {names.get(id)} <span className="muted">· {t("pickup.lotCount", { n: x.lots })}</span>
                  </td>
                  <td className="num">{num(x.kg)} kg</td>
                  <td className="num">{formatVnd(x.vnd, t.locale)}</td>
                </tr>
              ))}
              <tr className="total-row">
                <td>{t("pickup.pickupTotal", { n: total.lots })}</td>
                <td className="num">{num(total.kg)} kg</td>
                <td className="num">{formatVnd(total.vnd, t.locale)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      {pending?.length ? (
        <div className="alert alert-warn" role="alert" id="pk-warnings" tabIndex={-1}>
          <p>
            <strong>{t("pickup.warnTitle")}</strong> {t("pickup.warnIntro")}
          </p>
          <ul>
            {pending.map((w) => (
              <li key={w.row}>{warningText(w)}</li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => formRef.current && void send(formRef.current)}>
              {t("pickup.confirmSave")}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                document.getElementById(`lot-${pending[0].row}-gross`)?.focus();
                setPending(null);
              }}
            >
              {t("pickup.fixFirst")}
            </button>
          </div>
        </div>
      ) : null}
      <button type="submit" className="btn btn-primary btn-block" disabled={status === "sending"}>
        {status === "offline" ? t("pickup.retry") : t("pickup.submit")}
      </button>
    </Form>
  );
}
