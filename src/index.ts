/**
 * supplymatch: match suppliers of raw materials with the companies that need them, and
 * explain every match. This core entry point runs anywhere (Node, browsers, Deno): it does
 * no I/O. File loading lives in `supplymatch/node`.
 */
export { SupplymatchError, formatIssues, formatPath, type Issue, type FormatIssuesOptions } from './errors.js';

export {
  parseQuantity,
  parseQuantityOrThrow,
  compareQuantities,
  convertQuantity,
  formatQuantityValue,
  quantityDimensionName,
  sameDimension,
  isRate,
  type Quantity,
  type QuantityParseResult,
  type QuantityIssueCode,
  type Comparison,
  type Dimension,
} from './model/quantity.js';
export { quantityField, type QuantityKind } from './model/quantity-schema.js';
export {
  IdSchema,
  TextSchema,
  NameSchema,
  NamesSchema,
  DateSchema,
  CountrySchema,
  CurrencySchema,
  PriceSchema,
  SupportTypeSchema,
  type Price,
  type SupportType,
} from './model/common.js';
export {
  SpecKeySchema,
  SpecValueSchema,
  SpecsSchema,
  SpecRequirementSchema,
  ImportanceSchema,
  type SpecValue,
  type Specs,
  type SpecRequirement,
  type Tolerance,
  type Importance,
} from './model/spec.js';
export {
  CertificationSchema,
  CertificationRequirementSchema,
  RequirementLevelSchema,
  type Certification,
  type CertificationRequirement,
  type RequirementLevel,
} from './model/certification.js';
export {
  ItemSchema,
  ItemCodesSchema,
  CategorySchema,
  UnspscSchema,
  HsSchema,
  type Item,
  type ItemCodes,
  type Category,
} from './model/item.js';
export {
  SupplierSchema,
  OfferingSchema,
  ReadinessSchema,
  CompanySizeSchema,
  READINESS_LEVELS,
  type Supplier,
  type Offering,
  type Readiness,
  type CompanySize,
} from './model/supplier.js';
export {
  BuyerSchema,
  DemandLineSchema,
  SourcingPreferencesSchema,
  type Buyer,
  type DemandLine,
  type SourcingPreferences,
} from './model/buyer.js';
export { TruthLabelSchema, type TruthLabel } from './model/truth.js';
export {
  DatasetSchema,
  DatasetMetaSchema,
  ExchangeRatesSchema,
  type Dataset,
  type DatasetInput,
  type DatasetMeta,
  type ExchangeRates,
} from './model/dataset.js';
export { datasetJsonSchemas, type DatasetFileName } from './model/json-schema.js';
export { BIO_TAXONOMY } from './catalog/taxonomy.js';

export {
  parseDataset,
  safeParseDataset,
  type ParseDatasetOptions,
  type ParseDatasetResult,
  type SkippedRecord,
  type RecordKind,
} from './dataset/parse.js';

export {
  summarizeDataset,
  type DatasetSummary,
  type SummarizeOptions,
  type CertificateAlert,
} from './analysis/summary.js';
