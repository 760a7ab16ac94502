/**
 * Seeded synthetic datasets in the library's own JSON format, of any size, for benchmarks.
 *
 *   npx tsx bench/generate.ts --offerings 100000 --lines 10000 --seed 1 --out DIR
 *
 * writes DIR/items.json, suppliers.json, buyers.json and meta.json. The same options give the
 * same bytes: every choice comes from one mulberry32 stream (no Math.random, no clock).
 *
 * What it models (docs/domain.md; every company is fictional, every figure plausible, not a fact):
 * - a catalog of about 230 items over the 21 bioprocess consumable leaf categories of
 *   BIO_TAXONOMY (not its equipment and parts), each category split into variants by the specs
 *   that tell its items apart (filters by format, membrane and pore size, bags by volume, vials
 *   by ISO size, tubing by material and inner diameter...), with English and Korean names,
 *   synonyms, abbreviations, UNSPSC and HS codes;
 * - suppliers (80 % Korean SMEs in a dozen regions, 20 % foreign incumbents) specialised in one to
 *   three categories, holding certificates issued 2016-2021 (so some lapsed before the as-of date
 *   2021-03-01 and some lapse before a line's need-by date), each with one to eight offerings;
 * - offerings that name a catalog item (65 %), free text (25 %, English or Korean, abbreviated,
 *   misspelt, with spec tokens such as `0.22um`, `10인치`, `1/4"`), a category (5 %) or a UNSPSC
 *   code (5 %); specs stated fully, partly or not at all (then the catalog's are read), a few off
 *   the item's value; capacities per month or per year, lead times, prices in KRW, USD or EUR,
 *   readiness levels;
 * - buyers with demand lines naming an item (50 %), free text (40 %) or a UNSPSC code (10 %),
 *   with required and preferred spec requirements (the distinguishing spec written as the item
 *   states it or in another unit: 6.35 mm for 1/4 in, 0.22 µm for a 0.2 µm filter), certificate
 *   requirements (`must` and `nice`), quantities, lead-time limits, need-by dates, maximum prices
 *   and sourcing preferences.
 *
 * Free texts come from a small pool of ways of writing each item (VARIANTS_PER_ITEM, typos
 * included), as in real procurement data where the same phrases are copied again and again; the
 * spec tokens around them vary freely. So the number of distinct name texts the catalog must
 * resolve is bounded by the catalog (items × pool), not by the size of the dataset.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DatasetInput } from '../src/model/dataset.js';

/** Options of {@link generateDataset}. */
export interface GenerateOptions {
  /** How many offerings in all (spread over suppliers of one to eight offerings each). */
  readonly offerings: number;
  /** How many demand lines in all (spread over buyers of five to forty-five lines each). */
  readonly lines: number;
  /** Seed of the PRNG; default 1. */
  readonly seed?: number;
}

/** How many ways of writing each item the free texts draw from (see the file comment). */
export const VARIANTS_PER_ITEM = 8;
/** The as-of date of every generated dataset. */
export const SYNTHETIC_AS_OF = '2021-03-01';

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    const x = list[Math.floor(this.next() * list.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  /** Picks by weight (weights need not sum to 1). */
  weighted<T>(list: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of list) total += w;
    let r = this.next() * total;
    for (const [x, w] of list) {
      r -= w;
      if (r < 0) return x;
    }
    const last = list[list.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** k distinct elements, in list order. */
  some<T>(list: readonly T[], k: number): T[] {
    const chosen = new Set<number>();
    const want = Math.min(k, list.length);
    while (chosen.size < want) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].sort((a, b) => a - b).map((i) => list[i] as T);
  }
  /** A round figure between lo and hi, log-uniform (2,000 / 15,000 / 300,000). */
  round(lo: number, hi: number): number {
    const x = Math.exp(Math.log(lo) + this.next() * (Math.log(hi) - Math.log(lo)));
    const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
    return Math.max(1, Math.round(x / magnitude) * magnitude);
  }
}

// ---------------------------------------------------------------------------------------------
// Catalog

type SpecJson = string | number | boolean | string[];

interface ItemJson {
  id: string;
  names: { en: string; ko: string };
  synonyms: string[];
  abbreviations: string[];
  category: string;
  codes: { unspsc: string[]; hs: string[] };
  specs: Record<string, SpecJson>;
}

/** One variant of a category: id suffix, name parts, specs and the keys that tell it apart. */
interface Variant {
  readonly id: string;
  readonly en: string;
  readonly ko: string;
  readonly specs: Record<string, SpecJson>;
  /** Spec keys that distinguish this variant from its siblings (buyers ask for these). */
  readonly key: readonly string[];
  readonly synonyms?: readonly string[];
  readonly abbreviations?: readonly string[];
  readonly hs?: readonly string[];
  readonly unspsc?: readonly string[];
}

/** What a category is bought and sold in, and what buyers ask of it. */
interface CategorySpec {
  readonly id: string;
  readonly code: string;
  readonly unspsc: readonly string[];
  readonly hs: readonly string[];
  readonly synonyms: readonly string[];
  readonly abbreviations: readonly string[];
  /** Capacity and demand unit, a range of yearly capacities, of yearly demands and a unit price in KRW. */
  readonly unit: string;
  readonly capacity: readonly [number, number];
  readonly demand: readonly [number, number];
  readonly price: readonly [number, number];
  readonly leadWeeks: readonly [number, number];
  readonly must: readonly string[];
  readonly nice: readonly string[];
  /** Relative frequency among offerings and lines. */
  readonly weight: number;
  readonly variants: readonly Variant[];
}

/** A spec quantity as number and unit (`1/4 in` → 0.25, `in`), or undefined for words. */
function splitQuantity(v: SpecJson | undefined): { n: number; unit: string } | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?\s*(\S.*)$/.exec(v);
  if (!m || m[3] === undefined || /^\d/.test(m[3])) return undefined;
  return { n: Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2])), unit: m[3] };
}
const sig = (x: number): number => Number(x.toPrecision(3));

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
const slug = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]+/g, '');

const FILTER_MUST = ['ISO 9001:2015', 'ASTM F838', 'USP <88> Class VI'];
const SU_MUST = ['ISO 9001:2015', 'USP <88> Class VI', 'USP <87>', 'ISO 11137'];

