import type { Category } from '../model/item.js';

/**
 * The built-in taxonomy of biopharma raw and subsidiary materials (docs/domain.md): seven groups
 * and twenty-one categories. A dataset may bring its own `categories` instead.
 *
 * @example
 * BIO_TAXONOMY.find((c) => c.id === 'virus-filter')?.parent; // => 'filtration'
 */
export const BIO_TAXONOMY: readonly Category[] = Object.freeze([
  { id: 'media', names: { en: 'Media and supplements', ko: '배지 및 첨가물' } },
  { id: 'single-use', names: { en: 'Single-use systems', ko: '일회용 시스템' } },
  { id: 'filtration', names: { en: 'Filtration', ko: '여과' } },
  { id: 'chromatography', names: { en: 'Chromatography', ko: '크로마토그래피' } },
  { id: 'chemicals', names: { en: 'Chemicals', ko: '화학물질' } },
  { id: 'primary-packaging', names: { en: 'Primary packaging', ko: '1차 포장재' } },
  { id: 'consumables', names: { en: 'Lab and cleanroom consumables', ko: '실험·청정실 소모품' } },
  { id: 'cell-culture-media', parent: 'media', names: { en: 'Cell culture media and feeds', ko: '세포배양 배지' } },
  { id: 'recombinant-supplement', parent: 'media', names: { en: 'Recombinant supplements', ko: '재조합 단백질 첨가물' } },
  { id: 'em-media', parent: 'media', names: { en: 'Environmental-monitoring media', ko: '환경배지' } },
  { id: 'sub-bag', parent: 'single-use', names: { en: 'Single-use bioreactor bags', ko: '일회용 세포배양백' } },
  { id: 'su-bag', parent: 'single-use', names: { en: 'Storage, mixing and buffer bags', ko: '일회용 백' } },
  { id: 'tubing', parent: 'single-use', names: { en: 'Tubing', ko: '튜빙' } },
  { id: 'connector', parent: 'single-use', names: { en: 'Connectors', ko: '커넥터' } },
  { id: 'sterilizing-filter', parent: 'filtration', names: { en: 'Sterilizing filters', ko: '제균필터' } },
  { id: 'depth-filter', parent: 'filtration', names: { en: 'Depth filters', ko: '뎁스필터' } },
  { id: 'tff-cassette', parent: 'filtration', names: { en: 'TFF cassettes', ko: 'TFF 카세트' } },
  { id: 'virus-filter', parent: 'filtration', names: { en: 'Virus filters', ko: '바이러스 필터' } },
  { id: 'air-filter', parent: 'filtration', names: { en: 'Air and vent filters', ko: '에어필터' } },
  { id: 'protein-a-resin', parent: 'chromatography', names: { en: 'Protein A resins', ko: '프로틴A 레진' } },
  { id: 'iex-resin', parent: 'chromatography', names: { en: 'Ion-exchange and HIC resins', ko: '이온교환 레진' } },
  { id: 'buffer-salt', parent: 'chemicals', names: { en: 'Buffers and salts', ko: '버퍼 및 염' } },
  { id: 'cleaning-agent', parent: 'chemicals', names: { en: 'CIP cleaning agents', ko: '세정제' } },
  { id: 'vial-glass', parent: 'primary-packaging', names: { en: 'Vials, ampoules and glass tubing', ko: '바이알·앰플' } },
  { id: 'stopper', parent: 'primary-packaging', names: { en: 'Stoppers', ko: '고무마개' } },
  { id: 'pipette-flask', parent: 'consumables', names: { en: 'Pipettes and shake flasks', ko: '혈청 피펫·배양 플라스크' } },
  { id: 'glove', parent: 'consumables', names: { en: 'Gloves', ko: '장갑' } },
  { id: 'cleanroom-garment', parent: 'consumables', names: { en: 'Cleanroom garments', ko: '방진복' } },
].map((c) => Object.freeze(c)));
