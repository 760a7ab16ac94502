import { canonicalCertType } from '../catalog/certificates.js';
import type { TextPiece, TextPieceKind, TextReading } from '../catalog/read-text.js';
import type { Catalog, Resolution } from '../catalog/resolve.js';
import { understandText, type TextUnderstanding } from '../catalog/text-report.js';
import { QUALIFIER_WORDS, type DesignationSpec } from '../catalog/text-vocabulary.js';
import type { DemandLine } from '../model/buyer.js';
import { CertificationRequirementSchema, type CertificationRequirement } from '../model/certification.js';
import { isRate, parseQuantity, quantityDimensionName } from '../model/quantity.js';
import { SpecRequirementSchema, type SpecRequirement } from '../model/spec.js';

/**
 * What became of one piece read out of a line's text:
 * - `requirement`: it is now a requirement of the line (`preferred` / `nice`, or `required` /
 *   `must` when the text is explicit), named in `detail`;
 * - `stated`: the line states a requirement of that key or certificate itself, which wins;
 * - `refines`: it helped choose among look-alike items but is no requirement;
 * - `unused`: read, but nothing could compare it (no spec key, unreadable value), with why;
 * - `ignored`: not about the item (side phrases, boilerplate, filler).
 *
 * @example
 * const use: TextPieceUse = { kind: 'quantity', text: '60 g/L 이상', use: 'requirement', detail: 'dbc min 60 g/L (required)' };
 */
export interface TextPieceUse {
  readonly kind: TextPieceKind;
  readonly text: string;
  readonly use: 'requirement' | 'stated' | 'refines' | 'unused' | 'ignored';
  readonly detail: string;
}

/**
 * How a demand line's free text was read: how well it names an item ({@link understandText})
 * and what became of every other piece of it.
 *
 * @example
 * result.lines[0]?.text?.pieces.filter((p) => p.use === 'requirement').map((p) => p.detail);
 */
export interface LineTextReport extends TextUnderstanding {
  readonly pieces: readonly TextPieceUse[];
}

/** Note put on every requirement made from a line's text, so that it reads apart from stated ones. */
const FROM_TEXT = 'read from the text';

const IGNORED: Partial<Record<TextPieceKind, string>> = {
  side: 'what else the item can do or come with: not the item, not a requirement',
  purpose: 'what the item is for: weighs less than the item words',
  boilerplate: 'company or supplier wording',
  filler: 'says nothing about the item',
};

/**
 * Reads a demand line's free text into requirements: quantities become spec requirements of the
 * key of the line's best item that measures the same dimension (the closest value when several
 * do), qualifiers with a catalog flag (`sterile`, `animalOrigin`) flag requirements,
 * designations (`SUS316L`, `1.5S`, `2R`) requirements of the item's spec of their kind, and
 * certificates certificate requirements; each only where the line states none of its own.
 * They are `preferred` (`nice`) unless the text is explicit (`이상`, `min`, `필수`, `must`), and
 * carry the note "read from the text". Returns the line to match (the same object when nothing
 * was added) and the report of every piece. Lines that name a known item by id are not read.
 *
 * @example
 * const { line, report } = readLineText(demandLine, resolution, catalog) ?? {};
 * report?.pieces.map((p) => p.use); // => ['requirement', 'ignored']
 */