const CATEGORIES: readonly CategorySpec[] = [
  {
    id: 'cell-culture-media', code: 'CCM', unspsc: ['41106213'], hs: ['3821.00'],
    synonyms: ['cell culture medium', 'serum-free medium', 'chemically defined medium', '세포배양 배지', '무혈청 배지', '배양배지'],
    abbreviations: ['CDM', 'SFM'], unit: 'kg', capacity: [2_000, 200_000], demand: [500, 60_000], price: [60_000, 400_000],
    leadWeeks: [4, 16], must: ['ISO 9001:2015', 'BSE/TSE', 'ADCF'], nice: ['GMP', 'DMF'], weight: 6,
    variants: cross(['CHO', 'HEK293', 'Hybridoma'], cross(['basal', 'feed'], ['powder', 'liquid'])).map(([host, [kind, form]]) => ({
      id: `${slug(host)}-${kind === 'basal' ? 'B' : 'F'}-${form === 'powder' ? 'P' : 'L'}`,
      en: `Chemically defined ${host} ${kind === 'basal' ? 'basal medium' : 'feed'}, ${form}`,
      ko: `${host} ${kind === 'basal' ? '기본 배지' : '피드 배지'} (${form === 'powder' ? '분말' : '액상'})`,
      specs: { form, animalOrigin: false, osmolality: kind === 'basal' ? '300 mOsm/kg' : '1500 mOsm/kg', pH: 7.1, shelfLife: form === 'powder' ? '24 mo' : '12 mo', endotoxin: '1 EU/mL' },
      key: ['form', 'osmolality'],
      synonyms: kind === 'feed' ? ['feed medium', '피드', `${host} feed`] : [`${host} medium`, `${host} 배지`],
    })),
  },
  {
    id: 'recombinant-supplement', code: 'REC', unspsc: ['12352202'], hs: ['3504', '3002'],
    synonyms: ['recombinant supplement', 'recombinant protein', '재조합 단백질 첨가물', '재조합 단백질'],
    abbreviations: ['AOF'], unit: 'g', capacity: [500, 50_000], demand: [100, 10_000], price: [20_000, 300_000],
    leadWeeks: [4, 12], must: ['ISO 9001:2015', 'ADCF'], nice: ['GMP', 'DMF'], weight: 2,
    variants: [
      ['INS', 'insulin', '인슐린'], ['TRF', 'transferrin', '트랜스페린'], ['ALB', 'albumin', '알부민'],
      ['IGF', 'IGF-1', 'IGF-1'], ['EGF', 'epidermal growth factor', '상피세포 성장인자'], ['FGF', 'basic fibroblast growth factor', '섬유아세포 성장인자'],
    ].map(([id, en, ko]) => ({
      id: id as string, en: `Recombinant human ${en}, animal-origin-free`, ko: `재조합 ${ko}`,
      specs: { animalOrigin: false, purity: '98 %' }, key: [], synonyms: [`recombinant ${en}`, `${ko}`, `재조합 ${ko}`],
    })),
  },
  {
    id: 'em-media', code: 'EMM', unspsc: ['41116142'], hs: ['3821.00'],
    synonyms: ['environmental monitoring plate', 'EM media', '환경배지', '환경 모니터링 배지'],
    abbreviations: ['EM'], unit: 'plate', capacity: [50_000, 2_000_000], demand: [10_000, 500_000], price: [1_500, 6_000],
    leadWeeks: [2, 6], must: ['ISO 9001:2015'], nice: ['ISO 13485:2016', 'ISO 11137'], weight: 3,
    variants: cross([['CONT55', 'contact plate 55 mm', '콘택트 플레이트 55mm', '55 mm'], ['SET90', 'settle plate 90 mm', '낙하균 플레이트 90mm', '90 mm']] as const, [['TSA', 'TSA'], ['TSALT', 'TSA with neutralizers'], ['SDA', 'SDA']] as const).map(([[id, en, ko, size], [agar, agarEn]]) => ({
      id: `${id}-${agar}`, en: `Irradiated ${agarEn} ${en}, triple-wrapped`, ko: `${ko} ${agar} (감마멸균, 삼중포장)`,
      specs: { plateSize: size, agar: agar === 'TSALT' ? 'TSA+LT' : agar, sterile: true, gammaDose: '25 kGy', shelfLife: '4 mo' },
      key: ['plateSize', 'agar'],
      synonyms: id.startsWith('CONT') ? ['contact plate', 'RODAC plate', '콘택트 플레이트'] : ['settle plate', '낙하균 배지', '낙하균 플레이트'],
    })),
  },
  {
    id: 'sub-bag', code: 'SUB', unspsc: ['23151804'], hs: ['3926.90'],
    synonyms: ['single-use bioreactor bag', 'bioreactor bag', 'SUB bag', '3D bioreactor bag', '일회용 세포배양백', '싱글유즈 배양백', '세포배양백'],
    abbreviations: ['SUB', '3D bag'], unit: 'unit', capacity: [100, 3_000], demand: [20, 800], price: [800_000, 9_000_000],
    leadWeeks: [10, 26], must: [...SU_MUST, 'ISO 14644-1'], nice: ['ISO 13485:2016', 'USP <665>'], weight: 4,
    variants: cross([50, 200, 500, 1000, 2000], [['STD', 'drilled-hole sparger', '드릴홀 스파저'], ['MIC', 'microsparger', '마이크로 스파저']] as const).map(([v, [sid, en, ko]]) => ({
      id: `${v}-${sid}`, en: `Single-use bioreactor bag ${v} L, ${en}`, ko: `일회용 세포배양백 ${v}L (${ko})`,
      specs: { workingVolume: `${v} L`, contactLayer: 'ULDPE', filmThickness: '0.35 mm', gammaDose: '25-50 kGy', sterile: true, sparger: sid === 'STD' ? 'drilled-hole' : 'microsparger' },
      key: ['workingVolume'],
    })),
  },
  {
    id: 'su-bag', code: 'BAG', unspsc: ['24121502'], hs: ['3926.90'],
    synonyms: ['single-use bag', 'biocontainer', 'storage bag', 'buffer bag', '일회용 백', '싱글유즈 백', '저장백', '버퍼 제조용기'],
    abbreviations: ['2D bag', '3D bag'], unit: 'unit', capacity: [1_000, 300_000], demand: [200, 60_000], price: [20_000, 2_500_000],
    leadWeeks: [6, 16], must: SU_MUST, nice: ['ISO 13485:2016', 'USP <661>', 'USP <665>'], weight: 6,
    variants: [
      ...[0.5, 1, 5, 10, 20, 50].map((v) => ({ v, f: '2D' })),
      ...[100, 200, 500, 1000, 2500].map((v) => ({ v, f: '3D' })),
      ...[200, 500].map((v) => ({ v, f: 'MIX' })),
    ].map(({ v, f }) => ({
      id: `${f}${String(v).replace('.', '')}`,
      en: f === 'MIX' ? `Single-use mixing bag ${v} L` : `${f} single-use biocontainer ${v} L`,
      ko: f === 'MIX' ? `일회용 믹싱백 ${v}L` : `일회용 ${f} 백 ${v}L`,
      specs: { volume: v < 1 ? `${v * 1000} mL` : `${v} L`, format: f === '2D' ? 'pillow' : 'cubic', contactLayer: 'ULDPE', sterile: true },
      key: ['volume'],
      ...(f === 'MIX' ? { synonyms: ['mixing bag', 'mixer bag', '믹싱백'] } : {}),
    })),
  },
  {
    id: 'tubing', code: 'TUB', unspsc: ['41105108'], hs: ['3917.32'],
    synonyms: ['tubing', 'tube', 'hose', '튜빙', '튜브', '호스'],
    abbreviations: [], unit: 'm', capacity: [2_000, 500_000], demand: [500, 80_000], price: [3_000, 40_000],
    leadWeeks: [4, 12], must: ['ISO 9001:2015', 'USP <88> Class VI'], nice: ['USP <87>', 'ISO 10993'], weight: 5,
    variants: cross([['PTSIL', 'Platinum-cured silicone', '백금경화 실리콘', 'Pt-cured silicone', 60], ['TPE', 'Thermoplastic elastomer (TPE)', 'TPE', 'TPE', 65], ['PVC', 'Medical-grade PVC', '의료용 PVC', 'PVC', 70]] as const, [['18', '1/8 in', '1/16 in'], ['14', '1/4 in', '1/16 in'], ['38', '3/8 in', '3/32 in'], ['12', '1/2 in', '1/8 in'], ['34', '3/4 in', '1/8 in'], ['1', '1 in', '1/8 in']] as const).map(([[mid, en, ko, material, hardness], [sid, id, wall]]) => ({
      id: `${mid}-${sid}`, en: `${en} tubing, ID ${id}`, ko: `${ko} 튜브 ${id.replace(' in', '인치')}`,
      specs: { innerDiameter: id, wallThickness: wall, material, hardness },
      key: ['innerDiameter', 'material'],
      synonyms: mid === 'PTSIL' ? ['silicone tubing', 'silicone tube', '실리콘 튜브', '실리콘 호스'] : [`${material} tubing`, `${material} 튜브`],
    })),
  },
  {
    id: 'connector', code: 'CON', unspsc: ['41121815'], hs: ['3926.90'],
    synonyms: ['connector', 'fitting', '커넥터', '연결구'],
    abbreviations: [], unit: 'unit', capacity: [2_000, 400_000], demand: [500, 80_000], price: [5_000, 350_000],
    leadWeeks: [6, 16], must: ['ISO 9001:2015', 'USP <88> Class VI'], nice: ['ISO 13485:2016', 'ISO 11137'], weight: 4,
    variants: [
      ...cross([['AC', 'Aseptic connector', '무균 커넥터', 'aseptic', ['aseptic connector', 'sterile connector', '아셉틱 커넥터'], ['AC']], ['MPC', 'Quick-disconnect coupling', '퀵 커플링', 'quick-connect', ['quick connect', 'MPC coupling', '퀵 커넥터'], ['MPC']], ['BARB', 'Hose barb fitting', '호스 바브 피팅', 'barb', ['barb fitting', 'hose barb', '바브 커넥터'], []]] as const, [['14', '1/4 in'], ['38', '3/8 in'], ['12', '1/2 in'], ['34', '3/4 in'], ['1', '1 in']] as const),
      ...cross([['TC', 'Tri-clamp sanitary fitting with gasket', 'TC 클램프 가스켓', 'TC', ['tri-clamp', 'TC clamp', 'sanitary clamp', '클램프 가스켓'], ['TC']]] as const, [['34', '3/4 in'], ['1', '1 in'], ['15', '1.5 in']] as const),
      ...cross([['LUER', 'Luer lock connector', '루어락 커넥터', 'luer', ['luer lock', 'luer connector', '루어 커넥터'], []]] as const, [['S', 'small-bore']] as const),
    ].map(([[tid, en, ko, type, syn, abbr], [sid, size]]) => ({
      id: `${tid}-${sid}`, en: size === 'small-bore' ? `${en}` : `${en} ${size}`, ko: size === 'small-bore' ? ko : `${ko} ${size.replace(' in', '인치')}`,
      specs: size === 'small-bore' ? { connectorType: type, material: 'PC', sterile: true } : { connectorType: type, connectionSize: size, material: tid === 'TC' ? 'PP' : 'PSU', sterile: true },
      key: size === 'small-bore' ? ['connectorType'] : ['connectorType', 'connectionSize'],
      synonyms: syn, abbreviations: abbr,
    })),
  },
  {
    id: 'sterilizing-filter', code: 'STF', unspsc: ['41104915', '23151806'], hs: ['8421.29'],
    synonyms: ['sterilizing-grade filter', 'sterile filter', '제균필터', '제균 필터', '멸균 필터', '멸균여과 필터'],
    abbreviations: [], unit: 'unit', capacity: [1_000, 100_000], demand: [200, 30_000], price: [80_000, 900_000],
    leadWeeks: [6, 16], must: FILTER_MUST, nice: ['ISO 13485:2016', 'USP <665>'], weight: 6,
    variants: cross([['C10', 'cartridge filter, 10-inch', '카트리지 10인치', '0.6 m2', '10 in'], ['C20', 'cartridge filter, 20-inch', '카트리지 20인치', '1.2 m2', '20 in'], ['CAP', 'capsule filter', '캡슐필터', '0.1 m2', undefined]] as const, cross(['PES', 'PVDF'], ['0.2', '0.1'])).map(([[fid, en, ko, area, length], [membrane, pore]]) => ({
      id: `${membrane}${pore === '0.2' ? '' : '-MYCO'}-${fid}`,
      en: `${pore === '0.1' ? 'Mycoplasma-retentive' : 'Sterilizing-grade'} ${membrane} ${en} ${pore === '0.2' && membrane === 'PVDF' ? '0.22' : pore} um`,
      ko: `${pore === '0.1' ? '마이코플라스마 제거 필터' : '제균필터'} ${membrane} ${ko} ${pore === '0.2' && membrane === 'PVDF' ? '0.22' : pore}um`,
      specs: { poreSize: `${pore === '0.2' && membrane === 'PVDF' ? '0.22' : pore} um`, material: membrane, filterArea: area, ...(length ? { length } : { sterile: true }) },
      key: length ? ['poreSize', 'length'] : ['poreSize'],
      synonyms: fid === 'CAP' ? ['capsule filter', '캡슐필터', '캡슐 필터'] : ['cartridge filter', '카트리지 필터'],
      abbreviations: [membrane],
    })),
  },
  {
    id: 'depth-filter', code: 'DPF', unspsc: ['41104913'], hs: ['8421.29'],
    synonyms: ['depth filter', 'clarification filter', '뎁스필터', '심층여과 필터', '청징 필터'],
    abbreviations: [], unit: 'm2', capacity: [500, 50_000], demand: [100, 10_000], price: [150_000, 900_000],
    leadWeeks: [8, 16], must: ['ISO 9001:2015'], nice: ['ISO 13485:2016', 'USP <665>'], weight: 3,
    variants: cross(['0.1', '0.5', '1', '5', '10'], [['POD', 'pod', '포드'], ['LEN', 'lenticular', '렌티큘러']] as const).map(([r, [fid, en, ko]]) => ({
      id: `${r.replace('.', '')}-${fid}`, en: `Cellulose depth filter ${en}, ${r} um`, ko: `뎁스필터 ${ko} ${r}um`,
      specs: { nominalRating: `${r} um`, filterArea: fid === 'POD' ? '1.1 m2' : '1.8 m2', material: 'cellulose+DE' },
      key: ['nominalRating'],
    })),
  },
  {
    id: 'tff-cassette', code: 'TFF', unspsc: ['23151806'], hs: ['8421.29'],
    synonyms: ['TFF cassette', 'ultrafiltration membrane', 'UF/DF cassette', '한외여과막', 'TFF 카세트', '한외여과 카세트'],
    abbreviations: ['TFF', 'UF/DF', 'UF'], unit: 'm2', capacity: [200, 20_000], demand: [50, 5_000], price: [600_000, 3_000_000],
    leadWeeks: [8, 20], must: ['ISO 9001:2015'], nice: ['ISO 13485:2016', 'USP <665>'], weight: 2,
    variants: cross(['10', '30', '50', '100'], cross(['PES', 'RC'], ['0.1', '0.5', '1.1'])).map(([mwco, [material, area]]) => ({
      id: `${mwco}K-${material}-${area.replace('.', '')}`, en: `TFF cassette ${mwco} kDa ${material}, ${area} m2`, ko: `TFF 카세트 ${mwco}kDa ${material} ${area}m2`,
      specs: { mwco: `${mwco} kDa`, material, filterArea: `${area} m2` },
      key: ['mwco', 'filterArea'],
    })),
  },
  {
    id: 'virus-filter', code: 'VRF', unspsc: ['23151806'], hs: ['8421.29'],
    synonyms: ['virus filter', 'virus removal filter', 'nanofilter', '바이러스 필터', '바이러스 제거 필터'],
    abbreviations: ['VF'], unit: 'm2', capacity: [50, 5_000], demand: [10, 1_000], price: [2_000_000, 9_000_000],
    leadWeeks: [12, 20], must: ['ISO 9001:2015', 'USP <88> Class VI'], nice: ['ISO 13485:2016'], weight: 1,
    variants: cross(['PVDF', 'PES', 'CRC'], ['0.1', '1']).map(([material, area]) => ({
      id: `${material}-${area.replace('.', '')}`, en: `Virus removal filter 20 nm, ${material}, ${area} m2`, ko: `바이러스 필터 20nm ${material} ${area}m2`,
      specs: { retentionRating: '20 nm', lrv: 4, material, filterArea: `${area} m2` },
      key: ['filterArea'],
    })),
  },
  {
    id: 'air-filter', code: 'AIR', unspsc: ['41104919'], hs: ['8421.39'],
    synonyms: ['vent filter', 'air filter', 'gas filter', 'hydrophobic filter', '에어필터', '벤트필터'],
    abbreviations: ['PTFE'], unit: 'unit', capacity: [1_000, 60_000], demand: [100, 10_000], price: [60_000, 400_000],
    leadWeeks: [4, 12], must: ['ISO 9001:2015'], nice: ['ISO 13485:2016'], weight: 2,
    variants: [['CAP', 'capsule', '캡슐'], ['C10', 'cartridge, 10-inch', '카트리지 10인치'], ['DISC', 'disc, 50 mm', '디스크 50mm']].map(([id, en, ko]) => ({
      id: id as string, en: `Hydrophobic PTFE vent filter 0.2 um, ${en}`, ko: `에어필터 PTFE 벤트필터 0.2um ${ko}`,
      specs: { poreSize: '0.2 um', material: 'PTFE', format: id === 'CAP' ? 'capsule' : id === 'C10' ? 'cartridge' : 'disc' },
      key: ['format'],
    })),
  },
  {
    id: 'protein-a-resin', code: 'PRA', unspsc: ['23151817'], hs: ['3913.90'],
    synonyms: ['Protein A resin', 'affinity resin', 'Protein A chromatography media', '프로틴A 레진', '친화 레진', '단백질A 레진'],
    abbreviations: ['ProA'], unit: 'L', capacity: [200, 20_000], demand: [50, 5_000], price: [6_000_000, 16_000_000],
    leadWeeks: [8, 26], must: ['ISO 9001:2015', 'BSE/TSE', 'ADCF'], nice: ['GMP', 'DMF'], weight: 2,
    variants: cross([['AG', 'agarose', '아가로스'], ['PM', 'polymethacrylate', '폴리메타크릴레이트']] as const, cross([['STD', '50 g/L', 100], ['HC', '75 g/L', 200]] as const, ['60', '85'])).map(([[bid, base, ko], [[did, dbc, cycles], particle]]) => ({
      id: `${bid}-${did}-${particle}`, en: `Protein A affinity resin, ${base}, ${did === 'HC' ? 'high capacity' : 'standard'}, ${particle} um`,
      ko: `프로틴A 레진 (${ko}, ${did === 'HC' ? '고용량' : '표준'}) ${particle}um`,
      specs: { dbc, particleSize: `${particle} um`, cleaningCycles: cycles, base },
      key: ['dbc'],
    })),
  },
  {
    id: 'iex-resin', code: 'IEX', unspsc: ['23151817'], hs: ['3914.00'],
    synonyms: ['ion-exchange resin', 'ion exchange chromatography media', '이온교환 레진', '이온교환 수지', '이온교환 크로마토그래피 배지'],
    abbreviations: ['IEX'], unit: 'L', capacity: [200, 30_000], demand: [50, 8_000], price: [800_000, 5_000_000],
    leadWeeks: [8, 16], must: ['ISO 9001:2015', 'BSE/TSE'], nice: ['GMP', 'DMF'], weight: 2,
    variants: cross([['Q', 'Strong anion-exchange resin (Q)', '음이온교환 레진 (Q)', 'AEX'], ['SP', 'Strong cation-exchange resin (SP)', '양이온교환 레진 (SP)', 'CEX'], ['PH', 'Hydrophobic interaction resin (phenyl)', '소수성 상호작용 레진 (페닐)', 'HIC'], ['MM', 'Mixed-mode resin', '혼합모드 레진', 'MM']] as const, ['50', '90']).map(([[mid, en, ko, abbr], particle]) => ({
      id: `${mid}-${particle}`, en: `${en}, ${particle} um`, ko: `${ko} ${particle}um`,
      specs: { mode: abbr, dbc: mid === 'PH' ? '40 g/L' : '100 g/L', particleSize: `${particle} um` },
      key: ['mode', 'particleSize'], abbreviations: [abbr],
    })),
  },
  {
    id: 'buffer-salt', code: 'BUF', unspsc: ['12161700'], hs: ['2836.30'],
    synonyms: ['buffer salt', 'buffer', '버퍼', '완충액', '완충제'],
    abbreviations: [], unit: 'kg', capacity: [5_000, 500_000], demand: [1_000, 100_000], price: [8_000, 120_000],
    leadWeeks: [2, 8], must: ['ISO 9001:2015', 'GMP'], nice: ['ICH Q3D', 'DMF'], weight: 4,
    variants: [
      ['NACL', 'Sodium chloride', '염화나트륨', 'NaCl', '2501.00'], ['TRIS', 'Tris base', '트리스', 'Tris', '2922.19'],
      ['NAPH', 'Sodium phosphate dibasic', '인산수소나트륨', 'Na2HPO4', '2835.22'], ['NAAC', 'Sodium acetate', '아세트산나트륨', 'NaOAc', '2915.29'],
      ['HIS', 'L-Histidine', '히스티딘', 'His', '2933.29'], ['SUC', 'Sucrose', '수크로스', 'sucrose', '1701.99'],
      ['GLY', 'Glycine', '글리신', 'Gly', '2922.49'], ['CIT', 'Sodium citrate', '구연산나트륨', 'NaCit', '2918.15'],
      ['ARG', 'L-Arginine hydrochloride', '아르기닌 염산염', 'Arg-HCl', '2925.29'], ['PS80', 'Polysorbate 80', '폴리소르베이트 80', 'PS80', '3402.42'],
    ].map(([id, en, ko, abbr, hs]) => ({
      id: id as string, en: `${en}, multi-compendial (USP/EP/JP/KP)`, ko: `${ko} (다국약전 등급)`,
      specs: { grade: 'multi-compendial', endotoxin: '5 EU/g' }, key: [], synonyms: [en as string, ko as string], abbreviations: [abbr as string], hs: [hs as string],
    })),
  },
  {
    id: 'cleaning-agent', code: 'CIP', unspsc: ['47131800'], hs: ['3402.90'],
    synonyms: ['CIP cleaning agent', 'cleaning agent', 'detergent', '세정제', 'CIP 세정제'],
    abbreviations: ['CIP'], unit: 'L', capacity: [10_000, 1_000_000], demand: [2_000, 200_000], price: [3_000, 20_000],
    leadWeeks: [1, 4], must: ['ISO 9001:2015'], nice: ['REACH'], weight: 2,
    variants: [['ALK', 'Alkaline CIP cleaning agent, KOH-based', '알칼리 세정제 (KOH계)', 13.5], ['ACID', 'Acid CIP cleaning agent, phosphoric-acid-based', '산성 세정제 (인산계)', 1.5], ['NAOH', 'Sodium hydroxide 50 % solution', '수산화나트륨 50% 용액', 14], ['PAA', 'Peracetic acid sanitizer', '과초산 소독제', 2.5]].map(([id, en, ko, pH]) => ({
      id: id as string, en: en as string, ko: ko as string, specs: { pH: pH as number }, key: ['pH'],
    })),
  },
  {
    id: 'vial-glass', code: 'VIAL', unspsc: ['41121806'], hs: ['7010.90'],
    synonyms: ['vial', 'glass vial', 'injection vial', '바이알', '유리 바이알'],
    abbreviations: [], unit: 'unit', capacity: [500_000, 30_000_000], demand: [100_000, 8_000_000], price: [80, 900],
    leadWeeks: [8, 26], must: ['ISO 9001:2015', 'USP <660>'], nice: ['ISO 13485:2016', 'DMF'], weight: 4,
    variants: [
      ...cross(['2R', '4R', '6R', '8R', '10R', '15R', '20R', '25R', '30R', '50R', '100R'], [['B', 'bulk', '벌크'], ['RTU', 'ready-to-use, nested', 'RTU 네스트']] as const).map(([iso, [fid, en, ko]]): Variant => ({
        id: `${iso}-${fid}`, en: `Type I borosilicate vial ISO ${iso}, ${en}`, ko: `바이알 ${iso} (1종 붕규산, ${ko})`,
        specs: { isoSize: [iso], neckSize: ['2R', '4R', '6R', '8R'].includes(iso) ? '13 mm' : '20 mm', glassType: 'Type I borosilicate', format: fid === 'B' ? 'bulk' : 'RTU' },
        key: ['isoSize'],
      })),
      ...['1', '2', '5', '10'].map((v): Variant => ({
        id: `AMP${v}`, en: `Type I borosilicate ampoule ${v} mL`, ko: `앰플 ${v}mL (1종 붕규산 유리)`, specs: { volume: `${v} mL`, glassType: 'Type I borosilicate' },
        key: ['volume'], synonyms: ['ampoule', 'ampule', '앰플', '앰풀'], hs: ['7010.10'],
      })),
      { id: 'TUBE', en: 'Type I borosilicate glass tubing', ko: '붕규산 유리관', specs: { glassType: 'Type I borosilicate' }, key: [], synonyms: ['glass tubing', '유리관'] },
    ],
  },
  {
    id: 'stopper', code: 'STP', unspsc: ['41122502'], hs: ['4016.99'],
    synonyms: ['rubber stopper', 'vial stopper', '고무마개', '스토퍼', '고무 마개'],
    abbreviations: [], unit: 'unit', capacity: [500_000, 30_000_000], demand: [100_000, 8_000_000], price: [40, 500],
    leadWeeks: [12, 26], must: ['ISO 9001:2015', 'USP <381>'], nice: ['DMF'], weight: 3,
    variants: cross(['13', '20'], cross(['bromobutyl', 'chlorobutyl'], [true, false])).map(([neck, [elastomer, coated]]) => ({
      id: `${neck}-${elastomer === 'bromobutyl' ? 'BB' : 'CB'}${coated ? '-C' : ''}`,
      en: `${coated ? 'Coated ' : ''}${elastomer} rubber stopper ${neck} mm`, ko: `${elastomer === 'bromobutyl' ? '브로모부틸' : '클로로부틸'} 고무마개 ${neck}mm${coated ? ' 코팅' : ''}`,
      specs: { neckSize: `${neck} mm`, elastomer, coated },
      key: ['neckSize'],
    })),
  },
  {
    id: 'pipette-flask', code: 'PIP', unspsc: ['41121511', '41122104'], hs: ['3926.90'],
    synonyms: ['serological pipette', 'shake flask', '혈청 피펫', '배양 플라스크'],
    abbreviations: [], unit: 'case', capacity: [2_000, 200_000], demand: [200, 30_000], price: [30_000, 200_000],
    leadWeeks: [2, 8], must: ['ISO 9001:2015'], nice: ['ISO 13485:2016'], weight: 3,
    variants: [
      ...['1', '2', '5', '10', '25', '50'].map((v): Variant => ({
        id: `SER${v}`, en: `Serological pipette ${v} mL, sterile`, ko: `혈청 피펫 ${v}mL (멸균)`, specs: { volume: `${v} mL`, material: 'PS', sterile: true },
        key: ['volume'], synonyms: ['serological pipette', 'pipette', '혈청 피펫', '피펫'], unspsc: ['41121511'],
      })),
      ...['125 mL', '250 mL', '500 mL', '1 L', '2 L', '3 L'].map((v): Variant => ({
        id: `FL${v.replace(' ', '').toUpperCase()}`, en: `Shake flask ${v}, PC, vented cap, sterile`, ko: `진탕 배양 플라스크 ${v.replace(' ', '')} (PC, 벤트캡, 멸균)`,
        specs: { volume: v, material: 'PC', sterile: true }, key: ['volume'], synonyms: ['shake flask', 'Erlenmeyer flask', '배양 플라스크', '진탕 플라스크'], unspsc: ['41122104'],
      })),
    ],
  },
  {
    id: 'glove', code: 'GLV', unspsc: ['42132203'], hs: ['4015.12'],
    synonyms: ['nitrile gloves', 'cleanroom gloves', '니트릴 장갑', '멸균장갑', '장갑'],
    abbreviations: [], unit: 'pair', capacity: [100_000, 10_000_000], demand: [20_000, 2_000_000], price: [150, 2_000],
    leadWeeks: [4, 12], must: ['ISO 9001:2015', 'EN 455'], nice: ['ISO 13485:2016'], weight: 2,
    variants: cross([true, false], ['240', '300']).map(([sterile, length]) => ({
      id: `${sterile ? 'S' : 'NS'}-${length}`, en: `${sterile ? 'Sterile' : 'Cleanroom'} nitrile gloves, ${length} mm`, ko: `${sterile ? '멸균' : '클린룸용'} 니트릴 장갑 ${length}mm`,
      specs: { material: 'nitrile', sterile, length: `${length} mm` }, key: ['sterile', 'length'],
    })),
  },
  {
    id: 'cleanroom-garment', code: 'GRM', unspsc: ['46181512'], hs: ['6210.10'],
    synonyms: ['cleanroom garment', 'cleanroom apparel', '방진복', '클린룸 의류'],
    abbreviations: [], unit: 'set', capacity: [5_000, 500_000], demand: [1_000, 100_000], price: [8_000, 60_000],
    leadWeeks: [4, 8], must: ['ISO 9001:2015'], nice: ['ISO 13485:2016'], weight: 2,
    variants: [['COVER', 'coverall', '커버올'], ['HOOD', 'hood', '후드'], ['BOOT', 'boot cover', '부츠 커버'], ['MASK', 'face mask', '마스크'], ['SLEEVE', 'sleeve cover', '토시']].map(([id, en, ko]) => ({
      id: id as string, en: `Sterile cleanroom ${en}, polyester filament`, ko: `멸균 방진복 ${ko}`, specs: { garment: en as string, material: 'polyester filament', sterile: true }, key: ['garment'],
    })),
  },
];

