export const daysAgo = (n: number, from = new Date()) => new Date(from.getTime() - n * 86_400_000);