export function readLineText(
  line: DemandLine,
  resolution: Resolution,
  catalog: Catalog,
): { readonly line: DemandLine; readonly report: LineTextReport } | undefined {
  if (line.text === undefined || (line.item !== undefined && catalog.items.has(line.item))) return undefined;
  const reading: TextReading = catalog.readText(line.text);
  const understanding = understandText(reading, resolution);
  const top = resolution.items[0];
  const item = top !== undefined && top.confidence >= understandingFloor(understanding) ? catalog.items.get(top.item) : undefined;
  const stated = new Set(line.specs.map((s) => s.key));
  const statedCerts = new Set(line.certifications.map((c) => canonicalCertType(c.type)));
  const specs: SpecRequirement[] = [];
  const certifications: CertificationRequirement[] = [];
  const uses: TextPieceUse[] = [];
  const use = (p: TextPiece, u: TextPieceUse['use'], detail: string): void => {
    uses.push({ kind: p.kind, text: p.text, use: u, detail });
  };
  const addSpec = (p: TextPiece, key: string, raw: Record<string, unknown>, detail: string): void => {
    if (stated.has(key)) return use(p, 'stated', `the line states ${key} itself`);
    const importance = p.explicit === true ? 'required' : 'preferred';
    const parsed = SpecRequirementSchema.safeParse({ key, ...raw, importance, note: `${FROM_TEXT}: "${p.text}"` });
    if (!parsed.success) return use(p, 'unused', `not a requirement: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    specs.push(parsed.data);
    stated.add(key);
    use(p, 'requirement', `${key} ${detail} (${importance})`);
  };

  for (const p of reading.pieces) {
    const ignored = IGNORED[p.kind];
    if (ignored !== undefined) {
      use(p, 'ignored', ignored);
      continue;
    }
    if (p.kind === 'quantity') {
      const q = p.quantity;
      if (q === undefined) use(p, 'unused', `could not read a value: ${p.unread ?? 'unknown'}`);
      else if (isRate(q)) use(p, 'unused', "a rate: the line's quantity says how much is needed");
      else if (item === undefined) use(p, 'unused', 'no item named clearly enough to say what it measures');
      else {
        const key = closestKey(item.specs, q.dimension, q.value);
        if (key === undefined) use(p, 'unused', `no spec of ${item.id} measures ${quantityDimensionName(q.dimension)}`);
        else if (p.bound !== undefined) addSpec(p, key, { op: p.bound, value: q.text }, `${p.bound} ${q.text}`);
        else addSpec(p, key, { op: 'eq', value: q.text }, `= ${q.text}`);
      }
    } else if (p.kind === 'certificate') {
      const type = p.certificate ?? p.text;
      if (statedCerts.has(canonicalCertType(type))) use(p, 'stated', `the line asks for ${type} itself`);
      else if (type === 'compendial' || type === 'IQ/OQ') use(p, 'unused', `${type}: a grade or a document, not a certificate suppliers hold`);
      else {
        const level = p.explicit === true ? 'must' : 'nice';
        const cls = p.cleanroomClass !== undefined ? { class: `ISO ${p.cleanroomClass}` } : {};
        const parsed = CertificationRequirementSchema.safeParse({ type, level, ...cls });
        if (!parsed.success) use(p, 'unused', `not a requirement: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        else {
          certifications.push(parsed.data);
          statedCerts.add(canonicalCertType(type));
          use(p, 'requirement', `certificate ${type}${p.cleanroomClass !== undefined ? ` ISO ${p.cleanroomClass}` : ''} (${level})`);
        }
      }
    } else if (p.kind === 'qualifier' || p.kind === 'negation') {
      const q = QUALIFIER_WORDS.find((w) => w.concept === p.concept);
      const key = q?.specKey;
      // `animal-origin free` is `animalOrigin: false`; `sterile` is `sterile: true`; a negation flips it.
      const wanted = (q?.concept === 'animal-origin-free' ? false : true) === (p.kind === 'qualifier');
      if (key !== undefined && item !== undefined && key in item.specs) addSpec(p, key, { op: 'eq', value: wanted }, `= ${String(wanted)}`);
      else use(p, 'refines', p.kind === 'negation' ? `excludes items that are ${p.negated ?? p.text}` : 'prefers items that say so; no spec to compare');
    } else if (p.kind === 'designation' && p.spec !== undefined) {
      const found = item === undefined ? undefined : designationSpec(p, p.spec, item.specs);
      if (item === undefined) use(p, 'unused', `${p.meaning ?? p.kind}: no item named clearly enough to say which spec it is`);
      else if (found === undefined) use(p, 'unused', `${p.meaning ?? p.kind}: no spec of ${item.id} takes one`);
      else addSpec(p, found.key, { op: 'eq', value: found.value }, `= ${found.value} (${p.meaning ?? p.kind})`);
    } else if (reading.words.some((w) => w.text.includes(p.text))) {
      use(p, 'refines', `${p.meaning ?? p.kind}: part of the item's name`);
    } else {
      use(p, 'unused', `${p.meaning ?? p.kind}: not compared`);
    }
  }
  const report: LineTextReport = { ...understanding, pieces: uses };
  if (specs.length === 0 && certifications.length === 0) return { line, report };
  return {
    line: { ...line, specs: [...line.specs, ...specs], certifications: [...line.certifications, ...certifications] },
    report,
  };
}

