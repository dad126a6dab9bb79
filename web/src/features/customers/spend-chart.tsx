import { useT } from '../../i18n/i18n.ts';

/** Monthly spend as SVG bars with the order count as a line: no chart library, readable on a tablet. */
export function SpendChart({ monthly, currency }: { monthly: { month: string; spendMinor: number; orders: number }[]; currency: string }) {
  const { t, format } = useT();
  const formatMoneyShort = format.moneyShort;
  // Wide and low, so the profile's first screen still shows what follows the chart.
  const w = 720, h = 140, pad = { l: 8, r: 8, t: 18, b: 24 };
  const max = Math.max(1, ...monthly.map((m) => m.spendMinor));
  const maxOrders = Math.max(1, ...monthly.map((m) => m.orders));
  const bw = (w - pad.l - pad.r) / Math.max(1, monthly.length);
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  const yo = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / maxOrders);
  const total = monthly.reduce((a, m) => a + m.spendMinor, 0);
  // Months as the reader names them ("janv. 2025", on the axis "janv. 25"), not as the API sends them ("2025-01").
  const monthName = (month: string) => format.day(`${month}-01`, { month: 'short', year: 'numeric' });
  const monthTick = (month: string) => format.day(`${month}-01`, { month: 'short', year: '2-digit' });
  const line = monthly.map((m, i) => `${i ? 'L' : 'M'}${pad.l + bw * i + bw / 2},${yo(m.orders)}`).join(' ');
  return (
    <figure className="spend-chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={t('customer.chartLabel', { months: monthly.length, total: formatMoneyShort(total, currency) })}>
        {monthly.map((m, i) => (
          <g key={m.month}>
            <rect x={pad.l + bw * i + 2} y={y(m.spendMinor)} width={Math.max(1, bw - 4)} height={h - pad.b - y(m.spendMinor)} className="bar">
              <title>{t('customer.chartBar', { month: monthName(m.month), amount: formatMoneyShort(m.spendMinor, currency), count: m.orders })}</title>
            </rect>
            {i % 3 === 0 && <text x={pad.l + bw * i + bw / 2} y={h - 8} textAnchor="middle" className="axis">{monthTick(m.month)}</text>}
          </g>
        ))}
        <path d={line} className="orders-line" fill="none" />
        <text x={pad.l} y={11} className="axis">{total ? t('customer.chartHighest', { amount: formatMoneyShort(max, currency), count: maxOrders }) : t('customer.chartEmpty')}</text>
      </svg>
      <figcaption className="muted">{t('customer.chartCaption')}</figcaption>
    </figure>
  );
}
