export {
  parseDockerfile,
  parseCopyArgs,
  parseEnvArgs,
  parseHealthcheckArgs,
  parseCommand,
} from './parse-dockerfile';
export type { DockerInstruction, DockerStage, CopyArgs, HealthcheckArgs } from './parse-dockerfile';
export { createDockerignore } from './dockerignore';
export { githubSlug, headingAnchors } from './github-slug';
export { extractCodeBlocks } from './extract-code-blocks';
export type { CodeBlock } from './extract-code-blocks';
export { replayDockerfile } from './replay-dockerfile';
export type { ReplayedImage } from './replay-dockerfile';
