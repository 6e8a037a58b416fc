import { defineConfig } from 'tsup';
import { appPreset } from '../../tools/scripts/tsup-presets';
import { buildConsole } from './console/build-console';

const gateway = appPreset(['src/main.ts', 'src/index.ts', 'src/login.ts', 'src/keys-cli.ts']);

// The web console (console/src, browser TypeScript) is bundled after the server into
// dist/console/, which the gateway serves at /console: one build, one dist, no CDN.
export default defineConfig({
  ...gateway,
  onSuccess: () => buildConsole('dist/console'),
});
