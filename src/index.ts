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
  looksLikeQuantity,
  looksLikeCode,
  differenceDimension,
  formatQuantityDifference,
  type Quantity,
  type QuantityBound,
  type ParseQuantityOptions,
  type QuantityParseResult,
  type QuantityIssueCode,
  type Comparison,
  type Dimension,
} from './model/quantity.js';
export type { QuantityKind } from './model/quantity-schema.js';
export {
  IdSchema,
  TextSchema,
  NameSchema,
  NamesSchema,
  DateSchema,
  CountrySchema,
  CurrencySchema,
  PriceSchema,
  MaxPriceSchema,
  SupportTypeSchema,
  type Price,
  type MaxPrice,
  type SupportType,
} from './model/common.js';
export {
  SpecKeySchema,
  SpecValueSchema,
  SpecsSchema,
  SpecRequirementSchema,
  ImportanceSchema,
  readSpecValue,
  type SpecReading,
  type SpecValue,
  type Specs,
  type SpecRequirement,
  type Tolerance,
  type Importance,
} from './model/spec.js';
export { SpecVocabularySchema, BUILTIN_SPEC_VOCABULARY, type SpecVocabulary } from './model/vocabulary.js';
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
export { DecisionSchema, DECISION_STATUSES, decisionStanding, type Decision, type DecisionStatus, type DecisionStanding } from './model/decision.js';
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
  type TextAlert,
} from './analysis/summary.js';

export {
  createCatalog,
  CATALOG_DEFAULTS,
  type Catalog,
  type CatalogOptions,
  type ItemMatch,
  type Resolution,
  type AmbiguousTerm,
} from './catalog/resolve.js';
export type { NormalizedText, NormalizeOptions } from './catalog/normalize.js';
export { canonicalCertType } from './catalog/certificates.js';
export {
  readText,
  QUALIFIER_WEIGHT,
  PURPOSE_WEIGHT,
  type TextReading,
  type TextPiece,
  type TextPieceKind,
  type TextSpan,
  type WeightedWord,
  type ReadTextOptions,
} from './catalog/read-text.js';
export { understandText, WEAK_CONFIDENCE, type TextStatus, type TextUnderstanding, type UnderstandOptions } from './catalog/text-report.js';
export {
  CERTIFICATE_WORDS,
  QUALIFIER_WORDS,
  type CertificateWord,
  type QualifierWord,
} from './catalog/text-vocabulary.js';
export { readLineText, type LineTextReport, type TextPieceUse } from './catalog/line-text.js';

export {
  defineCriterion,
  definePartsCriterion,
  notApplicable,
  clampScore,
  reason,
  sentence,
  type Criterion,
  type RuleCriterion,
  type PartsRuleCriterion,
  type CriterionMeta,
  type ReasonDeclaration,
  type CandidateDeclaration,
  type CriterionKind,
  type Judge,
  type Verdict,
  type Reason,
  type ReasonData,
  type ReasonSeverity,
  type Pair,
  type PreparedLine,
  type PreparedOffering,
  type MatchContext,
  type CertificateIndex,
} from './criteria/criterion.js';
export { Outcome, type CriterionRule, type Report } from './criteria/derive.js';
export { monotoneJoin, type CeilingDeclaration } from './criteria/derive-ceiling.js';
export { type PartsRule } from './criteria/derive-parts.js';
export { COUNTERFACTUAL_ISSUER, type CriterionDeficits, type DeficitClosing, type DeficitFix, type DeficitReading, type ReasonMerges } from './criteria/deficit.js';
export {
  isDeclaredReason,
  reasonMaker,
  type CriterionReason,
  type DeclaredReason,
  type DeclaredReasonData,
  type DeclaredSeverity,
  type ReasonDataDeclaration,
  type ReasonDatumDeclaration,
  type ReasonDatumType,
  type ReasonDeclarations,
  type ReasonMaker,
} from './criteria/reasons.js';
export { defaultCriteria, DEFAULT_WEIGHTS } from './criteria/defaults.js';
export { itemFitCriterion, ITEM_FIT_REASONS, ITEM_FIT_REASON_DECLARATIONS, type ItemFitReason } from './criteria/item-fit.js';
export { specFitCriterion, SPEC_FIT_REASONS, SPEC_FIT_REASON_DECLARATIONS, SpecFitOptionsSchema, type SpecFitOptions, type SpecFitReason } from './criteria/spec-fit.js';
export {
  certificationCriterion,
  CERTIFICATION_REASONS,
  CERTIFICATION_REASON_DECLARATIONS,
  type CertificationReason,
  CertificationOptionsSchema,
  type CertificationOptions,
} from './criteria/certification.js';
export { capacityCriterion, CAPACITY_REASONS, CAPACITY_REASON_DECLARATIONS, CapacityOptionsSchema, type CapacityOptions, type CapacityReason } from './criteria/capacity.js';
export { leadTimeCriterion, LEAD_TIME_REASONS, LEAD_TIME_REASON_DECLARATIONS, LeadTimeOptionsSchema, type LeadTimeOptions, type LeadTimeReason } from './criteria/lead-time.js';
export { localityCriterion, LOCALITY_REASONS, LOCALITY_REASON_DECLARATIONS, LocalityOptionsSchema, type LocalityOptions, type LocalityReason } from './criteria/locality.js';
export { priceCriterion, PRICE_REASONS, PRICE_REASON_DECLARATIONS, PriceOptionsSchema, type PriceOptions, type PriceReason } from './criteria/price.js';
export { readinessCriterion, READINESS_REASONS, READINESS_REASON_DECLARATIONS, ReadinessOptionsSchema, type ReadinessOptions, type ReadinessReason } from './criteria/readiness.js';
export {
  decisionCriterion,
  DECISION_REASONS,
  DECISION_REASON_DECLARATIONS,
  DecisionOptionsSchema,
  followedDecision,
  type DecisionOptions,
  type DecisionReason,
  type FollowedDecision,
} from './criteria/decision.js';
export { indexDecisions, lineDecisionItem, type CoveringDecision, type DecisionIndex, type DecisionTarget } from './criteria/decision-index.js';
export { expressionCriterion, EXPRESSION_REASONS, EXPRESSION_REASON_DECLARATIONS, type ExpressionReason } from './criteria/expression.js';
export { testCriterion, pairFrom, type CriterionCase, type CriterionTestSummary, type PairFromInput } from './engine/testing.js';

