/**
 * The `supplymatch/allocate` entry point: capacity-constrained allocation of a match result,
 * solved by HiGHS (WebAssembly). It is an entry of its own so that the core entry point
 * (`supplymatch`) bundles for browsers without the solver.
 *
 * @example
 * import { allocate } from 'supplymatch/allocate';
 */
export {
  allocate,
  type AllocateOptions,
  type AllocationPlan,
  type AllocationObjective,
  type SoftConstraint,
  type DomesticQuota,
  type LineAllocation,
  type LinePlan,
  type UnmetReason,
  type OfferingUtilization,
  type Conflict,
} from './allocate.js';
export { loadHighs, toLpText, solveProgramme, type HighsSolver, type Programme, type Row, type Term, type Variable, type Solution } from './lp.js';
export { formatAllocationTable, allocationToCsv } from '../format/allocation.js';
