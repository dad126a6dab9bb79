// Small SVG charts, no chart library: bars (optionally stacked) and lines over months.
// Each chart is an <svg role="img"> with a title and a data table for screen readers.
import { monthLabel } from './format.ts';
import { useT } from '../../i18n/i18n.ts';

const W = 560;
const H = 220;
const PAD = { top: 16, right: 12, bottom: 34, left: 56 };

interface Series { key: string; label: string; color: string; values: (number | null)[] }

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= max) return m * exp;
  return 10 * exp;
}

function Axes({ months, max, format }: { months: string[]; max: number; format: (v: number) => string }) {
  const innerH = H - PAD.top - PAD.bottom;
  const innerW = W - PAD.left - PAD.right;
  const step = innerW / Math.max(1, months.length);
  const every = Math.ceil(months.length / 12);
  const { format: reader } = useT();
  return (
    <g className="axes">
      {[0, 0.25, 0.5, 0.75, 1].map((f) => {
        const y = PAD.top + innerH * (1 - f);
        return (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} className="gridline" />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="tick">{format(max * f)}</text>
          </g>
        );
      })}
      {months.map((m, i) => (i % every === 0 ? (
        <text key={m} x={PAD.left + step * i + step / 2} y={H - PAD.bottom + 16} textAnchor="middle" className="tick">{monthLabel(m, reader.locale)}</text>
      ) : null))}
    </g>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <div className="chart-legend">
      {series.map((s) => <span key={s.key}><i style={{ background: s.color }} />{s.label}</span>)}
    </div>
  );
}

function DataTable({ title, months, series, format }: { title: string; months: string[]; series: Series[]; format: (v: number) => string }) {
  const { t } = useT();
  return (
    <table className="visually-hidden">
      <caption>{title}</caption>
      <thead><tr><th>{t('performance.month')}</th>{series.map((s) => <th key={s.key}>{s.label}</th>)}</tr></thead>
      <tbody>{months.map((m, i) => <tr key={m}><td>{m}</td>{series.map((s) => <td key={s.key}>{s.values[i] === null ? '—' : format(s.values[i]!)}</td>)}</tr>)}</tbody>
    </table>
  );
}

/** Bars per month; with `stacked` the series sit on top of each other (e.g. repeat and new-customer revenue). */
export function BarChart({ title, months, series, format, stacked = false }: { title: string; months: string[]; series: Series[]; format: (v: number) => string; stacked?: boolean }) {
  const totals = months.map((_, i) => (stacked ? series.reduce((a, s) => a + (s.values[i] ?? 0), 0) : Math.max(...series.map((s) => s.values[i] ?? 0))));
  const max = niceMax(Math.max(0, ...totals));
  const innerH = H - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const barW = Math.max(2, step * 0.7);
  const y = (v: number) => PAD.top + innerH * (1 - v / max);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axes months={months} max={max} format={format} />
        {months.map((m, i) => {
          let base = 0;
          return (
            <g key={m}>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                const w = stacked ? barW : barW / series.length;
                const x = PAD.left + step * i + (step - barW) / 2 + (stacked ? 0 : w * k);
                const top = stacked ? y(base + v) : y(v);
                const height = stacked ? y(base) - y(base + v) : y(0) - y(v);
                if (stacked) base += v;
                return <rect key={s.key} x={x} y={top} width={w} height={Math.max(0, height)} fill={s.color}><title>{`${m} ${s.label}: ${format(v)}`}</title></rect>;
              })}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
      <DataTable title={title} months={months} series={series} format={format} />
    </figure>
  );
}

/** Lines per month; null values leave a gap (e.g. a rate in a month without any opportunity). */
export function LineChart({ title, months, series, format, max: fixedMax }: { title: string; months: string[]; series: Series[]; format: (v: number) => string; max?: number }) {
  const max = fixedMax ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const innerH = H - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + innerH * (1 - v / max);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axes months={months} max={max} format={format} />
        {series.map((s) => {
          const segments: string[] = [];
          let current = '';
          s.values.forEach((v, i) => {
            if (v === null) { if (current) segments.push(current); current = ''; return; }
            current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return (
            <g key={s.key}>
              {segments.map((d, k) => <path key={k} d={d} fill="none" stroke={s.color} strokeWidth={2.5} />)}
              {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3.5} fill={s.color}><title>{`${months[i]} ${s.label}: ${format(v)}`}</title></circle>))}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
      <DataTable title={title} months={months} series={series} format={format} />
    </figure>
  );
}