export {
  weightedSum,
  weightedProduct,
  topsis,
  topsisCloseness,
  aggregatorByName,
  AGGREGATORS,
  weightedSumTotal,
  type Aggregator,
  type AggregatorCapabilities,
  type AggregateInput,
  type AggregateOutput,
  type CriterionDirection,
  type TopsisNormalization,
  type TopsisOptions,
} from './engine/aggregate.js';
export {
  MAX_WEIGHT,
  type Matcher,
  type MatcherConfig,
  type MatchOptions,
  type CriterionEntry,
  type ResolvedCriterion,
  type PreparedDataset,
} from './engine/matcher.js';
export type {
  MatchResult,
  LineResult,
  RankedCandidate,
  RejectedCandidate,
  CriterionOutcome,
  MatchSettings,
} from './engine/result.js';
export { explain, type ExplainOptions } from './engine/explain.js';
export { createIndex, type MatchIndex, type IndexOptions, type IndexUpdate } from './engine/index-incremental.js';
export type { IndexChanges, RecordChanges } from './engine/index-changes.js';
export type { PairScore } from './engine/pair-score.js';
export { rankingChanges, type LineChange, type RankEntry, type RankMove } from './engine/ranking-changes.js';
export { evaluate, type Evaluation, type EvaluateOptions, type LineEvaluation, type Metrics } from './analysis/evaluate.js';
export { decisionLabels, DECISION_GRADES } from './analysis/decision-labels.js';

export { formatSummary } from './format/summary.js';
export { formatMatchTable, matchResultToCsv, serializeResult, type MatchTableOptions } from './format/match.js';
export { formatEvaluation } from './format/evaluation.js';


export {
  LINE_CLASSES,
  type GapReport,
  type GapReportOptions,
  type LineGap,
  type LineClass,
  type NearMiss,
  type Counterfactual,
  type DomesticOffer,
  type PlannedDeficit,
  type Unlock,
  type SupplierPlan,
  type SupportAction,
  type SupportTypeSummary,
  type ItemGap,
} from './analysis/gaps.js';
export type { Deficit, DeficitKind } from './analysis/deficits.js';
export { SUPPORT_TYPES, DEFAULT_SUPPORT_MAPPING, type SupportMapping, type SupportTarget } from './analysis/support.js';
export type { CoverageLine, CoverageOffer } from './analysis/coverage.js';
export type { Standing, RerunMode } from './analysis/counterfactual.js';
export {
  planSupport,
  type SupportBudget,
  type SupportCosts,
  type PlanSupportOptions,
  type SupportPlan,
  type PlanStep,
  type PlannedAction,
} from './analysis/budget.js';
export {
  type SensitivityReport,
  type SensitivityOptions,
  type WeightRange,
  type LineSensitivity,
  type LineWeightRange,
  type FragileLine,
  type TopSwitch,
  type CandidateRef,
} from './analysis/sensitivity.js';
export { formatGapReport, formatNearMiss, formatSupportPlan, gapReportToCsv, serializeGapReport, type GapReportFormatOptions } from './format/gaps.js';
export { formatSensitivity, type SensitivityFormatOptions } from './format/sensitivity.js';
export { ahpWeights, readPairwiseMatrix, geometricMeanMatrix, principalEigenvector, SAATY_RANDOM_INDEX, SAATY_CR_THRESHOLD, AHP_DEFAULTS, entropyWeights, criticWeights, entropyWeightsOfMatrix, criticWeightsOfMatrix, scoreMatrixOf, type AhpOptions, type AhpResult, type Judgment, type PairwiseMatrix, type DecisionMatrix, type ObjectiveWeights, type ObjectiveSkip, type CriticOptions } from './analysis/weights.js';
export { searchDirectory, createDirectory, profileCompleteness, validOn, type Directory, type DirectoryOptions, type DirectoryQuery, type DirectoryResult, type DirectoryEntry, type DirectoryOffering, type DirectoryFacets, type ProfileCompleteness } from './analysis/directory.js';
export {
  matchRows,
  gapRows,
  sensitivityRows,
  evaluationRows,
  rowsToCsv,
  csvCell,
  namesOf,
  type Names,
  type Cell,
  type RowNamingOptions,
  type MatchRowsOptions,
  type SupplierColumns,
  type MatchRow,
  type MatchRowBase,
  type GapRow,
  type SensitivityRow,
  type EvaluationRow,
} from './format/rows.js';
export { allocationRows, utilizationRows, type AllocationRow, type UtilizationRow } from './format/allocation-rows.js';
export { createMatcher, gapReport, sensitivity } from './notebook/displayed.js';
export { JUPYTER_DISPLAY, VEGA_LITE_MIME, displayBundle, displayChart, type MimeBundle, type ResultBundle } from './notebook/display.js';
export { matchBundle, allocationBundle, gapReportBundle, sensitivityBundle, type BundleOptions } from './notebook/bundles.js';
export type { MatchCsvOptions } from './format/match.js';
export type { GapCsvOptions } from './format/gaps.js';
