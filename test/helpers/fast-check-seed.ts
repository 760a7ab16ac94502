/**
 * Every property test runs from a fixed seed unless it sets its own, so that the suite gives the
 * same verdict on every run and every machine. `FC_SEED=<integer>` runs them from another seed,
 * `FC_SEED=random` from a new one each time (to look for counterexamples; a failure prints its
 * seed and path, which `fc.assert(..., { seed, path })` replays).
 */
import fc from 'fast-check';

const chosen = process.env.FC_SEED;
if (chosen !== 'random') {
  const seed = chosen === undefined || chosen === '' ? 20_261_207 : Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got ${JSON.stringify(chosen)}`);
  fc.configureGlobal({ seed });
}
