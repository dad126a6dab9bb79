import { useState } from 'react';
import type { Attribute, AttributeFilter, Filter } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';

function setAttr(filter: Filter, attributeId: string, patch: Partial<AttributeFilter> | null): Filter {
  const rest = (filter.attributes ?? []).filter((a) => a.attributeId !== attributeId);
  if (!patch) return { ...filter, attributes: rest };
  const current = (filter.attributes ?? []).find((a) => a.attributeId === attributeId) ?? { attributeId };
  const next: AttributeFilter = { ...current, ...patch };
  const empty = !next.values?.length && next.min === undefined && next.max === undefined && !next.from && !next.to && next.equals === undefined;
  return { ...filter, attributes: empty ? rest : [...rest, next] };
}

const num = (s: string) => (s === '' ? undefined : Number(s));

/** Filters of the client book: text search, refinable attributes (values, ranges), important dates, sort. */
export function FiltersPanel({ attributes, filter, onChange }: { attributes: Attribute[]; filter: Filter; onChange(f: Filter): void }) {
  const { t } = useT();
  const af = (id: string) => (filter.attributes ?? []).find((a) => a.attributeId === id);
  // Where the filters stack above the cards (phones, a portrait tablet) the attribute filters fold away (closed at
  // first), so the customer cards start on the first screen.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || !window.matchMedia('(max-width: 900px)').matches);
  const refinable = attributes.filter((a) => a.canBeRefined);
  const active = filter.attributes?.length ?? 0;
  return (
    <div className="filters card" role="search" aria-label={t('clientBook.filters')}>
      <label>{t('clientBook.search')}
        <input value={filter.q ?? ''} onChange={(e) => onChange({ ...filter, q: e.target.value || undefined })} />
      </label>
      <label>{t('clientBook.sortBy')}
        <select value={filter.sort ?? 'recent'} onChange={(e) => onChange({ ...filter, sort: e.target.value as Filter['sort'] })}>
          <option value="recent">{t('clientBook.sortRecent')}</option>
          <option value="name">{t('clientBook.sortName')}</option>
          <option value="upcoming">{t('clientBook.sortUpcoming')}</option>
        </select>
      </label>
      <label>{t('clientBook.withinDays')}
        <input type="number" min={0} max={366} value={filter.upcomingDays ?? ''} onChange={(e) => onChange({ ...filter, upcomingDays: num(e.target.value) })} />
      </label>
      {refinable.length > 0 && (
      <details className="more-filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{active ? t('clientBook.attributeFiltersActive', { count: active }) : t('clientBook.attributeFilters')}</summary>
      <div className="more-filters-body">
      {refinable.map((a) => (
        <fieldset key={a.id}>
          <legend>{a.name}</legend>
          {a.dataType === 'list' && a.listValues.map((v) => (
            <label key={v} className="inline">
              <input type="checkbox" checked={!!af(a.id)?.values?.includes(v)} onChange={(e) => {
                const values = new Set(af(a.id)?.values ?? []);
                if (e.target.checked) values.add(v); else values.delete(v);
                onChange(setAttr(filter, a.id, { values: [...values] }));
              }} /> {v}
            </label>
          ))}
          {a.dataType === 'text' && (
            <input aria-label={a.name} value={af(a.id)?.values?.[0] ?? ''} onChange={(e) => onChange(setAttr(filter, a.id, { values: e.target.value ? [e.target.value] : [] }))} />
          )}
          {a.dataType === 'number' && (
            <div className="row">
              <input aria-label={t('clientBook.from', { name: a.name })} type="number" style={{ width: '6rem' }} value={af(a.id)?.min ?? ''} onChange={(e) => onChange(setAttr(filter, a.id, { min: num(e.target.value) }))} />
              <input aria-label={t('clientBook.to', { name: a.name })} type="number" style={{ width: '6rem' }} value={af(a.id)?.max ?? ''} onChange={(e) => onChange(setAttr(filter, a.id, { max: num(e.target.value) }))} />
            </div>
          )}
          {a.dataType === 'date' && (
            <div className="row">
              <input aria-label={t('clientBook.from', { name: a.name })} type="date" value={af(a.id)?.from ?? ''} onChange={(e) => onChange(setAttr(filter, a.id, { from: e.target.value || undefined }))} />
              <input aria-label={t('clientBook.to', { name: a.name })} type="date" value={af(a.id)?.to ?? ''} onChange={(e) => onChange(setAttr(filter, a.id, { to: e.target.value || undefined }))} />
            </div>
          )}
          {a.dataType === 'boolean' && (
            <select aria-label={a.name} value={af(a.id)?.equals === undefined ? '' : String(af(a.id)!.equals)}
              onChange={(e) => onChange(setAttr(filter, a.id, { equals: e.target.value === '' ? undefined : e.target.value === 'true' }))}>
              <option value="">{t('clientBook.any')}</option><option value="true">{t('clientBook.yes')}</option><option value="false">{t('clientBook.no')}</option>
            </select>
          )}
        </fieldset>
      ))}
      </div>
      </details>
      )}
      <button className="secondary" onClick={() => onChange({ sort: filter.sort })}>{t('clientBook.clearFilters')}</button>
    </div>
  );
}
