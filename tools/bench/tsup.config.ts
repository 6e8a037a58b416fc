import { defineConfig } from 'tsup';
import { appPreset } from '../../tools/scripts/tsup-presets';

export default defineConfig(
  appPreset([
    'src/main.ts',
    'src/floor-proxy.ts',
    'src/instructions.ts',
    'src/reliability.ts',
    'src/credential-writer.ts',
  ]),
);
