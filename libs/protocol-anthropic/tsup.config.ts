import { defineConfig } from 'tsup';
import { libraryPreset } from '../../tools/scripts/tsup-presets';

export default defineConfig(libraryPreset);
