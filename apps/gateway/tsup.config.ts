import { defineConfig } from 'tsup';
import { appPreset } from '../../tools/scripts/tsup-presets';

export default defineConfig(
  appPreset(['src/main.ts', 'src/index.ts', 'src/login.ts', 'src/keys-cli.ts']),
);
