import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseWeights } from '../../src/cli/shared.js';
import { createMatcher } from '../../src/engine/matcher.js';
import { captureOutput } from '../helpers/capture.js';
import { tempDir } from '../helpers/temp.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');

describe('supplymatch weights', () => {
  const { out, err, capture } = captureOutput();
  const file = async (content: unknown): Promise<string> => {
    const path = join(await tempDir('sm-weights-'), 'matrix.json');
    await writeFile(path, JSON.stringify(content));
    return path;
  };
  const leader = { criteria: ['itemFit', 'specFit', 'certification', 'price'], matrix: [[1, 4, 3, 7], ['1/4', 1, '1/3', 3], ['1/3', 3, 1, 5], ['1/7', '1/3', '1/5', 1]] };

  it('prints the AHP weights, CR and a --weights string that match accepts', async () => {
    capture();
    expect(await main(['weights', 'ahp', await file(leader)])).toBe(0);
    const text = out.join('');
    expect(text).toContain('CR 0.0439 (<= 0.1: consistent)');
    const flag = /--weights (\S+)/.exec(text)?.[1];
    const weights = parseWeights(flag) ?? {};
    expect(weights.itemFit).toBe(0.5476);
    expect(weights.leadTime).toBe(0);
    expect(createMatcher({ weights }).criteria.find((c) => c.id === 'price')?.weight).toBe(0.0559);
  });

  it('refuses an inconsistent committee (exit 2) unless --accept-inconsistent, then warns in JSON', async () => {
    const path = await file({ criteria: ['itemFit', 'price', 'capacity'], matrix: [[1, 9, '1/9'], ['1/9', 1, 9], [9, '1/9', 1]] });
    capture();
    expect(await main(['weights', 'ahp', path])).toBe(2);
    expect(err.join('')).toContain('[inconsistent]');
    expect(await main(['weights', 'ahp', path, '--accept-inconsistent', '--format', 'json'])).toBe(0);
    expect((JSON.parse(out.join('')) as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(['inconsistent']);
  });

  it('names the bad entry, an unknown criterion and a stray field', async () => {
    capture();
    const path = await file({ criteria: ['itemFit', 'pirce'], matrix: [[1, 3], [3, 1]] });
    expect(await main(['weights', 'ahp', path])).toBe(2);
    expect(err.join('')).toContain('criteria[1]: no criterion "pirce"');
    err.length = 0;
    expect(await main(['weights', 'ahp', await file({ ...leader, expert: 'K' })])).toBe(2);
    expect(err.join('')).toContain('expert: no field "expert"');
  });

  it('combines several experts', async () => {
    capture();
    const path = await file({ criteria: ['itemFit', 'price'], matrices: [[[1, 4], ['1/4', 1]], [[1, 1], [1, 1]]] });
    expect(await main(['weights', 'ahp', path])).toBe(0);
    expect(out.join('')).toContain('--weights itemFit=0.6667,price=0.3333');
  });

  it('exits 2 on wrong use', async () => {
    capture();
    expect(await main(['weights'])).toBe(2);
    expect(await main(['weights', 'vibes', 'x'])).toBe(2);
    expect(await main(['weights', 'ahp', 'a.json', '--top', '3'])).toBe(2);
    expect(err.join('')).toContain('usage: supplymatch weights');
  });

  it('derives entropy and CRITIC weights from a match of the fixture', async () => {
    capture();
    expect(await main(['weights', 'critic', FIXTURE, '--format', 'json'])).toBe(0);
    const critic = JSON.parse(out.join('')) as { vector: number[]; method: string };
    expect(critic.method).toBe('critic');
    expect(critic.vector.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    out.length = 0;
    expect(await main(['weights', 'entropy', FIXTURE])).toBe(0);
    expect(out.join('')).toContain('Entropy weights');
  });
});
