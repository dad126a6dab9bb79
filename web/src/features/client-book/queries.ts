import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult, type components } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';

export type CustomerCard = components['schemas']['CustomerCard'];
export type SavedFilter = ApiResult<'/api/v1/client-book/saved-filters', 'get'>[number];
// The filter as saved: the search's fields without paging.
export type Filter = SavedFilter['filter'];
export type AttributeFilter = NonNullable<Filter['attributes']>[number];
export type Attribute = ApiResult<'/api/v1/attribute-groups', 'get'>[number]['attributes'][number];
export type Scope = 'mine' | 'store';
export type StoresChoice = NonNullable<ApiBody<'/api/v1/store-client-book/search', 'post'>['stores']>;

/** Every client book query starts with this key: adding, removing or reassigning refetches them all. */
export const clientBookKey = ['client-book'] as const;

export function useMyBook(enabled: boolean) {
  return useQuery({ queryKey: [...clientBookKey, 'mine', 'book'], enabled, queryFn: () => unwrap(client.GET('/api/v1/client-book')) });
}

/** Cards matching a filter, 50 a page. The filter is the key, so an answer only ever shows for the filter it answers. */
export function useClientBookSearch(scope: Scope, filter: Filter, stores: StoresChoice, enabled = true) {
  return useInfiniteQuery({ ...clientBookSearchOptions(scope, filter, stores), placeholderData: keepPreviousData, enabled });
}

/** Also what the offline copy loads ahead (lib/offline.tsx): the same key, so the screen finds it. */
export function clientBookSearchOptions(scope: Scope, filter: Filter, stores: StoresChoice) {
  return infiniteQueryOptions({
    queryKey: [...clientBookKey, scope, 'search', { filter, stores }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const body = { ...filter, ...(pageParam ? { cursor: pageParam } : {}), limit: 50 };
      return unwrap(scope === 'mine'
        ? client.POST('/api/v1/client-book/search', { body, signal })
        : client.POST('/api/v1/store-client-book/search', { body: { ...body, stores }, signal }));
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Birthdays and anniversaries of my client book in the next days, soonest first (the home page). */
export function useComingUp(upcomingDays: number, limit: number) {
  return useQuery({
    queryKey: [...clientBookKey, 'mine', 'coming-up', { upcomingDays, limit }],
    queryFn: () => unwrap(client.POST('/api/v1/client-book/search', { body: { upcomingDays, sort: 'upcoming', limit } })),
  });
}

export const attributeGroupsKey = ['attribute-groups'] as const;
export function useAttributeGroups() {
  return useQuery({ queryKey: attributeGroupsKey, queryFn: () => unwrap(client.GET('/api/v1/attribute-groups')) });
}

export function useSavedFilters() {
  return useQuery({ queryKey: [...clientBookKey, 'saved-filters'], queryFn: () => unwrap(client.GET('/api/v1/client-book/saved-filters')) });
}

export function useSaveFilter() {
  return useApiMutation(
    (body: ApiBody<'/api/v1/client-book/saved-filters', 'post'>) => unwrap(client.POST('/api/v1/client-book/saved-filters', { body })),
    () => [[...clientBookKey, 'saved-filters']],
  );
}

export const associatesKey = ['associates'] as const;
export function useAssociates(enabled = true) {
  return useQuery({ queryKey: associatesKey, enabled, queryFn: () => unwrap(client.GET('/api/v1/associates')) });
}

export type Removal = ApiResult<'/api/v1/client-book/remove', 'post'>;
export type Undo = Removal['undo'];

/** Removes customers, each from the book of the associate named with them; answers how many, and what "Undo" sends back. */
export function useRemoveFromBooks() {
  return useApiMutation(
    async (byOwner: Map<string, string[]>) => {
      let removed = 0;
      const undo: Undo[] = [];
      for (const [associateId, customerIds] of byOwner) {
        const r = await unwrap(client.POST('/api/v1/client-book/remove', { body: { customerIds, associateId } }));
        removed += r.removed;
        undo.push(r.undo);
      }
      return { removed, undo };
    },
    (byOwner) => [clientBookKey, ...[...byOwner.values()].flat().map(customerKey)],
  );
}

/**
 * Puts back the customers of one or more removals (each book's removal has its own token). A plain call, not a hook:
 * the app-level Undo (lib/undo.tsx) runs it after the screen that removed them may be gone.
 */
export async function undoRemovals(undo: Undo[]) {
  let restored = 0;
  const notRestored: { customerId: string; owner: string }[] = [];
  for (const u of undo) {
    const r = await unwrap(client.POST('/api/v1/client-book/remove/undo', { body: { token: u.token } }));
    restored += r.restored;
    notRestored.push(...r.notRestored);
  }
  return { restored, notRestored };
}

export type HandOverBody = ApiBody<'/api/v1/client-book/hand-over', 'post'>;
export type HandOverResult = ApiResult<'/api/v1/client-book/hand-over', 'post'>;
export function useHandOver() {
  return useApiMutation(
    (body: HandOverBody) => unwrap(client.POST('/api/v1/client-book/hand-over', { body })),
    () => [clientBookKey, associatesKey],
  );
}

/** The associates of my stores (all of them) with the size of their client books: whose book to hand over. */
export function useBookOwners(enabled = true) {
  return useQuery({
    queryKey: [...clientBookKey, 'owners', 'all'], enabled,
    queryFn: () => unwrap(client.GET('/api/v1/store-client-book/associates', { params: { query: { stores: 'all' } } })),
  });
}

export function useReassign() {
  return useApiMutation(
    (body: ApiBody<'/api/v1/client-book/reassign', 'post'>) => unwrap(client.POST('/api/v1/client-book/reassign', { body })),
    (body) => [clientBookKey, ...(body.customerIds ?? []).map(customerKey)],
  );
}
