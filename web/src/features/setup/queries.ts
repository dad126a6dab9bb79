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

/** Shown at once (a switch that waits for the server looks broken), then the server's answer; put back if refused. */
export function usePatchSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupPatch) => unwrap(client.PATCH('/api/v1/setup/clienteling', { body })),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: setupKey });
      const before = queryClient.getQueryData<Setup>(setupKey);
      if (before) queryClient.setQueryData<Setup>(setupKey, { ...before, ...body } as Setup);
      return { before };
    },
    onError: (_e, _body, context) => { if (context?.before) queryClient.setQueryData(setupKey, context.before); },
    onSuccess: async (setup) => {
      queryClient.setQueryData(setupKey, setup);
      // The switch, the card's measures and its attribute group change every client book page.
      await queryClient.invalidateQueries({ queryKey: clientBookKey });
    },
  });
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
