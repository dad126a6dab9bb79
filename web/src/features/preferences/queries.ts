import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type components } from '../../lib/api.ts';

export type PreferencePageData = components['schemas']['PreferencePage'];
export type PreferenceChanges = ApiBody<'/api/v1/public/preferences/{token}', 'put'>;

/** The page behind one signed link; each change answers with the whole page, which replaces it (no second read). */
const pageKey = (token: string) => ['public', 'preferences', token] as const;

export function usePreferencePage(token: string) {
  return useQuery({ queryKey: pageKey(token), queryFn: () => unwrap(client.GET('/api/v1/public/preferences/{token}', { params: { path: { token } } })) });
}

export function useSavePreferences(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferenceChanges) => unwrap(client.PUT('/api/v1/public/preferences/{token}', { params: { path: { token } }, body })),
    onSuccess: (page) => queryClient.setQueryData(pageKey(token), page),
  });
}

export function useAskAnotherAssociate(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: string) =>
      unwrap(client.POST('/api/v1/public/preferences/{token}/associate-request', { params: { path: { token } }, body: message ? { message } : {} })),
    onSuccess: (page) => queryClient.setQueryData(pageKey(token), page),
  });
}
