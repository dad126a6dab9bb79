import type { KeyedTextValue } from '../../http/schemas.ts';
import type { PromptType } from './schema.ts';

/** Task titles and details the web translates by key (task.title.<key>, task.detail.<key> in its catalogue). */
export const TASK_TITLE_KEYS = ['birthday', 'anniversary', 'cartLeft', 'lookedAt', 'newArrivals', 'thank-you', 'care-instructions', 'satisfaction-check'] as const;
export const TASK_DETAIL_KEYS = ['browsedWithoutBuying'] as const;

/**
 * A task's title by key, from what the prompt stored with it (the date, the product, the count): the stored title
 * stays in English for API clients. Null when the task lacks what the sentence needs (written before it was kept).
 */
export function taskTitleText(promptType: string, data: Record<string, unknown>): KeyedTextValue | null {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  switch (promptType as PromptType) {
    case 'birthday': case 'anniversary': {
      const date = str(data.date);
      return date ? { key: promptType, params: { date } } : null;
    }
    case 'save-the-sale': {
      const product = str(data.productName);
      return product ? { key: data.addedToCart === true ? 'cartLeft' : 'lookedAt', params: { product } } : null;
    }
    case 'new-arrivals': return typeof data.count === 'number' ? { key: 'newArrivals', params: { count: data.count } } : null;
    case 'thank-you': case 'care-instructions': case 'satisfaction-check': return { key: promptType, params: {} };
    default: return null;
  }
}

/** A task's detail by key when the prompt wrote a sentence (others' detail is a product's name, shown as it is). */
export function taskDetailText(promptType: string, data: Record<string, unknown>): KeyedTextValue | null {
  return promptType === 'save-the-sale' && typeof data.browsed === 'number' ? { key: 'browsedWithoutBuying', params: { count: data.browsed } } : null;
}

export function withTaskTexts<T extends { promptType: string; data: Record<string, unknown> }>(task: T): T & { titleText?: KeyedTextValue; detailText?: KeyedTextValue } {
  const title = taskTitleText(task.promptType, task.data);
  const detail = taskDetailText(task.promptType, task.data);
  return { ...task, ...(title ? { titleText: title } : {}), ...(detail ? { detailText: detail } : {}) };
}
