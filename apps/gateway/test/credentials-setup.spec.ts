import {
  discoverProject,
  OAuthStoreError,
  type EligibilityReason,
} from '@geminicli2api/oauth-store';
import { startEmulator, type Emulator, type EmulatorAccount } from '@geminicli2api/emulator';

describe('Code Assist setup against the emulator: project, onboarding, eligibility', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [] });
  });
  afterAll(() => emulator.close());

  function account(name: string, extra: Omit<EmulatorAccount, 'refreshToken'>): string {
    emulator.addAccount({ refreshToken: name, accessToken: `static-${name}`, ...extra });
    return `static-${name}`;
  }

  it('uses the project of an onboarded account and its paid/current tier', async () => {
    const accessToken = account('onboarded', { project: 'team-project', tier: 'standard-tier' });
    await expect(
      discoverProject({ endpoint: emulator.url, accessToken, source: 'a.json' }),
    ).resolves.toEqual({ projectId: 'team-project', tierId: 'standard-tier' });
  });

  it('lets GOOGLE_CLOUD_PROJECT win and sends it to loadCodeAssist', async () => {
    const accessToken = account('needs-project', { requiresProject: true });
    const found = await discoverProject({
      endpoint: emulator.url,
      accessToken,
      source: 'a.json',
      configuredProject: 'my-gcp-project',
    });
    expect(found.projectId).toBe('my-gcp-project');
    expect(emulator.requests.at(-1)?.body).toMatchObject({
      cloudaicompanionProject: 'my-gcp-project',
      metadata: { duetProject: 'my-gcp-project' },
    });
  });

  it('onboards a new free-tier user without a project, polling the operation', async () => {
    const accessToken = account('new-free', { onboarded: false, tier: 'free-tier' });
    const sleeps: number[] = [];
    emulator.clearRequests();
    const found = await discoverProject({
      endpoint: emulator.url,
      accessToken,
      source: 'a.json',
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(found).toMatchObject({ tierId: 'free-tier', onboarded: true });
    expect(found.projectId).toMatch(/^emulated-managed-project-/);
    // The emulator's operation is still pending at the first poll and done at the second.
    expect(sleeps).toEqual([5000, 5000]);
    const onboard = emulator.requests.find((request) => request.path === '/v1internal:onboardUser');
    expect(onboard?.body).toEqual({
      tierId: 'free-tier',
      metadata: {
        ideType: 'IDE_UNSPECIFIED',
        platform: 'PLATFORM_UNSPECIFIED',
        pluginType: 'GEMINI',
      },
    });
    expect(
      emulator.requests.some(
        (request) => request.method === 'GET' && request.path.startsWith('/v1internal/operations/'),
      ),
    ).toBe(true);
    // Onboarded now: a second setup just loads the same project.
    await expect(
      discoverProject({ endpoint: emulator.url, accessToken, source: 'a.json' }),
    ).resolves.toMatchObject({ projectId: found.projectId });
  });

  it('onboards a standard-tier user into the configured project', async () => {
    const accessToken = account('new-standard', { onboarded: false, tier: 'standard-tier' });
    const found = await discoverProject({
      endpoint: emulator.url,
      accessToken,
      source: 'a.json',
      configuredProject: 'corp-project',
      sleep: async () => undefined,
    });
    expect(found).toEqual({ projectId: 'corp-project', tierId: 'standard-tier', onboarded: true });
  });

  it.each<[string, Omit<EmulatorAccount, 'refreshToken'>, EligibilityReason, RegExp]>([
    [
      'an individual account (UNSUPPORTED_CLIENT)',
      {
        onboarded: false,
        tier: 'free-tier',
        ineligible: [
          {
            reasonCode: 'UNSUPPORTED_CLIENT',
            reasonMessage: 'Not supported for this client.',
            tierId: 'free-tier',
          },
        ],
      },
      'UNSUPPORTED_CLIENT',
      /June 2026.*GEMINI_API_KEY/,
    ],
    [
      'an account needing verification',
      {
        onboarded: false,
        tier: 'free-tier',
        ineligible: [
          {
            reasonCode: 'VALIDATION_REQUIRED',
            reasonMessage: 'Verify.',
            tierId: 'free-tier',
            validationUrl: 'https://accounts.google.com/verify/xyz',
          },
        ],
      },
      'VALIDATION_REQUIRED',
      /https:\/\/accounts\.google\.com\/verify\/xyz/,
    ],
    [
      'a Workspace account without a project',
      { requiresProject: true },
      'PROJECT_REQUIRED',
      /GOOGLE_CLOUD_PROJECT/,
    ],
    [
      'an account without a licence',
      { forbidden: 'SUBSCRIPTION_REQUIRED' },
      'SUBSCRIPTION_REQUIRED',
      /licence/,
    ],
    [
      'a project with the API disabled',
      { forbidden: 'SERVICE_DISABLED', project: 'off-project' },
      'SERVICE_DISABLED',
      /Enable it.*https:\/\/console\.developers\.google\.com\/apis\/api\/cloudaicompanion\.googleapis\.com\/overview\?project=off-project/,
    ],
    ['a ToS-disabled account', { forbidden: 'TOS_DISABLED' }, 'TOS_DISABLED', /Terms of Service/],
  ])('reports %s as a typed, actionable error', async (_name, setup, reason, advice) => {
    const accessToken = account(`ineligible-${reason}`, setup);
    const error = await discoverProject({
      endpoint: emulator.url,
      accessToken,
      source: 'acct.json',
      sleep: async () => undefined,
    }).catch((caught: unknown) => caught);
    expect(OAuthStoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ACCOUNT_INELIGIBLE', eligibility: { reason } });
    expect((error as Error).message).toMatch(advice);
    expect((error as Error).message).toContain('acct.json');
    expect((error as Error).message).not.toContain(accessToken);
  });
});
