// Handmade SVG charts: no chart library, readable on a 360 px phone, printable, and
// accessible (<title>/<desc>; the page always puts the same numbers in a table next to it).

export type TrendPoint = { name: string; area: number; tonnes: number; continuance: number | null };

type Props = {
  id: string;
  points: TrendPoint[];
  title: string;
  desc: string;
  labels: { area: string; tonnes: string; continuance: string };
  format: { area: (n: number) => string; tonnes: (n: number) => string; rate: (n: number) => string };
};

const W = 340;
const H = 250;
const X0 = 4;
const X1 = W - 36; // right margin: the percentage axis of the continuance panel
const LINE = { top: 18, bottom: 70 }; // continuance panel (0–100%)
const BARS = { top: 96, bottom: 212 }; // bars panel; season names below it

/** Drops the words every season name shares ("Vụ cà phê 2023–2024" → "2023–2024", "Vụ xuân 2025" → "Xuân 2025"). */
export function shortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  const words = names.map((n) => n.split(" "));
  let common = 0;
  while (words.every((w) => w.length > common + 1 && w[common] === words[0][common])) common++;
  return words.map((w) => {
    const rest = w.slice(common).join(" ");
    return rest.charAt(0).toLocaleUpperCase("vi") + rest.slice(1);
  });
}

/**
 * Two panels sharing the season axis: contract continuance as a line (0–100%) on top, and
 * below it bars of area and delivered volume per season, each series on its own scale with
 * its values written on the bars (there is no common unit to put on an axis).
 */
export function TrendChart({ id, points, title, desc, labels, format }: Props) {
  const n = Math.max(points.length, 1);
  const slot = (X1 - X0) / n;
  const barW = Math.min(26, slot * 0.34);
  const maxArea = Math.max(...points.map((p) => p.area), 0) || 1;
  const maxTonnes = Math.max(...points.map((p) => p.tonnes), 0) || 1;
  const x = (i: number) => X0 + slot * (i + 0.5);
  const yRate = (r: number) => LINE.bottom - r * (LINE.bottom - LINE.top);
  const barH = (v: number, max: number) => (v / max) * (BARS.bottom - BARS.top);
  const names = shortNames(points.map((p) => p.name));
  const font = slot < 60 ? 10 : 12;
  const valueLabels = slot >= 50; // too narrow: the numbers stay in the table and the tooltips

  // The continuance line breaks where a season has no previous pairs.
  const segments: string[] = [];
  let current = "";
  points.forEach((p, i) => {
    if (p.continuance === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${x(i).toFixed(1)},${yRate(p.continuance).toFixed(1)}`;
  });
  if (current) segments.push(current);

  return (
    <svg className="trend-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} id={id}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {[0, 1].map((r) => (
        <g key={r} className="axis">
          <line x1={X0} x2={X1} y1={yRate(r)} y2={yRate(r)} />
          <text x={X1 + 4} y={yRate(r) + 3}>
            {format.rate(r)}
          </text>
        </g>
      ))}
      {segments.map((d) => (
        <path key={d} className="line-continuance" d={d} />
      ))}
      {points.map((p, i) =>
        p.continuance === null ? null : (
          <g key={p.name}>
            <circle className="dot-continuance" cx={x(i)} cy={yRate(p.continuance)} r={3.5}>
              <title>{`${p.name} — ${labels.continuance}: ${format.rate(p.continuance)}`}</title>
            </circle>
            {valueLabels ? (
              <text className="dot-label" x={x(i)} y={yRate(p.continuance) + (p.continuance > 0.5 ? 14 : -7)} fontSize={font - 1}>
                {format.rate(p.continuance)}
              </text>
            ) : null}
          </g>
        ),
      )}
      {points.map((p, i) => {
        const ha = barH(p.area, maxArea);
        const tn = barH(p.tonnes, maxTonnes);
        return (
          <g key={p.name}>
            <rect className="bar-area" x={x(i) - barW - 1} y={BARS.bottom - ha} width={barW} height={ha}>
              <title>{`${p.name} — ${labels.area}: ${format.area(p.area)}`}</title>
            </rect>
            <rect className="bar-tonnes" x={x(i) + 1} y={BARS.bottom - tn} width={barW} height={tn}>
              <title>{`${p.name} — ${labels.tonnes}: ${format.tonnes(p.tonnes)}`}</title>
            </rect>
            {valueLabels ? (
              <>
                <text className="bar-label" x={x(i) - barW / 2 - 1} y={BARS.bottom - ha - 3} fontSize={font - 1}>
                  {format.area(p.area)}
                </text>
                <text className="bar-label" x={x(i) + barW / 2 + 1} y={BARS.bottom - tn - 3} fontSize={font - 1}>
                  {format.tonnes(p.tonnes)}
                </text>
              </>
            ) : null}
            <text className="season-label" x={x(i)} y={BARS.bottom + 16} fontSize={font}>
              {names[i]}
            </text>
          </g>
        );
      })}
      <line className="baseline" x1={X0} x2={X1} y1={BARS.bottom} y2={BARS.bottom} />
    </svg>
  );
}

export function ChartLegend({ labels }: { labels: Props["labels"] }) {
  return (
    <ul className="chart-legend">
      <li>
        <span className="swatch bar-area" aria-hidden="true" /> {labels.area}
      </li>
      <li>
        <span className="swatch bar-tonnes" aria-hidden="true" /> {labels.tonnes}
      </li>
      <li>
        <span className="swatch line-continuance" aria-hidden="true" /> {labels.continuance}
      </li>
    </ul>
  );
}
