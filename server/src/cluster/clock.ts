/** The simulator's virtual clock: seconds since the start; timestamps derive from a fixed epoch. */
export class VirtualClock {
  private seconds = 0;
  constructor(private readonly epochMs = Date.UTC(2026, 0, 1)) {}

  get now(): number {
    return this.seconds;
  }

  advance(seconds: number): void {
    this.seconds += seconds;
  }

  timestamp(at = this.seconds): string {
    return new Date(this.epochMs + Math.round(at * 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence, so runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHANUM = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes-style random suffixes (consonants and digits, as the API server's name generator uses). */
export function randomSuffix(random: () => number, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHANUM[Math.floor(random() * ALPHANUM.length)];
  return s;
}
