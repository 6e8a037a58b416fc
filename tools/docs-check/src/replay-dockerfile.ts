import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { createDockerignore } from './dockerignore';
import {
  parseCommand,
  parseCopyArgs,
  parseDockerfile,
  parseEnvArgs,
  parseHealthcheckArgs,
  type HealthcheckArgs,
} from './parse-dockerfile';

/** The final stage of a replayed Dockerfile: where its file system is and how it starts. */
export interface ReplayedImage {
  /** Directory standing in for the image's `/`. */
  readonly root: string;
  /** The final `WORKDIR`, as a host path. */
  readonly workdir: string;
  /** The image's `ENV`, absolute container paths mapped into `root`. */
  readonly env: Readonly<Record<string, string>>;
  readonly cmd: readonly string[];
  readonly healthcheck: HealthcheckArgs | undefined;
  readonly user: string | undefined;
  readonly exposed: readonly string[];
  readonly volumes: readonly string[];
  /** Host path of a container path of the final stage. */
  hostPath(containerPath: string): string;
}

/** Options of {@link replayDockerfile}. */
export interface ReplayOptions {
  /** The build context (the repository root). */
  readonly context: string;
  readonly dockerfile: string;
  /** An empty scratch directory; each stage gets a sub-directory standing in for `/`. */
  readonly scratch: string;
  /** Called before each step, for progress output. */
  readonly onStep?: (stage: string, step: string) => void;
}

const SUPPORTED = new Set([
  'WORKDIR',
  'COPY',
  'RUN',
  'ENV',
  'USER',
  'VOLUME',
  'EXPOSE',
  'HEALTHCHECK',
  'CMD',
]);

/**
 * Replays a Dockerfile without Docker: each stage's file system is a directory, `COPY` honours
 * `.dockerignore`, `RUN` runs through `sh -c` in the mapped `WORKDIR` with the stage's `ENV`
 * (`npm ci` gets `--prefer-offline` so the local npm cache serves it, which is what the
 * `--mount=type=cache` of the real build gives, so mounts are dropped), and absolute paths in `RUN`
 * commands are mapped into the stage's directory. Ownership cannot be reproduced without root, so
 * `chown` is a no-op. Throws on any instruction it does not understand or any failing step.
 */
export function replayDockerfile(options: ReplayOptions): ReplayedImage {
  const stages = parseDockerfile(readFileSync(options.dockerfile, 'utf8'));
  const ignored = createDockerignore(readOptional(join(options.context, '.dockerignore')));
  const shims = join(options.scratch, '.shims');
  mkdirSync(shims, { recursive: true });
  writeFileSync(join(shims, 'chown'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(shims, 'chown'), 0o755);
  const roots = new Map<string, string>();
  let image: ReplayedImage | undefined;

  stages.forEach((stage, index) => {
    const root = join(options.scratch, `stage-${index}-${stage.name}`);
    mkdirSync(root, { recursive: true });
    roots.set(stage.name, root);
    const hostPath = (containerPath: string): string => join(root, containerPath);
    let workdir = '/';
    const env: Record<string, string> = {};
    let cmd: string[] = [];
    let healthcheck: HealthcheckArgs | undefined;
    let user: string | undefined;
    const exposed: string[] = [];
    const volumes: string[] = [];
    for (const step of stage.instructions) {
      options.onStep?.(stage.name, `${step.keyword} ${step.args}`);
      if (!SUPPORTED.has(step.keyword))
        throw new Error(`line ${step.line}: ${step.keyword} is not replayable`);
      const where = (path: string): string => posix.resolve(workdir, path);
      switch (step.keyword) {
        case 'WORKDIR':
          workdir = where(step.args);
          mkdirSync(hostPath(workdir), { recursive: true });
          break;
        case 'ENV':
          Object.assign(env, parseEnvArgs(step.args));
          break;
        case 'USER':
          user = step.args;
          break;
        case 'EXPOSE':
          exposed.push(...step.args.split(/\s+/));
          break;
        case 'VOLUME':
          volumes.push(
            ...parseCommand(
              step.args.startsWith('[') ? step.args : JSON.stringify(step.args.split(/\s+/)),
            ),
          );
          break;
        case 'CMD':
          cmd = parseCommand(step.args);
          break;
        case 'HEALTHCHECK':
          healthcheck = parseHealthcheckArgs(step.args);
          break;
        case 'COPY': {
          const copy = parseCopyArgs(step.args);
          const from = copy.flags['from'];
          const fromRoot = from === undefined ? undefined : roots.get(from);
          if (from !== undefined && fromRoot === undefined)
            throw new Error(`line ${step.line}: unknown stage ${from}`);
          const destination = where(copy.destination);
          const intoDirectory =
            copy.destination.endsWith('/') || copy.destination === '.' || copy.sources.length > 1;
          for (const source of copy.sources) {
            const sourcePath = fromRoot
              ? join(fromRoot, posix.resolve('/', source))
              : join(options.context, source);
            if (!existsSync(sourcePath))
              throw new Error(`line ${step.line}: COPY source ${source} does not exist`);
            const isDirectory = statSync(sourcePath).isDirectory();
            const target =
              isDirectory || !intoDirectory
                ? hostPath(destination)
                : hostPath(posix.join(destination, posix.basename(source)));
            mkdirSync(isDirectory ? target : dirname(target), { recursive: true });
            cpSync(sourcePath, target, {
              recursive: true,
              filter: (path) =>
                fromRoot !== undefined ||
                !ignored(relative(options.context, path).split('\\').join('/')),
            });
          }
          break;
        }
        case 'RUN': {
          const command = step.args
            .replace(/^(--mount=\S+\s+)+/, '')
            .replace(/\bnpm ci\b/g, 'npm ci --prefer-offline')
            .replace(/(^|\s)\/(?=[\w.])/g, `$1${root}/`);
          const result = spawnSync('/bin/sh', ['-c', command], {
            cwd: hostPath(workdir),
            env: { ...process.env, ...env, PATH: `${shims}:${process.env['PATH'] ?? ''}` },
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
          });
          if (result.status !== 0) {
            throw new Error(
              `line ${step.line}: RUN ${step.args} failed (${result.status})\n${result.stdout}\n${result.stderr}`,
            );
          }
          break;
        }
      }
    }
    const mappedEnv = Object.fromEntries(
      Object.entries(env).map(([key, value]) => [
        key,
        value.startsWith('/') ? hostPath(value) : value,
      ]),
    );
    image = {
      root,
      workdir: hostPath(workdir),
      env: mappedEnv,
      cmd,
      healthcheck,
      user,
      exposed,
      volumes,
      hostPath,
    };
  });
  if (!image) throw new Error('the Dockerfile has no stage');
  return image;
}

function readOptional(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
