/*
 * Helpers for the quick paths of the built-in criteria (internal, not exported from the
 * package): per-offering data kept in typed arrays indexed by the pair's `index` (`RunPair`), and per-line memos
 * keyed by small integer ids that are emptied by bumping a generation rather than by clearing.
 *
 * Why arrays: offerings are objects of many shapes (optional fields come and go), so reading
 * `offering.capacity` or `specs[key]` for millions of pairs goes through V8's megamorphic
 * lookups; an array read by index does not.
 */
import type { PreparedOffering } from './criterion.js';
import { CEILING_BLOCK, type RunPair } from './fast.js';

/**
 * The offering's index when the pair comes from the matcher with the run's offerings (`RunContext.offerings`), and the
 * index really points at this offering; else -1 (the caller then reads the objects).
 */
export function indexOf(pair: RunPair, offerings: readonly PreparedOffering[] | undefined): number {
  const i = pair.index;
  return i !== undefined && offerings !== undefined && offerings[i] === pair.offering ? i : -1;
}

/** Small integer ids for values compared by identity or equality (strings, shared objects). */
export class Interner<T> {
  private readonly ids = new Map<T, number>();
  /** The id of a value, given on first sight. */
  id(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }
  /** The id of a value, or -1 when it was never seen. */
  known(value: T): number {
    return this.ids.get(value) ?? -1;
  }
  get size(): number {
    return this.ids.size;
  }
}

/**
 * A memo of numbers by integer id, emptied in O(1) by {@link IdMemo.reset} (one per line): a
 * slot counts only if its stamp is the current generation.
 */
export class IdMemo {
  private stamps: Int32Array;
  private values: Float64Array;
  private generation = 1;
  constructor(size = 64) {
    this.stamps = new Int32Array(size);
    this.values = new Float64Array(size);
  }
  reset(): void {
    this.generation += 1;
  }
  has(id: number): boolean {
    return id < this.stamps.length && this.stamps[id] === this.generation;
  }
  /** The value stored for `id` this generation (call {@link IdMemo.has} first). */
  get(id: number): number {
    return this.values[id] as number;
  }
  set(id: number, value: number): void {
    if (id >= this.stamps.length) {
      const size = Math.max(id + 1, this.stamps.length * 2);
      const stamps = new Int32Array(size);
      stamps.set(this.stamps);
      const values = new Float64Array(size);
      values.set(this.values);
      this.stamps = stamps;
      this.values = values;
    }
    this.stamps[id] = this.generation;
    this.values[id] = value;
  }
}

/**
 * The distinct values of a per-offering array in each block of {@link CEILING_BLOCK} offerings:
 * block b's are `values.subarray(starts[b], starts[b + 1])`, in order of first appearance.
 */
export interface BlockValues {
  readonly starts: Int32Array;
  readonly values: Int32Array;
}

/** The {@link BlockValues} of `ids` (small integer ids, one per offering), for ceilings. */
export function blockValues(ids: Int32Array): BlockValues {
  const blocks = Math.ceil(ids.length / CEILING_BLOCK);
  const starts = new Int32Array(blocks + 1);
  const values = new Int32Array(ids.length);
  let w = 0;
  for (let b = 0; b < blocks; b++) {
    starts[b] = w;
    const first = w;
    for (let i = b * CEILING_BLOCK, end = Math.min(ids.length, i + CEILING_BLOCK); i < end; i++) {
      const id = ids[i] as number;
      let seen = false;
      for (let k = first; k < w && !seen; k++) seen = values[k] === id;
      if (!seen) values[w++] = id;
    }
  }
  starts[blocks] = w;
  return { starts, values: values.slice(0, w) };
}
