export { formatEnvFileIssue, inspectEnvFile } from './inspect-env-file';
export type { EnvFileIssue } from './inspect-env-file';
