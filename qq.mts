import { specFitCriterion } from './src/criteria/spec-fit.ts';
import { pairFrom } from './src/criteria/testing.ts';
const { pair, context } = pairFrom({ line: { id: 'L1', text: 'x', quantity: '1 unit/year', specs: [{ key: 'setPoint', op: 'eq', value: '37 °C', tolerance: '0.1 degC' }] }, offering: { id: 'O1', text: 'x', specs: { setPoint: '37.3 °C' } } });
console.log(specFitCriterion.create(specFitCriterion.meta.defaults, context)(pair).reasons.map(r => r.message));
