#!/usr/bin/env node
// Guards a built library the way consumers will use it: publint checks package.json against the
// files, attw checks the types resolve for require and import, and a smoke step loads dist/ with
// both require() and import(). Run from a library's folder after tsup (its `build` script).
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const cwd = process.cwd();
const pkg = require(path.join(cwd, 'package.json'));
const modules = path.join(__dirname, '..', '..', 'node_modules');

function run(label, file, args) {
  try {
    execFileSync(process.execPath, [file, ...args], { cwd, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    process.stderr.write(
      `${pkg.name}: ${label} failed\n${error.stdout ?? ''}${error.stderr ?? ''}\n`,
    );
    process.exit(1);
  }
}

run('publint', path.join(modules, 'publint/src/cli.js'), ['--strict']);
run('attw', path.join(modules, '@arethetypeswrong/cli/dist/index.js'), [
  '--pack',
  '.',
  '--profile',
  'node16',
  '--quiet',
]);

// Every export with a require/import pair (`.`, and `./internal` where there is one).
const entries = Object.entries(pkg.exports).filter(([, target]) => target.require && target.import);
Promise.all(
  entries.map(async ([subpath, target]) => {
    const required = require(path.join(cwd, target.require.default));
    const imported = await import(pathToFileURL(path.join(cwd, target.import.default)).href);
    const a = Object.keys(required).sort().join(',');
    const b = Object.keys(imported)
      .filter((key) => key !== 'default')
      .sort()
      .join(',');
    if (a === '' || a !== b) {
      process.stderr.write(
        `${pkg.name} (${subpath}): CJS and ESM builds export different names\n  cjs: ${a}\n  esm: ${b}\n`,
      );
      process.exitCode = 1;
    }
  }),
).catch((error) => {
  process.stderr.write(`${pkg.name}: loading dist failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
