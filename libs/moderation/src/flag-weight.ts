// How much one flag counts toward hiding a post. Board staff, moderators and owners count fully;
// other flaggers count by their track record, starting at half and moving with each resolved
// flag (a Laplace-smoothed share of helpful flags), so habitual wrong flaggers lose their say.
export const MIN_WEIGHT = 0.1;

export function flagWeight(options: { isTrusted: boolean; helpful: number; declined: number }): number {
  if (options.isTrusted) return 1;
  const accuracy = (options.helpful + 1) / (options.helpful + options.declined + 2);
  return Math.max(MIN_WEIGHT, Math.round(accuracy * 100) / 100);
}
