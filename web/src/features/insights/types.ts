export interface Definition {
  key: string; name: string; description: string | null; source: 'builtin' | 'sql' | 'external'; format: string; sqlText: string | null;
  enabled: boolean; lastRunAt: string | null; lastError: string | null; lastComputedAt: string | null; customersWithValue: number;
}
export interface Fit { model: string; params: Record<string, number>; logLikelihood: number; customers: number; period: string; calibrationEnd: string; converged: boolean; fittedAt: string }
export interface ModelOverview { settings: { transactionModel: 'bgnbd' | 'pareto-nbd'; period: 'day' | 'week' }; fits: Fit[] }
export interface Alert { kind: string; severity: 'warning' | 'error'; message: string; providerId: string | null; measureKey: string | null; daysLeft: number | null }
export interface ProviderMeasure { field: string; key: string; name: string; format: string }
export interface Provider {
  id: string; name: string; tokenUrl: string; clientId: string; hasSecret: boolean; secretExpiresAt: string | null; secretDaysLeft: number | null;
  scope: string | null; baseUrl: string; customerKey: string; measures: ProviderMeasure[]; lastValidatedAt: string | null; lastSyncedAt: string | null; lastError: string | null;
}
export interface ProviderValidation { ok: boolean; tokenObtained: boolean; items: number; matchedCustomers: number; fieldsSeen: string[]; errors: string[] }
export const FORMATS = [['number', 'Number'], ['percent', 'Percent (0-1)'], ['currency', 'Currency (minor units)'], ['text', 'Text'], ['date', 'Date']] as const;
export const MODEL_NAMES: Record<string, string> = { bgnbd: 'BG/NBD', 'pareto-nbd': 'Pareto/NBD', 'gamma-gamma': 'Gamma-Gamma spend' };
