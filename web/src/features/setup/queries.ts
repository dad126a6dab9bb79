import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { activityTypesKey } from '../activities/queries.ts';
import { attributeGroupsKey, clientBookKey } from '../client-book/queries.ts';

export type Setup = ApiResult<'/api/v1/setup/clienteling', 'get'>;
type SetupPatch = ApiBody<'/api/v1/setup/clienteling', 'patch'>;
const setupKey = ['setup', 'clienteling'] as const;

export function useSetup() {
  return useQuery({ queryKey: setupKey, queryFn: () => unwrap(client.GET('/api/v1/setup/clienteling')) });
}

export function useCardMeasureChoices() {
  return useQuery({ queryKey: ['setup', 'measures'], queryFn: () => unwrap(client.GET('/api/v1/setup/measures')) });
}

/**
 * Shown at once (a switch that waits for the server looks broken), then the server's answer; put back if refused.
 * The new state is written before the mutation starts: its onMutate runs a tick later, and React puts a controlled
 * checkbox back to the old value on the click itself, so until then the switch did not move (and under load a browser
 * test's check() saw it unchanged).
 */
export function usePatchSetup() {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ body }: { body: SetupPatch; before: Setup | undefined }) => unwrap(client.PATCH('/api/v1/setup/clienteling', { body })),
    onMutate: async ({ body }) => {
      // A read already under way would land with the old state.
      await queryClient.cancelQueries({ queryKey: setupKey });
      const now = queryClient.getQueryData<Setup>(setupKey);
      if (now) queryClient.setQueryData<Setup>(setupKey, { ...now, ...body } as Setup);
    },
    onError: (_e, { before }) => { if (before) queryClient.setQueryData(setupKey, before); },
    onSuccess: async (setup) => {
      queryClient.setQueryData(setupKey, setup);
      // The switch, the card's measures and its attribute group change every client book page.
      await queryClient.invalidateQueries({ queryKey: clientBookKey });
    },
  });
  return {
    ...mutation,
    mutate(body: SetupPatch, options?: { onSuccess?: () => void; onError?: (err: Error) => void }) {
      const before = queryClient.getQueryData<Setup>(setupKey);
      if (before) queryClient.setQueryData<Setup>(setupKey, { ...before, ...body } as Setup);
      mutation.mutate({ body, before }, options);
    },
  };
}

export function useSaveNumberSequence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/v1/setup/clienteling/number-sequence', 'put'>) => unwrap(client.PUT('/api/v1/setup/clienteling/number-sequence', { body })),
    onSuccess: (setup) => queryClient.setQueryData(setupKey, setup),
  });
}

const attributesChanged = () => [attributeGroupsKey, clientBookKey];

export function useCreateAttributeGroup() {
  return useApiMutation((body: ApiBody<'/api/v1/attribute-groups', 'post'>) => unwrap(client.POST('/api/v1/attribute-groups', { body })), attributesChanged);
}
export function useCreateAttribute() {
  return useApiMutation((body: ApiBody<'/api/v1/customer-attributes', 'post'>) => unwrap(client.POST('/api/v1/customer-attributes', { body })), attributesChanged);
}
export function useUpdateAttribute() {
  return useApiMutation(
    ({ id, ...body }: { id: string } & ApiBody<'/api/v1/customer-attributes/{id}', 'patch'>) => unwrap(client.PATCH('/api/v1/customer-attributes/{id}', { params: { path: { id } }, body })),
    attributesChanged,
  );
}
export function useDeleteAttribute() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/customer-attributes/{id}', { params: { path: { id } } })), attributesChanged);
}

export function useCreateActivityType() {
  return useApiMutation((body: ApiBody<'/api/v1/activity-types', 'post'>) => unwrap(client.POST('/api/v1/activity-types', { body })), () => [activityTypesKey]);
}
export function useRetireActivityType() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/activity-types/{id}', { params: { path: { id } } })), () => [activityTypesKey]);
}
export function useRestoreActivityType() {
  return useApiMutation((id: string) => unwrap(client.PATCH('/api/v1/activity-types/{id}', { params: { path: { id } }, body: { active: true } })), () => [activityTypesKey]);
}
