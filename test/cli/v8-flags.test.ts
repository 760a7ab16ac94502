import { describe, expect, it } from 'vitest';
import { CLI_V8_FLAGS, cliV8Flags } from '../../src/cli/v8-flags.js';

describe('cliV8Flags', () => {
  it.each([
    { given: [], flags: '--wasm-tiering-budget=18000000 --wasm-num-compilation-tasks=1' },
    { given: ['--import', 'tsx'], flags: '--wasm-tiering-budget=18000000 --wasm-num-compilation-tasks=1' },
    { given: ['--wasm-tiering-budget=1800000'], flags: '--wasm-num-compilation-tasks=1' },
    { given: ['--wasm-num-compilation-tasks=4'], flags: '--wasm-tiering-budget=18000000' },
    { given: ['--wasm-num-compilation-tasks=2', '--max-old-space-size=4096'], flags: '--wasm-tiering-budget=18000000' },
    { given: ['--wasm-tiering-budget=1', '--wasm-num-compilation-tasks=8'], flags: '' },
  ])('sets "$flags" when node was given $given', ({ given, flags }) => {
    expect(cliV8Flags(given)).toBe(flags);
  });

  it('names each flag once, and each is recognised as the caller choosing it', () => {
    const names = CLI_V8_FLAGS.map(({ flag }) => flag.replace(/=.*/, ''));
    expect(new Set(names).size).toBe(names.length);
    for (const { flag, chosenBy } of CLI_V8_FLAGS) expect(chosenBy.test(flag)).toBe(true);
  });
});
