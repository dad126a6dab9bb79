import type { TimelineSource, TimelineEvent } from '../customers/timeline.ts';
import { productCards } from '../catalogue/queries.ts';
import { timelineRows } from './queries.ts';

const CHANNEL: Record<string, string> = { email: 'email', sms: 'SMS', whatsapp: 'WhatsApp' };

/** Looks sent to the customer, and each time they opened one or clicked one of its products. */
export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const { sent, events } = await timelineRows(db, auth.legalEntityId, customerId, page.before, page.limit);
  const clicked = [...new Set(events.flatMap((e) => (e.productId ? [e.productId] : [])))];
  const names = new Map((await productCards(db, auth.legalEntityId, clicked, null)).map((p) => [p.id, p.name]));
  return [
    ...sent.map((l): TimelineEvent => ({
      id: `look:${l.id}`, kind: 'look-shared', occurredAt: new Date(l.at).toISOString(), title: `Look shared by ${CHANNEL[l.channel] ?? l.channel}: ${l.title}`,
      ...(l.channel in CHANNEL ? { titleKey: 'lookShared' as const, titleParams: { channel: l.channel, look: l.title } } : {}),
      detail: null, actor: null, storeId: null, data: { lookId: l.id, channel: l.channel },
    })),
    ...events.map((e): TimelineEvent => ({
      id: `look-event:${e.id}`, kind: e.kind === 'view' ? 'look-viewed' : 'look-product-clicked', occurredAt: new Date(e.at).toISOString(),
      title: e.kind === 'view' ? `Opened the look "${e.title}"` : `Clicked ${names.get(e.productId ?? '') ?? 'a product'} in "${e.title}"`,
      ...lookEventTitle(e.kind, e.title, names.get(e.productId ?? '')),
      detail: null, actor: 'Customer', actorKey: 'customer', storeId: null, data: { lookId: e.lookId, productId: e.productId },
    })),
  ];
};

function lookEventTitle(kind: string, look: string, product: string | undefined): Pick<TimelineEvent, 'titleKey' | 'titleParams'> {
  if (kind === 'view') return { titleKey: 'lookOpened', titleParams: { look } };
  return product ? { titleKey: 'lookProductClicked', titleParams: { look, product } } : { titleKey: 'lookSomeProductClicked', titleParams: { look } };
}