interface CatalogEntry {
  readonly item: ItemJson;
  readonly category: CategorySpec;
  readonly variant: Variant;
}

function buildCatalog(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const category of CATEGORIES) {
    for (const variant of category.variants) {
      const item: ItemJson = {
        id: `IT-${category.code}-${variant.id}`,
        names: { en: variant.en, ko: variant.ko },
        synonyms: [...new Set([...(variant.synonyms ?? []), ...category.synonyms])],
        abbreviations: [...new Set([...(variant.abbreviations ?? []), ...category.abbreviations])],
        category: category.id,
        codes: { unspsc: [...(variant.unspsc ?? category.unspsc)], hs: [...(variant.hs ?? category.hs)] },
        specs: { ...variant.specs },
      };
      out.push({ item, category, variant });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Texts: how people write an item, with noise

const FILLERS_KO = ['구매', '납품', '공급 요청', '규격품', '국산화'];
const FILLERS_EN = ['for GMP production', 'supply', 'GMP grade', 'for bioprocess'];
const HANGUL_VOWEL_SWAPS: readonly (readonly [string, string])[] = [['ㅔ', 'ㅐ'], ['ㅓ', 'ㅗ'], ['ㅣ', 'ㅟ'], ['ㅡ', 'ㅜ']];
const JUNGSEONG = ['ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ'];

/** One typo in a Latin word (drop, double, swap, vowel) or a Korean syllable (vowel swap). */
function typo(rng: Rng, text: string): string {
  const words = text.split(' ');
  const latin = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/i.test(w));
  const hangul = words.map((w, i) => [w, i] as const).filter(([w]) => /[\uAC00-\uD7A3]{2,}/.test(w));
  const useHangul = hangul.length > 0 && (latin.length === 0 || rng.chance(0.5));
  if (useHangul) {
    const [w, i] = rng.pick(hangul);
    const chars = [...w];
    const positions = chars.map((c, k) => [c, k] as const).filter(([c]) => /[\uAC00-\uD7A3]/.test(c));
    const [c, k] = rng.pick(positions);
    const code = c.charCodeAt(0) - 0xac00;
    const jong = code % 28;
    const jung = Math.floor(code / 28) % 21;
    const cho = Math.floor(code / 588);
    const from = JUNGSEONG[jung] ?? '';
    const swap = HANGUL_VOWEL_SWAPS.find(([a, b]) => a === from || b === from);
    const to = swap ? (swap[0] === from ? swap[1] : swap[0]) : 'ㅏ';
    const nextJung = JUNGSEONG.indexOf(to);
    chars[k] = String.fromCharCode(0xac00 + cho * 588 + nextJung * 28 + jong);
    words[i] = chars.join('');
    return words.join(' ');
  }
  if (latin.length === 0) return text;
  const [w, i] = rng.pick(latin);
  const k = rng.int(1, w.length - 2);
  const kind = rng.int(0, 3);
  const next =
    kind === 0
      ? w.slice(0, k) + w.slice(k + 1)
      : kind === 1
        ? w.slice(0, k) + (w[k] ?? '') + w.slice(k)
        : kind === 2
          ? w.slice(0, k) + (w[k + 1] ?? '') + (w[k] ?? '') + w.slice(k + 2)
          : w.slice(0, k) + ((w[k] ?? '') === 'e' ? 'a' : 'e') + w.slice(k + 1);
  words[i] = next;
  return words.join(' ');
}

/** Spec tokens as people write them in free text: `0.22um`, `200L`, `10인치`, `1/4"`. */
function specTokens(rng: Rng, entry: CatalogEntry): string[] {
  const out: string[] = [];
  for (const key of entry.variant.key) {
    const v = entry.item.specs[key];
    if (typeof v !== 'string' || !/^\d/.test(v)) continue;
    const m = /^([\d./]+)\s*(.*)$/.exec(v);
    if (!m) continue;
    const [, n = '', unit = ''] = m;
    if (unit === 'in') out.push(rng.pick([`${n}"`, `${n}인치`, `${n} inch`, `${n}in`]));
    else if (unit === 'L') out.push(rng.pick([`${n}L`, `${n} L`, `${n}리터`]));
    else out.push(rng.chance(0.5) ? `${n}${unit}` : `${n} ${unit}`);
  }
  return out;
}

/** The pool of ways to write one item (see VARIANTS_PER_ITEM). */
function textPool(rng: Rng, entry: CatalogEntry): string[] {
  const { item } = entry;
  const sources = [item.names.en, item.names.ko, ...item.synonyms, ...item.abbreviations.filter((a) => a.length >= 2)];
  const pool: string[] = [];
  for (let k = 0; k < VARIANTS_PER_ITEM; k++) {
    // The first two are the names themselves (the commonest writing), the rest anything.
    let base = k === 0 ? item.names.en : k === 1 ? item.names.ko : rng.pick(sources);
    // Names carry their specs; cut them here, specTokens() adds them back in free form.
    base = base.replace(/,?\s*\(?[\d./]+\s*(?:um|nm|mm|mL|L|kDa|m2|in|inch|-inch|R|g\/L|인치)\)?/gu, '').replace(/\s+/g, ' ').trim();
    if (k >= 2 && rng.chance(0.45)) base = typo(rng, base);
    if (k >= 2 && rng.chance(0.25)) base = rng.chance(0.5) ? base.toLowerCase() : base.toUpperCase();
    if (rng.chance(0.2)) base = /[\uAC00-\uD7A3]/.test(base) ? `${base} ${rng.pick(FILLERS_KO)}` : `${base} ${rng.pick(FILLERS_EN)}`;
    pool.push(base);
  }
  return pool;
}

function freeText(rng: Rng, entry: CatalogEntry, pool: readonly string[]): string {
  const base = rng.pick(pool);
  const specs = specTokens(rng, entry);
  return [base, ...specs].join(' ').slice(0, 200);
}

// ---------------------------------------------------------------------------------------------
// Companies

const SYLLABLES: readonly (readonly [string, string])[] = [
  ['Ha', '하'], ['Nul', '늘'], ['Han', '한'], ['Bit', '빛'], ['Ga', '가'], ['On', '온'], ['Se', '세'], ['Ra', '라'],
  ['Mi', '미'], ['Rae', '래'], ['Dong', '동'], ['Seo', '서'], ['Jin', '진'], ['Hyeon', '현'], ['Yu', '유'], ['Na', '나'],
  ['Sol', '솔'], ['Bo', '보'], ['Ram', '람'], ['Da', '다'], ['Eun', '은'], ['Tae', '태'], ['Yang', '양'], ['Woo', '우'],
];
const TRADES: readonly (readonly [string, string])[] = [
  ['Bioprocess', '바이오프로세스'], ['Membrane', '멤브레인'], ['Polymer', '폴리머'], ['Bio', '바이오'], ['Pack', '팩'],
  ['Science', '사이언스'], ['Chem', '켐'], ['Glass', '글라스'], ['Lab', '랩'], ['Tech', '테크'], ['Medical', '메디칼'],
];
const REGIONS = ['Incheon', 'Incheon', 'Incheon', 'Gyeonggi', 'Gyeonggi', 'Seoul', 'Chungbuk', 'Daejeon', 'Busan', 'Gyeongnam', 'Gangwon', 'Jeonbuk'];
const FOREIGN: readonly (readonly [string, string, string])[] = [
  ['US', 'USD', 'Inc.'], ['DE', 'EUR', 'GmbH'], ['FR', 'EUR', 'S.A.'], ['JP', 'JPY', 'K.K.'], ['GB', 'GBP', 'Ltd.'], ['CH', 'CHF', 'AG'],
];
const FOREIGN_WORDS = ['Nordic', 'Alpine', 'Pacific', 'Summit', 'Keystone', 'Meridian', 'Atlas', 'Harbor', 'Crest', 'Vertex', 'Sterling', 'Avalon'];

const EXCHANGE = { base: 'KRW', rates: { USD: 1120, EUR: 1350, JPY: 10.5, GBP: 1550, CHF: 1230 } } as const;

/** `YYYY-MM-DD` of a day number (days since 2000-01-01, UTC). */
function day(n: number): string {
  return new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}
const AS_OF_DAY = Math.round((Date.UTC(2021, 2, 1) - Date.UTC(2000, 0, 1)) / 86_400_000);

/** A certificate held: issued 2016-2021, valid three years (a cleanroom class one year), declarations forever. */
function certificate(rng: Rng, type: string): Record<string, unknown> {
  const declaration = type === 'BSE/TSE' || type === 'ADCF';
  const cleanroom = type === 'ISO 14644-1';
  const issued = AS_OF_DAY - rng.int(cleanroom ? 20 : 60, cleanroom ? 500 : 1_800);
  const cert: Record<string, unknown> = { type };
  if (cleanroom) cert.class = rng.weighted([['ISO 7', 6], ['ISO 5', 2], ['ISO 8', 2]]);
  cert.issuer = rng.pick(['KTR', 'KTL', 'K-Standards Registrar', 'Korea Biomaterial Test Lab', 'TÜV SÜD', 'SGS', 'BSI']);
  cert.issued = day(issued);
  if (!declaration) cert.expires = day(issued + (cleanroom ? 364 : 1_094));
  return cert;
}

// ---------------------------------------------------------------------------------------------
// The dataset

/**
 * Makes a seeded dataset in the library's JSON input form (as `parseDataset` reads it). The same
 * options give deep-equal output, and the CLI writes it byte for byte the same.
 *
 * @example
 * const input = generateDataset({ offerings: 1_000, lines: 100, seed: 1 });
 * parseDataset(input).suppliers.flatMap((s) => s.offerings).length; // => 1000
 */
export function generateDataset(options: GenerateOptions): DatasetInput {
  const seed = options.seed ?? 1;
  const rng = new Rng(seed * 2_654_435_761 + 1);
  const catalog = buildCatalog();
  const pools = catalog.map((entry) => textPool(rng, entry));
  const byCategory = new Map<string, number[]>();
  catalog.forEach((e, i) => byCategory.set(e.category.id, [...(byCategory.get(e.category.id) ?? []), i]));
  const categoryWeights = CATEGORIES.map((c): [CategorySpec, number] => [c, c.weight]);

  const pickEntry = (category: CategorySpec): { entry: CatalogEntry; index: number } => {
    const index = rng.pick(byCategory.get(category.id) ?? []);
    return { entry: catalog[index] as CatalogEntry, index };
  };

  // --- suppliers and offerings --------------------------------------------------------------
  const suppliers: Record<string, unknown>[] = [];
  let offeringsLeft = options.offerings;
  for (let s = 1; offeringsLeft > 0; s++) {
    const id = `S-${String(s).padStart(6, '0')}`;
    const foreign = rng.chance(0.2) ? rng.pick(FOREIGN) : undefined;
    const [a, b] = [rng.pick(SYLLABLES), rng.pick(SYLLABLES)];
    const trade = rng.pick(TRADES);
    const names: Record<string, string> = foreign
      ? { en: `${rng.pick(FOREIGN_WORDS)} ${trade[0]} ${foreign[2]}` }
      : rng.chance(0.5)
        ? { en: `${a[0]}${b[0].toLowerCase()} ${trade[0]} Co., Ltd.`, ko: `(주)${a[1]}${b[1]}${trade[1]}` }
        : { en: `${a[0]}${b[0].toLowerCase()} ${trade[0]}`, ko: `${a[1]}${b[1]}${trade[1]} 주식회사` };
    const focus = [...new Set([rng.weighted(categoryWeights), ...(rng.chance(0.5) ? [rng.weighted(categoryWeights)] : []), ...(rng.chance(0.2) ? [rng.weighted(categoryWeights)] : [])])];
    const certTypes = new Set<string>();
    if (rng.chance(0.92)) certTypes.add('ISO 9001:2015');
    for (const c of focus) {
      for (const t of c.must) if (rng.chance(0.75)) certTypes.add(t);
      for (const t of c.nice) if (rng.chance(0.4)) certTypes.add(t);
    }
    const certifications = [...certTypes].map((t) => certificate(rng, t));
    const count = Math.min(offeringsLeft, rng.int(1, 8));
    offeringsLeft -= count;
    const offerings: Record<string, unknown>[] = [];
    for (let k = 1; k <= count; k++) {
      const category = rng.pick(focus);
      const { entry, index } = pickEntry(category);
      const o: Record<string, unknown> = { id: `${id}-O${k}` };
      const form = rng.weighted([['item', 65], ['text', 25], ['category', 5], ['unspsc', 5]] as const);
      if (form === 'item') o.item = entry.item.id;
      else if (form === 'text') o.text = freeText(rng, entry, pools[index] ?? []);
      else if (form === 'category') o.category = category.id;
      else o.unspsc = rng.pick(entry.item.codes.unspsc);
      // Specs: all, some or none of the item's (then the catalog's are read); a few off.
      const stated = form === 'item' ? rng.weighted([['all', 50], ['some', 30], ['none', 20]] as const) : rng.weighted([['all', 75], ['some', 25]] as const);
      const specs: Record<string, SpecJson> = {};
      for (const [key, value] of Object.entries(entry.item.specs)) {
        if (stated === 'none' || (stated === 'some' && rng.chance(0.5))) continue;
        specs[key] = value;
      }
      const off = Object.keys(specs).filter((key) => splitQuantity(specs[key]) !== undefined);
      if (off.length > 0 && rng.chance(0.08)) {
        const key = rng.pick(off);
        const q = splitQuantity(specs[key]);
        if (q) specs[key] = `${sig(q.n * rng.pick([0.5, 0.8, 1.25, 2]))} ${q.unit}`;
      }
      if (Object.keys(specs).length > 0) o.specs = specs;
      const yearly = rng.round(category.capacity[0], category.capacity[1]);
      o.capacity = rng.chance(0.6) ? `${yearly.toLocaleString('en-US')} ${category.unit}/year` : `${Math.max(1, Math.round(yearly / 12)).toLocaleString('en-US')} ${category.unit}/month`;
      if (rng.chance(0.95)) o.leadTime = rng.chance(0.85) ? `${rng.int(category.leadWeeks[0], category.leadWeeks[1])} wk` : `${rng.int(1, 6)} mo`;
      if (rng.chance(0.3)) o.minOrder = `${rng.round(1, Math.max(2, category.demand[0] / 10))} ${category.unit}`;
      if (rng.chance(0.85)) {
        const krw = rng.round(category.price[0], category.price[1]);
        const currency = foreign?.[1] ?? 'KRW';
        const rate = currency === 'KRW' ? 1 : EXCHANGE.rates[currency as keyof typeof EXCHANGE.rates];
        o.unitPrice = { amount: currency === 'KRW' ? krw : Math.round((krw / rate) * 100) / 100, currency, per: category.unit === 'case' ? 'case' : category.unit };
      }
      o.readiness = foreign ? 'in-production' : rng.weighted([['in-production', 60], ['qualified-elsewhere', 15], ['prototype', 15], ['capable', 10]] as const);
      if (rng.chance(0.1)) o.certifications = [certificate(rng, rng.pick(category.must))];
      offerings.push(o);
    }
    suppliers.push({
      id,
      names,
      country: foreign?.[0] ?? 'KR',
      ...(foreign ? {} : { region: rng.pick(REGIONS) }),
      size: foreign ? 'large' : rng.weighted([['micro', 2], ['small', 5], ['medium', 3]] as const),
      certifications,
      supportNeeds: foreign ? [] : rng.some(['funding', 'information', 'technical'], rng.int(1, 2)),
      offerings,
    });
  }

  // --- buyers and demand lines -----------------------------------------------------------------
  const buyers: Record<string, unknown>[] = [];
  let linesLeft = options.lines;
  let lineNo = 0;
  for (let b = 1; linesLeft > 0; b++) {
    const id = `B-${String(b).padStart(4, '0')}`;
    const count = Math.min(linesLeft, rng.int(5, 45));
    linesLeft -= count;
    const demandLines: Record<string, unknown>[] = [];
    for (let k = 0; k < count; k++) {
      lineNo += 1;
      const category = rng.weighted(categoryWeights);
      const { entry, index } = pickEntry(category);
      const line: Record<string, unknown> = { id: `L-${String(lineNo).padStart(6, '0')}` };
      const form = rng.weighted([['item', 50], ['text', 40], ['unspsc', 10]] as const);
      if (form === 'item') line.item = entry.item.id;
      else if (form === 'text') line.text = freeText(rng, entry, pools[index] ?? []);
      else line.unspsc = rng.pick(entry.item.codes.unspsc);
      const yearly = rng.round(category.demand[0], category.demand[1]);
      line.quantity = rng.chance(0.5) ? `${yearly.toLocaleString('en-US')} ${category.unit}/year` : `${Math.max(1, Math.round(yearly / 12)).toLocaleString('en-US')} ${category.unit}/month`;
      const specs: Record<string, unknown>[] = [];
      for (const key of entry.variant.key) {
        const v = entry.item.specs[key];
        if (v === undefined || rng.chance(0.15)) continue;
        if (Array.isArray(v)) specs.push({ key, op: 'oneOf', values: v });
        else if (typeof v === 'string' && /^1\/4 in$/.test(v) && rng.chance(0.5)) specs.push({ key, op: 'eq', value: '6.35 mm', tolerance: '2%' });
        else if (v === '0.2 um' && rng.chance(0.5)) specs.push({ key, op: 'eq', value: '0.22 um' });
        else specs.push({ key, op: 'eq', value: v });
      }
      for (const [key, v] of Object.entries(entry.item.specs)) {
        if (entry.variant.key.includes(key) || !rng.chance(0.25)) continue;
        const q = splitQuantity(v);
        if (q !== undefined) {
          const op = rng.pick(['min', 'max', 'range'] as const);
          if (op === 'range') specs.push({ key, op, min: `${sig(q.n * 0.8)} ${q.unit}`, max: `${sig(q.n * 1.2)} ${q.unit}`, importance: 'preferred' });
          else specs.push({ key, op, value: `${sig(q.n * (op === 'min' ? 0.9 : 1.1))} ${q.unit}`, importance: rng.chance(0.3) ? 'required' : 'preferred' });
        } else if (typeof v === 'string') specs.push({ key, op: 'oneOf', values: [v, rng.pick(['PES', 'PVDF', 'PP', 'PC', 'ULDPE', 'TPE'])], importance: 'preferred' });
        else if (typeof v === 'boolean') specs.push({ key, op: 'eq', value: v, importance: rng.chance(0.5) ? 'required' : 'preferred' });
      }
      if (specs.length > 0) line.specs = specs;
      const certs: Record<string, unknown>[] = [];
      for (const t of category.must) if (rng.chance(0.7)) certs.push(t === 'ISO 14644-1' ? { type: t, level: 'must', class: 'ISO 7' } : { type: t, level: 'must' });
      for (const t of category.nice) if (rng.chance(0.5)) certs.push({ type: t, level: 'nice' });
      if (certs.length > 0) line.certifications = certs;
      if (rng.chance(0.6)) line.maxLeadTime = `${rng.int(Math.max(2, category.leadWeeks[0]), category.leadWeeks[1] + 6)} wk`;
      if (rng.chance(0.5)) line.needBy = day(AS_OF_DAY + rng.int(30, 400));
      if (rng.chance(0.7)) line.maxUnitPrice = { amount: rng.round(category.price[0] * 0.8, category.price[1] * 1.5), currency: 'KRW', per: category.unit === 'case' ? 'case' : category.unit };
      const domestic = rng.weighted([['preferred', 40], ['required', 10], ['none', 50]] as const);
      const regions = rng.chance(0.3) ? rng.some(['Incheon', 'Gyeonggi', 'Seoul', 'Chungbuk'], rng.int(1, 2)) : [];
      line.sourcing = { domestic, regions, minSuppliers: rng.int(1, 3), maxSupplierShare: rng.pick([0.5, 0.7, 0.8, 1]) };
      line.critical = rng.chance(0.2);
      demandLines.push(line);
    }
    buyers.push({
      id,
      names: { en: `${rng.pick(['Songdo', 'Yeonsu', 'Cheongna', 'Osong', 'Pangyo', 'Daedeok'])} Biologics ${b}`, ko: `${rng.pick(['송도', '연수', '청라', '오송', '판교', '대덕'])}바이오로직스 ${b}` },
      country: 'KR',
      region: rng.pick(['Incheon', 'Gyeonggi', 'Chungbuk']),
      demandLines,
    });
  }

  return {
    meta: {
      name: `synthetic-${options.offerings}x${options.lines}-s${seed}`,
      description: `Synthetic dataset made by bench/generate.ts (--offerings ${options.offerings} --lines ${options.lines} --seed ${seed}); all companies fictional.`,
      fictional: true,
      asOf: SYNTHETIC_AS_OF,
      domesticCountry: 'KR',
      exchangeRates: { base: EXCHANGE.base, rates: { ...EXCHANGE.rates } },
    },
    items: catalog.map((e) => e.item),
    suppliers,
    buyers,
  } as unknown as DatasetInput;
}

/** One record per line: diffable, and still fast to write for 100k offerings. */
function jsonArray(records: readonly unknown[]): string {
  return records.length === 0 ? '[]\n' : `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

/**
 * Writes a generated dataset as the JSON files of a dataset directory (items.json,
 * suppliers.json, buyers.json, meta.json); returns the directory.
 *
 * @example
 * writeDataset(generateDataset({ offerings: 1000, lines: 100 }), 'tmp/synthetic-1k');
 */
export function writeDataset(input: DatasetInput, dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'items.json'), jsonArray(input.items));
  writeFileSync(join(dir, 'suppliers.json'), jsonArray(input.suppliers));
  writeFileSync(join(dir, 'buyers.json'), jsonArray(input.buyers));
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(input.meta, null, 2)}\n`);
  return dir;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      offerings: { type: 'string', default: '1000' },
      lines: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const offerings = Number(values.offerings);
  const lines = Number(values.lines);
  const seed = Number(values.seed);
  if (![offerings, lines, seed].every((n) => Number.isInteger(n) && n >= 0) || values.out === undefined) {
    process.stderr.write('usage: npx tsx bench/generate.ts --offerings N --lines N [--seed N] --out DIR\n');
    process.exitCode = 2;
    return;
  }
  const dir = writeDataset(generateDataset({ offerings, lines, seed }), values.out);
  process.stdout.write(`wrote ${offerings} offerings and ${lines} demand lines (seed ${seed}) to ${dir}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
