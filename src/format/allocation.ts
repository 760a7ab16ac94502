import type { AllocationPlan } from '../allocate/allocate.js';
import { formatTable } from './table.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * Writes an allocation plan for a terminal: status and totals, conflicts and what was relaxed,
 * then per line who supplies how much, the unmet part and why, and the capacity used per offering.
 *
 * @example
 * console.log(formatAllocationTable(await allocate(result, dataset)));
 */
export function formatAllocationTable(plan: AllocationPlan): string {
  const t = plan.totals;
  const out = [
    `Allocation (${plan.objective}): ${plan.status}${infeasibleNote(plan)}. ${t.fullyServed} of ${t.lines} lines fully served, ${t.partlyServed} partly, ${t.unserved} not at all; mean served share ${pct(t.servedShare)}, domestic ${pct(t.domesticShare)}${t.costPerYear !== undefined ? `, cost ${t.costPerYear.toLocaleString('en-US')} per year` : ''}.`,
  ];
  out.push(solverLine(plan));
  for (const c of plan.conflicts) out.push(`conflict: ${c.message}`);
  for (const r of plan.relaxed) out.push(`relaxed: ${r.message}`);
  for (const w of plan.warnings) out.push(`note: ${w}`);
  const rows: string[][] = [];
  for (const line of plan.lines) {
    if (line.allocations.length === 0) rows.push([line.line, line.demandText, '-', '-', '-', '']);
    line.allocations.forEach((a, i) =>
      rows.push([i === 0 ? line.line : '', i === 0 ? line.demandText : '', `${a.supplier}${a.domestic ? '' : ' (foreign)'}`, a.offering, a.quantityText, pct(a.share)]),
    );
    if (line.unmet.share > 0) rows.push(['', '', 'unmet', '', line.unmet.quantityText, `${pct(line.unmet.share)}${line.unmet.message ? `: ${line.unmet.message}` : ''}`]);
  }
  out.push(
    '',
    formatTable(
      [{ header: 'line' }, { header: 'demand' }, { header: 'supplier' }, { header: 'offering' }, { header: 'quantity', align: 'right' }, { header: 'share' }],
      rows,
    ),
  );
  if (plan.utilization.length > 0)
    out.push(
      '',
      formatTable(
        [{ header: 'supplier' }, { header: 'offering' }, { header: 'capacity' }, { header: 'used', align: 'right' }, { header: 'lines' }],
        plan.utilization.map((u) => [u.supplier, u.offering, u.capacityText ?? '?', u.utilization === undefined ? '?' : pct(u.utilization), u.lines.join(' ')]),
      ),
    );
  return out.join('\n');
}

/** For a plan in which some lines cannot hold their constraints: how many, and that the rest is planned. */
function infeasibleNote(plan: AllocationPlan): string {
  const n = plan.lines.filter((l) => l.status === 'infeasible').length;
  return n > 0 && n < plan.lines.length ? ` for ${n} line(s), the other ${plan.lines.length - n} planned` : '';
}

/** One line on the solves: components by status, the largest gap, and the limits they ran under. */
function solverLine(plan: AllocationPlan): string {
  const { components, limits } = plan.solver;
  const counts = new Map<string, number>();
  for (const c of components) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const gaps = components.flatMap((c) => c.gaps).filter((g): g is number => g !== null);
  const gap = gaps.length > 0 ? Math.max(...gaps) : undefined;
  return (
    `solver: ${components.length} component(s), ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ') || 'none solved'}` +
    `${gap !== undefined ? `; largest gap ${gap === 0 ? '0' : gap < 1e-3 ? gap.toExponential(1) : pct(gap)}` : ''}; limits ${limits.maxNodes.toLocaleString('en-US')} nodes per solve, gap ${limits.mipGap}, ` +
    `${limits.timeLimitSeconds === undefined ? 'no time limit' : `${limits.timeLimitSeconds} s`}.`
  );
}

/**
 * Writes a plan as CSV: one row per allocation and one per unmet part.
 *
 * @example
 * allocationToCsv(plan).split('\n')[0]; // => 'line,buyer,supplier,offering,domestic,quantity,unit,share,reason'
 */
export function allocationToCsv(plan: AllocationPlan): string {
  const rows = [['line', 'buyer', 'supplier', 'offering', 'domestic', 'quantity', 'unit', 'share', 'reason']];
  for (const l of plan.lines) {
    for (const a of l.allocations) rows.push([l.line, l.buyer, a.supplier, a.offering, String(a.domestic), String(a.quantity), l.unit, String(a.share), '']);
    if (l.unmet.share > 0) rows.push([l.line, l.buyer, '', '', '', String(l.unmet.quantity), l.unit, String(l.unmet.share), l.unmet.reason ?? '']);
  }
  const cell = (c: string): string => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
