import type { Category } from '../model/item.js';

/**
 * The built-in taxonomy of biopharma raw and subsidiary materials, and of the equipment and
 * parts on the Incheon programme's localization list (docs/domain.md): seventeen groups and
 * fifty-one leaf categories, each with English and Korean names. The first seven groups are
 * the bioprocess consumables; the rest are rubber parts, hoses, sanitary metal parts,
 * measuring instruments, lab equipment, transport equipment, freezers, constant-temperature
 * equipment, sterilizers and washers, and safety products. A dataset may add categories to it
 * (`extraCategories`) or bring its own list instead (`categories`).
 *
 * @example
 * BIO_TAXONOMY.find((c) => c.id === 'virus-filter')?.parent; // => 'filtration'
 * BIO_TAXONOMY.find((c) => c.id === 'ult-freezer')?.names.ko; // => '초저온 냉동고'
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
  // The rest of the programme's localization list: parts, instruments and equipment.
  { id: 'rubber-parts', names: { en: 'Rubber parts', ko: '고무류' } },
  { id: 'hoses', names: { en: 'Hoses', ko: '호스류' } },
  { id: 'metal-parts', names: { en: 'Sanitary metal parts', ko: '금속류' } },
  { id: 'instruments', names: { en: 'Measuring instruments', ko: '측정기기류' } },
  { id: 'lab-equipment', names: { en: 'Lab equipment', ko: '실험기기류' } },
  { id: 'transport', names: { en: 'Transport equipment', ko: '운반기기류' } },
  { id: 'cold-storage', names: { en: 'Freezers and cold storage', ko: '냉동기기류' } },
  { id: 'constant-temperature', names: { en: 'Incubators and constant-temperature equipment', ko: '항온기기류' } },
  { id: 'sterilization', names: { en: 'Sterilizers and washers', ko: '멸균·세척기' } },
  { id: 'safety', names: { en: 'Safety products', ko: '안전제품' } },
  { id: 'hepa-filter', parent: 'filtration', names: { en: 'HEPA and cleanroom air filters', ko: '헤파필터' } },
  { id: 'process-chemical', parent: 'chemicals', names: { en: 'Process chemicals (acids, bases, solvents)', ko: '공정용 화학약품' } },
  { id: 'disinfectant', parent: 'chemicals', names: { en: 'Disinfectants and sporicides', ko: '소독제' } },
  { id: 'gasket', parent: 'rubber-parts', names: { en: 'Gaskets and O-rings', ko: '가스켓·오링' } },
  { id: 'diaphragm', parent: 'rubber-parts', names: { en: 'Valve diaphragms', ko: '다이어프램' } },
  { id: 'sanitary-hose', parent: 'hoses', names: { en: 'Sanitary hoses', ko: '위생용 호스' } },
  { id: 'sanitary-fitting', parent: 'metal-parts', names: { en: 'Sanitary fittings, clamps and ferrules', ko: '위생배관 피팅' } },
  { id: 'sanitary-valve', parent: 'metal-parts', names: { en: 'Sanitary valves', ko: '위생 밸브' } },
  { id: 'process-sensor', parent: 'instruments', names: { en: 'Process sensors (pH, DO, conductivity)', ko: '공정 센서' } },
  { id: 'temperature-logger', parent: 'instruments', names: { en: 'Temperature data loggers', ko: '온도 기록계' } },
  { id: 'pressure-gauge', parent: 'instruments', names: { en: 'Pressure gauges and transmitters', ko: '압력계' } },
  { id: 'particle-counter', parent: 'instruments', names: { en: 'Particle counters and air samplers', ko: '파티클 카운터' } },
  { id: 'biosafety-cabinet', parent: 'lab-equipment', names: { en: 'Biosafety cabinets', ko: '생물안전작업대' } },
  { id: 'centrifuge', parent: 'lab-equipment', names: { en: 'Centrifuges', ko: '원심분리기' } },
  { id: 'shaker', parent: 'lab-equipment', names: { en: 'Shakers and mixers', ko: '진탕기' } },
  { id: 'pipettor', parent: 'lab-equipment', names: { en: 'Pipettors', ko: '피펫터' } },
  { id: 'cart', parent: 'transport', names: { en: 'Carts and trolleys', ko: '운반 카트' } },
  { id: 'bag-container', parent: 'transport', names: { en: 'Bag containers, totes and pallets', ko: '백 컨테이너' } },
  { id: 'cold-chain-shipper', parent: 'transport', names: { en: 'Cold-chain shippers', ko: '콜드체인 운송용기' } },
  { id: 'ult-freezer', parent: 'cold-storage', names: { en: 'Ultra-low temperature freezers', ko: '초저온 냉동고' } },
  { id: 'freezer', parent: 'cold-storage', names: { en: 'Freezers and refrigerators', ko: '냉동·냉장고' } },
  { id: 'ln2-storage', parent: 'cold-storage', names: { en: 'Liquid nitrogen storage', ko: '액체질소 보관용기' } },
  { id: 'co2-incubator', parent: 'constant-temperature', names: { en: 'CO2 incubators', ko: 'CO2 인큐베이터' } },
  { id: 'shaking-incubator', parent: 'constant-temperature', names: { en: 'Shaking incubators', ko: '진탕 배양기' } },
  { id: 'stability-chamber', parent: 'constant-temperature', names: { en: 'Stability and environmental chambers', ko: '항온항습 챔버' } },
  { id: 'autoclave', parent: 'sterilization', names: { en: 'Autoclaves', ko: '고압멸균기' } },
  { id: 'glassware-washer', parent: 'sterilization', names: { en: 'Glassware and parts washers', ko: '초자 세척기' } },
  { id: 'vhp-generator', parent: 'sterilization', names: { en: 'Hydrogen peroxide vapour (VHP) decontamination', ko: '과산화수소 증기 멸균기' } },
  { id: 'ppe', parent: 'safety', names: { en: 'Personal protective equipment', ko: '개인보호구' } },
  { id: 'spill-kit', parent: 'safety', names: { en: 'Spill kits and absorbents', ko: '유출 방제 키트' } },
].map((c) => Object.freeze(c)));
