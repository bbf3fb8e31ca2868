/** IntOrString arithmetic (apimachinery util/intstr) and the Deployment controller's fenceposts. */

export class IntOrPercentError extends Error {}

/**
 * GetScaledValueFromIntOrPercent: an integer is returned unchanged; "N%" is N·total/100, rounded up
 * or down. Any other string (including a bare "90") and null are errors.
 */
export function scaledValueFromIntOrPercent(v: number | string | null | undefined, total: number, roundUp: boolean): number {
  if (v === null || v === undefined) throw new IntOrPercentError('nil value for IntOrString');
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new IntOrPercentError(`invalid value for IntOrString: ${v} is not an integer`);
    return v;
  }
  if (typeof v !== 'string') throw new IntOrPercentError('invalid value for IntOrString: invalid type');
  if (!v.endsWith('%')) throw new IntOrPercentError('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = v.slice(0, -1);
  if (!/^[+-]?[0-9]{1,15}$/.test(digits)) throw new IntOrPercentError(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}`);
  const prod = BigInt(digits) * BigInt(Math.trunc(total));
  // Exact floor/ceil of prod / 100 (prod may be negative).
  let q = prod / 100n;
  if (prod % 100n !== 0n) {
    if (roundUp && prod > 0n) q += 1n;
    if (!roundUp && prod < 0n) q -= 1n;
  }
  return Number(q);
}

/** Whether a value is an int or an "N%" string that scaledValueFromIntOrPercent accepts. */
export function isIntOrPercent(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  return typeof v === 'string' && /^[+-]?[0-9]+%$/.test(v);
}

/**
 * The Deployment controller's ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and
 * when both come out 0 maxUnavailable becomes 1 so a rollout can progress.
 */
export function resolveFenceposts(
  maxSurge: number | string | null | undefined,
  maxUnavailable: number | string | null | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
