// Development only: loads the matchParallel worker from TypeScript source with tsx, for tests
// and `tsx` scripts run from a clone. The package ships dist/node-worker.js (.cjs) instead.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./node-worker.ts', import.meta.url);
export default worker.default;
