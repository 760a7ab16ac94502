/**
 * The `supplymatch/allocate` entry point: capacity-constrained allocation of a match result,
 * solved by HiGHS (WebAssembly). It is an entry of its own so that the core entry point
 * (`supplymatch`) bundles for browsers without the solver.
 *
 * @example
 * import { allocate } from 'supplymatch/allocate';
 */
export { allocate } from './notebook/displayed-allocate.js';
export {
  ALLOCATION_STAGES,
  type AllocationStage,
  type AllocateOptions,
  type AllocationPlan,
  type AllocationObjective,
  type AllocationStatus,
  type ComponentReport,
  type SoftConstraint,
  type DomesticQuota,
  type LineAllocation,
  type LinePlan,
  type UnmetReason,
  type OfferingUtilization,
  type Conflict,
} from './allocate/allocate.js';
export {
  loadHighs,
  createProgrammeWriter,
  objectiveOf,
  toLpText,
  openSession,
  type HighsSolver,
  type HighsModel,
  type Programme,
  type ProgrammeWriter,
  type Objective,
  type Row,
  type Term,
  type Variable,
  type VariableKind,
  type SolveLimits,
  type SolveEnd,
  type SolveOutcome,
  type SolverSession,
  type SessionHelpers,
  type SolvePoint,
  type SessionTimings,
} from './allocate/lp.js';
export type { CountReading } from './allocate/model.js';
export { formatAllocationTable, allocationToCsv } from './format/allocation.js';
