import {
  codeAssistOperationSchema,
  loadCodeAssistResponseSchema,
  readProjectId,
  type CodeAssistOperation,
} from '@geminicli2api/protocol-gemini';
import { callCodeAssist, setupError, type CodeAssistCallContext } from './code-assist-call';
import { eligibilityError, ineligibleTiersError } from './eligibility-error';

/** The Code Assist project an account works in, and its tier. */
export interface CodeAssistProject {
  projectId: string;
  /** Effective tier: `paidTier.id`, else `currentTier.id` (e.g. `free-tier`, `standard-tier`). */
  tierId?: string;
  /** True when this call onboarded the account. */
  onboarded?: boolean;
}

/** Options of {@link discoverProject}. */
export interface DiscoverProjectOptions {
  /** Code Assist base URL, e.g. `https://cloudcode-pa.googleapis.com`. */
  endpoint: string;
  accessToken: string;
  /** A project configured by the operator (GOOGLE_CLOUD_PROJECT); sent to loadCodeAssist. */
  configuredProject?: string | undefined;
  /** For messages: which account this is. */
  source: string;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  /** Deadline of each call to Code Assist, answer included (default none). */
  timeoutMs?: number | undefined;
  /** The setting behind `timeoutMs`, named in the error. */
  timeoutSetting?: string | undefined;
  /** Pause between operation polls (default a timer); injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Poll interval for onboarding operations; default 5 s, as the CLI. */
  pollIntervalMs?: number;
  /** Give up onboarding after this many polls; default 60. */
  maxPolls?: number;
}

const METADATA = {
  ideType: 'IDE_UNSPECIFIED',
  platform: 'PLATFORM_UNSPECIFIED',
  pluginType: 'GEMINI',
} as const;

/**
 * Sets an account up the way Gemini CLI does (protocol reference §5.2): `loadCodeAssist`; an
 * onboarded account uses the reported project (the operator's wins); otherwise it is onboarded to
 * its default tier (`free-tier` without a project, which Google manages) and the operation is
 * polled until done. Eligibility problems become typed `ACCOUNT_INELIGIBLE` errors.
 */
export async function discoverProject(options: DiscoverProjectOptions): Promise<CodeAssistProject> {
  const { configuredProject, source } = options;
  const context: CodeAssistCallContext = {
    endpoint: options.endpoint,
    accessToken: options.accessToken,
    source,
    fetch: options.fetch ?? globalThis.fetch,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    timeoutSetting: options.timeoutSetting,
  };
  const loadBody = {
    ...(configuredProject ? { cloudaicompanionProject: configuredProject } : {}),
    metadata: { ...METADATA, ...(configuredProject ? { duetProject: configuredProject } : {}) },
  };
  const parsed = loadCodeAssistResponseSchema.safeParse(
    await callCodeAssist(context, { method: 'loadCodeAssist', body: loadBody }),
  );
  if (!parsed.success) throw setupError(source, 'loadCodeAssist returned an unexpected body', true);
  const data = parsed.data;
  const ineligible = data.ineligibleTiers ?? [];
  const validation = ineligible.find(
    (tier) => tier.reasonCode === 'VALIDATION_REQUIRED' && tier.validationUrl,
  );
  if (!data.currentTier && validation) throw ineligibleTiersError(source, [validation]);

  if (data.currentTier) {
    const projectId = configuredProject || readProjectId(data.cloudaicompanionProject);
    if (!projectId) {
      throw ineligible.length > 0
        ? ineligibleTiersError(source, ineligible)
        : eligibilityError(source, 'PROJECT_REQUIRED');
    }
    const tierId = data.paidTier?.id ?? data.currentTier.id ?? undefined;
    return tierId ? { projectId, tierId } : { projectId };
  }

  const tier = (data.allowedTiers ?? []).find((candidate) => candidate.isDefault) ?? {
    id: 'legacy-tier',
  };
  const tierId = tier.id ?? 'legacy-tier';
  const free = tierId === 'free-tier';
  if (!free && !configuredProject) {
    // Every tier but the free one needs the operator's project; say why the free tier is not offered.
    throw ineligible.length > 0
      ? ineligibleTiersError(source, ineligible)
      : eligibilityError(source, 'PROJECT_REQUIRED');
  }
  const onboardBody = free
    ? { tierId, metadata: METADATA }
    : {
        tierId,
        cloudaicompanionProject: configuredProject,
        metadata: { ...METADATA, duetProject: configuredProject },
      };
  const operation = await waitForOperation(context, onboardBody, options);
  const projectId = readProjectId(operation.response?.cloudaicompanionProject) ?? configuredProject;
  if (!projectId) {
    throw ineligible.length > 0
      ? ineligibleTiersError(source, ineligible)
      : eligibilityError(source, 'PROJECT_REQUIRED');
  }
  return { projectId, tierId, onboarded: true };
}

async function waitForOperation(
  context: CodeAssistCallContext,
  body: unknown,
  { sleep = defaultSleep, pollIntervalMs = 5_000, maxPolls = 60 }: DiscoverProjectOptions,
): Promise<CodeAssistOperation> {
  let operation = parseOperation(
    context.source,
    await callCodeAssist(context, { method: 'onboardUser', body }),
  );
  for (let poll = 0; !operation.done; poll++) {
    if (!operation.name)
      throw setupError(
        context.source,
        'onboardUser returned an unfinished operation without a name',
        true,
      );
    if (poll >= maxPolls)
      throw setupError(context.source, 'onboarding did not finish in time; try again later', true);
    await sleep(pollIntervalMs);
    operation = parseOperation(
      context.source,
      await callCodeAssist(context, { getPath: operation.name }),
    );
  }
  return operation;
}

function parseOperation(source: string, value: unknown): CodeAssistOperation {
  const parsed = codeAssistOperationSchema.safeParse(value);
  if (!parsed.success) throw setupError(source, 'onboardUser returned an unexpected body', true);
  return parsed.data;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
