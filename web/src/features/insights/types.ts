// Labels of the insights screens; the API's shapes come from the generated types (queries.ts).
export const FORMATS = [['number', 'Number'], ['percent', 'Percent (0-1)'], ['currency', 'Currency (minor units)'], ['text', 'Text'], ['date', 'Date']] as const;
export const MODEL_NAMES: Record<string, string> = { bgnbd: 'BG/NBD', 'pareto-nbd': 'Pareto/NBD', 'gamma-gamma': 'Gamma-Gamma spend' };
