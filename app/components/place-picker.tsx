// Where a group or organisation is: a select of the 34 provinces, and a box that narrows the
// chosen province's communes as one types, with or without diacritics ("huong phung" finds
// "Xã Hướng Phùng"), by keyboard or touch (the ARIA combobox pattern). Picking a commune sends
// its code (communeCode); without JavaScript, or typed and sent without picking, the server
// reads the words typed within the province (app/domain/place-form.server.ts).
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import type { PlaceOption } from "~/domain/place-form.server";
import { foldVi, matchesTyped } from "~/domain/places/fold";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/utils/forms";
import { fieldValue } from "./form";

// A province's communes (at most 168), fetched once per page whatever the number of pickers.
const lists = new Map<string, Promise<PlaceOption[]>>();
function communesOf(province: string): Promise<PlaceOption[]> {
  let list = lists.get(province);
  if (!list) {
    list = fetch(`/places/communes?province=${encodeURIComponent(province)}`).then((r) => {
      if (!r.ok) throw new Error(`communes ${r.status}`);
      return r.json() as Promise<PlaceOption[]>;
    });
    // A failed load is tried again next time rather than remembered.
    list.catch(() => lists.delete(province));
    lists.set(province, list);
  }
  return list;
}

/** How many matches the list shows: a phone's screen, and typing narrows the rest. */
const SHOWN = 40;

function Messages({ id, list }: { id: string; list: string[] }) {
  const t = useT();
  if (!list.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {list.map((k) => t.dynamic(k)).join(" ")}
    </p>
  );
}

export function PlacePicker({
  provinces,
  values,
  errors,
  required,
  communeHint,
  former,
}: {
  provinces: PlaceOption[];
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  /** "commune": a farmer group; "province": an authority; "none": any other organisation. */
  required: "commune" | "province" | "none";
  communeHint?: string;
  /** Where the record was before July 2025 (formerLine), shown under the pickers. */
  former?: string | null;
}) {
  const t = useT();
  const id = useId();
  const [province, setProvince] = useState(() => fieldValue(values, "provinceCode", ""));
  const [text, setText] = useState(() => fieldValue(values, "commune", ""));
  const [code, setCode] = useState(() => fieldValue(values, "communeCode", ""));
  const [list, setList] = useState<PlaceOption[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The list's state is said only once the page runs here: without JavaScript there is no list.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  useEffect(() => {
    setList(null);
    setFailed(false);
    if (!province) return;
    let current = true;
    communesOf(province).then(
      (l) => current && setList(l),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [province]);

  // Names that begin with what was typed come first ("tan" → "Xã Tân Xuân" before "Xã Mường Tấn").
  const matches = useMemo(() => {
    if (!list) return [];
    const typed = foldVi(text);
    const hits = list.filter((c) => matchesTyped(c.name, text));
    const starts = (n: string) =>
      foldVi(n)
        .replace(/^(xa|phuong|dac khu) /, "")
        .startsWith(typed);
    return [...hits.filter((c) => starts(c.name)), ...hits.filter((c) => !starts(c.name))];
  }, [list, text]);
  const shown = matches.slice(0, SHOWN);
  const expanded = open && !!province && shown.length > 0 && !(shown.length === 1 && shown[0].code === code);

  const optionId = (i: number) => `${id}-opt-${i}`;
  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
    // optionId only joins the stable id and the index.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  const pick = (c: PlaceOption) => {
    setText(c.name);
    setCode(c.code);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, shown.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter" && expanded) {
      // Enter picks the highlighted commune, or the only one left, instead of sending the form.
      const c = active >= 0 ? shown[active] : shown.length === 1 ? shown[0] : null;
      if (c) {
        e.preventDefault();
        pick(c);
      }
    } else if (e.key === "Escape" && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const provinceErrors = errors?.provinceCode ?? [];
  // The hidden code's own errors (a code that is not one) show under the box it came from.
  const communeErrors = [...(errors?.commune ?? []), ...(errors?.communeCode ?? [])];
  const ids = {
    province: `${id}-province`,
    provinceErr: `${id}-province-err`,
    commune: `${id}-commune`,
    communeErr: `${id}-commune-err`,
    hint: `${id}-commune-hint`,
    status: `${id}-commune-status`,
    list: `${id}-communes`,
  };
  const status = (() => {
    if (!live) return null;
    if (!province) return t("place.chooseProvinceFirst");
    if (failed) return null;
    if (!list) return t("place.loading");
    if (open && text && !matches.length) return t("place.noMatch", { value: text });
    if (expanded && matches.length > SHOWN) return t("place.more", { n: matches.length - SHOWN });
    return null;
  })();

  return (
    <div className="place-picker">
      <div className="row">
        <div className="field">
          <label htmlFor={ids.province}>{t("place.province")}</label>
          <select
            id={ids.province}
            name="provinceCode"
            value={province}
            required={required !== "none"}
            aria-invalid={provinceErrors.length ? true : undefined}
            aria-describedby={provinceErrors.length ? ids.provinceErr : undefined}
            onChange={(e) => {
              setProvince(e.target.value);
              setText("");
              setCode("");
              setActive(-1);
            }}
          >
            <option value="">{required === "none" ? t("place.noProvince") : t("place.chooseProvince")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
          <Messages id={ids.provinceErr} list={provinceErrors} />
        </div>
        <div className="field">
          <label htmlFor={ids.commune}>{t("place.commune")}</label>
          <div className="place-box">
            <input
              id={ids.commune}
              name="commune"
              type="text"
              value={text}
              required={required === "commune"}
              autoComplete="off"
              spellCheck={false}
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={expanded}
              aria-controls={ids.list}
              aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
              aria-invalid={communeErrors.length ? true : undefined}
              aria-describedby={[communeErrors.length ? ids.communeErr : "", communeHint ? ids.hint : "", ids.status].join(" ").trim()}
              onChange={(e) => {
                setText(e.target.value);
                setCode("");
                setOpen(true);
                setActive(-1);
              }}
              onFocus={(e) => {
                setOpen(true);
                // On a phone the keyboard takes the lower half: the box goes up so the list has room.
                if (window.matchMedia("(max-width: 700px)").matches)
                  (e.currentTarget.closest(".field") ?? e.currentTarget).scrollIntoView({ block: "start", behavior: "smooth" });
              }}
              onClick={() => setOpen(true)}
              onBlur={() => {
                setOpen(false);
                setActive(-1);
              }}
              onKeyDown={onKeyDown}
            />
            <input type="hidden" name="communeCode" value={code} />
            <ul id={ids.list} role="listbox" aria-label={t("place.commune")} className="place-list" hidden={!expanded}>
              {shown.map((c, i) => (
                <li
                  key={c.code}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active || c.code === code}
                  className={i === active ? "active" : undefined}
                  // Keeps the focus in the box, so picking with a finger or a mouse does not close the list first.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(c)}
                >
                  {c.name}
                </li>
              ))}
            </ul>
          </div>
          {communeHint ? (
            <small id={ids.hint} className="hint">
              {communeHint}
            </small>
          ) : null}
          <small id={ids.status} className="hint" role="status">
            {status}
          </small>
          <Messages id={ids.communeErr} list={communeErrors} />
        </div>
      </div>
      {former ? <p className="hint place-former">{t("place.former", { place: former })}</p> : null}
    </div>
  );
}
