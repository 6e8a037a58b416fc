import { createModelCatalog, describeGeminiModel } from '@geminicli2api/protocol-gemini';
import { createLogger, SecretRegistry } from '../logger';
import { PassThrough } from 'node:stream';
import type { GeminiBackend } from '../upstream/gemini-backend';
import { createModelDirectory } from './model-directory';
import { startModelDiscovery } from './model-discovery';

function quietLogger() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return {
    logger: createLogger({ level: 'info', secrets: new SecretRegistry(), stream }),
    text: () => text,
  };
}

describe('startModelDiscovery', () => {
  it('merges each read, keeps the last good list when a read fails, and stops', async () => {
    const answers: (() => Promise<ReturnType<typeof describeGeminiModel>[]>)[] = [
      async () => [describeGeminiModel('gemini-4-flash')],
      async () => {
        throw new Error('Gemini API unreachable');
      },
      async () => [describeGeminiModel('gemini-4-flash'), describeGeminiModel('gemini-4-pro')],
    ];
    let reads = 0;
    const backend = {
      name: 'gemini-api',
      listModels: () => {
        const answer = answers[Math.min(reads++, answers.length - 1)];
        return answer ? answer() : Promise.resolve([]);
      },
    } as unknown as GeminiBackend;
    const directory = createModelDirectory((discovered) => createModelCatalog({ discovered }));
    const { logger, text } = quietLogger();
    const discovery = startModelDiscovery({ backend, directory, intervalMs: 25, logger });
    await discovery.firstRead(1000);
    expect(directory.resolve('gemini-4-flash')?.unlisted).toBeUndefined();
    expect(directory.resolve('gemini-4-pro')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(directory.resolve('gemini-4-flash')).toBeDefined();
    expect(text()).toContain('model discovery failed; the model list stays as it was');
    while (reads < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(directory.list().map((entry) => entry.name)).toContain('gemini-4-pro-nothinking');
    discovery.stop();
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(reads).toBe(after);
  });

  it('does nothing with interval 0 or a backend without a list (Code Assist)', async () => {
    const directory = createModelDirectory((discovered) => createModelCatalog({ discovered }));
    const { logger } = quietLogger();
    let reads = 0;
    const backend = {
      name: 'x',
      listModels: async () => (reads++, []),
    } as unknown as GeminiBackend;
    startModelDiscovery({ backend, directory, intervalMs: 0, logger }).stop();
    startModelDiscovery({
      backend: { name: 'code-assist' } as GeminiBackend,
      directory,
      intervalMs: 5,
      logger,
    }).stop();
    expect(reads).toBe(0);
    expect(directory.discoveredAt).toBeUndefined();
  });
});
