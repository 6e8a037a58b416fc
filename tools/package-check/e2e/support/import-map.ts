import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type ExportTarget = string | { [condition: string]: ExportTarget } | undefined;

/** The file a browser loads for `import 'name'`: the `import` (else `default`) export of `.`. */
function esmEntry(target: ExportTarget): string {
  if (typeof target === 'string') return target;
  if (!target) throw new Error('no export');
  return esmEntry(target['browser'] ?? target['import'] ?? target['default']);
}

/**
 * An import map for `packages` installed in `project`'s node_modules, resolved from each
 * package's own `exports` (the published manifest, not our sources).
 */
export function importMapFor(project: string, packages: string[]): Record<string, string> {
  const imports: Record<string, string> = {};
  for (const name of packages) {
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { exports: Record<string, ExportTarget> };
    const entry = esmEntry(manifest.exports['.']).replace(/^\.\//, '');
    imports[name] = `/node_modules/${name}/${entry}`;
  }
  return imports;
}
