import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSettings, type CaseResult } from './case-result';
import { formatSpread, spread } from './stats';
import { renderTable, writeReport } from './write-report';

const row = (met: boolean | undefined): CaseResult => ({
  name: 'case',
  target: 't',
  gateway: '1 / 2 / 3',
  floor: '—',
  ratio: '—',
  met,
});

describe('spread', () => {
  it('gives min, median and max, averaging the middle pair of an even count', () => {
    expect(spread([5, 1, 3])).toEqual({ min: 1, median: 3, max: 5 });
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(formatSpread(spread([1.234, 2]), 1)).toBe('1.2 / 1.6 / 2.0');
  });
});

describe('writeReport', () => {
  it('replaces only its own section and keeps what others wrote around it', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'perf-')), 'performance.md');
    await writeFile(file, '# Performance\n\nHand-written intro.\n');
    writeReport([row(true)], benchSettings(true), file);
    const first = await readFile(file, 'utf8');
    expect(first).toContain('Hand-written intro.');
    expect(first).toContain('smoke run');
    await writeFile(file, `${first}\n## Another section\n\nKept.\n`);
    writeReport([row(false)], benchSettings(false), file);
    const second = await readFile(file, 'utf8');
    expect(second.match(/bench:start/g)).toHaveLength(1);
    expect(second).toContain('NOT met');
    expect(second).not.toContain('| met |');
    expect(second).toContain('Kept.');
    expect(second).toContain('Hand-written intro.');
  });

  it('marks report-only cases as reported', () => {
    expect(renderTable([row(undefined)])).toContain('| reported |');
  });
});