/** A weak or unresolved text does not say which item's specs its quantities are. */
function understandingFloor(u: TextUnderstanding): number {
  return u.status === 'weak' || u.status === 'unresolved' ? Number.POSITIVE_INFINITY : 0;
}

/**
 * The spec key and value a designation (`SUS316L`, `1.5S`, `2R`) stands for on an item: the
 * text or set spec whose value is itself such a designation, or the quantity spec of the
 * designation's dimension closest in value. Undefined when the item has no such spec.
 */
function designationSpec(p: TextPiece, spec: DesignationSpec, specs: ItemSpecs): { readonly key: string; readonly value: string } | undefined {
  if (spec.kind === 'quantity') {
    const number = /\d+(?:\.\d+)?/u.exec(p.text)?.[0];
    const parsed = number === undefined ? undefined : parseQuantity(`${number} ${spec.unit}`);
    if (parsed === undefined || !parsed.ok) return undefined;
    const key = closestKey(specs, parsed.quantity.dimension, parsed.quantity.value);
    return key === undefined ? undefined : { key, value: parsed.quantity.text };
  }
  const rx = new RegExp(`^(?:${spec.valuePattern})$`, 'iu');
  // A catalog may write a grade as a bare number (`304`), which reads as a dimensionless quantity.
  const valuesOf = (k: string): readonly string[] => {
    const v = specs[k];
    if (v?.kind === 'text') return [v.value];
    if (v?.kind === 'set') return v.values;
    if (v?.kind === 'quantity' && v.quantity.dimension === 'dimensionless') return [v.quantity.text];
    return [];
  };
  const key = Object.keys(specs)
    .sort()
    .find((k) => valuesOf(k).some((x) => rx.test(x.trim())));
  if (key === undefined) return undefined;
  // Written as the item writes it when it is the same designation (`STS304` on an item of `304`),
  // so that offerings written like the item compare as equal; else as the text writes it.
  const written = p.text.replace(/\s+/gu, '').toUpperCase();
  const same = valuesOf(key).find((x) => bareDesignation(x) === bareDesignation(written));
  return { key, value: same ?? written };
}

/** A designation without its naming system and spaces: `SUS 316L`, `STS316L`, `316L stainless` → `316L`. */
function bareDesignation(s: string): string {
  return s.toUpperCase().replace(/\s+/gu, '').replace(/^(?:SUS|STS|SS|AISI)/u, '').replace(/STAINLESS$/u, '');
}

type ItemSpecs = NonNullable<ReturnType<Catalog['items']['get']>>['specs'];

/** The quantity spec key of the item measuring this dimension, the closest in value (log scale) first. */
function closestKey(specs: ItemSpecs, dimension: string, value: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const key of Object.keys(specs).sort()) {
    const v = specs[key];
    if (v?.kind !== 'quantity' || v.quantity.dimension !== dimension) continue;
    const d = Math.abs(Math.log(Math.abs(v.quantity.value) + 1e-30) - Math.log(Math.abs(value) + 1e-30));
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
    }
  }
  return best;
}
