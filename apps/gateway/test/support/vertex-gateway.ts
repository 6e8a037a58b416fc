import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from './start-gateway';

/** An emulator and a gateway on the Vertex AI backend, signed in with an `authorized_user` ADC. */
export interface VertexGateway {
  emulator: Emulator;
  gateway: RunningGateway;
  close(): Promise<void>;
}

/**
 * Starts the emulator with one ADC account (`refreshToken`) and a gateway on Vertex AI
 * (project `vertex-project`) whose application default credentials file names that account;
 * `env` adds or overrides settings.
 */
export async function startVertexGateway(
  refreshToken: string,
  env: Record<string, string> = {},
): Promise<VertexGateway> {
  const emulator = await startEmulator({
    accounts: [{ refreshToken, clientId: 'adc-client', clientSecret: 'adc-secret' }],
  });
  const adcFile = join(await mkdtemp(join(tmpdir(), 'adc-')), 'adc.json');
  await writeFile(
    adcFile,
    JSON.stringify({
      type: 'authorized_user',
      client_id: 'adc-client',
      client_secret: 'adc-secret',
      refresh_token: refreshToken,
    }),
  );
  const gateway = await startGateway({
    GOOGLE_GENAI_USE_VERTEXAI: 'true',
    GOOGLE_CLOUD_PROJECT: 'vertex-project',
    GOOGLE_APPLICATION_CREDENTIALS: adcFile,
    GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
    GOOGLE_VERTEX_BASE_URL: emulator.url,
    ...env,
  });
  return {
    emulator,
    gateway,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}
