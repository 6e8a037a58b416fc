import { getAccessToken, postJson } from './__fixtures__/emulator-client';
import type { Emulator } from './emulator-options';
import { startEmulator } from './start-emulator';

const CLI_METADATA = {
  ideType: 'IDE_UNSPECIFIED',
  platform: 'PLATFORM_UNSPECIFIED',
  pluginType: 'GEMINI',
};

describe('setup endpoints', () => {
  let emulator: Emulator;
  const tokens: Record<string, string> = {};
  beforeEach(async () => {
    emulator = await startEmulator({
      accounts: [
        { refreshToken: 'new-user', tier: 'free-tier', onboarded: false },
        { refreshToken: 'workspace', tier: 'standard-tier', requiresProject: true },
        { refreshToken: 'new-workspace', tier: 'standard-tier', onboarded: false },
        {
          refreshToken: 'retired',
          onboarded: false,
          ineligible: [
            {
              reasonCode: 'INELIGIBLE_ACCOUNT',
              reasonMessage: 'Gemini Code Assist for individuals is no longer available.',
              tierId: 'free-tier',
            },
          ],
        },
        {
          refreshToken: 'quota',
          project: 'q-project',
          quota: {
            'gemini-2.5-pro': { remainingFraction: 0.25, resetTime: '2026-08-22T00:00:00Z' },
          },
        },
      ],
      models: ['gemini-2.5-pro', 'gemini-3-pro-preview'],
    });
    for (const account of ['new-user', 'workspace', 'new-workspace', 'retired', 'quota'])
      tokens[account] = await getAccessToken(emulator, account);
  });
  afterEach(() => emulator.close());

  const call = async (account: string, method: string, body: unknown) => {
    const response = await postJson(emulator, `/v1internal:${method}`, body, {
      token: tokens[account] ?? '',
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const poll = async (account: string, name: string) => {
    const response = await fetch(`${emulator.url}/v1internal/${name}`, {
      headers: {
        authorization: `Bearer ${tokens[account] ?? ''}`,
        'content-type': 'application/json',
      },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('onboards a new free-tier user: load → onboard → poll operations → load shows the project', async () => {
    const before = await call('new-user', 'loadCodeAssist', { metadata: CLI_METADATA });
    expect(before.body.currentTier).toBeUndefined();
    expect(before.body.cloudaicompanionProject).toBeUndefined();
    expect(before.body.allowedTiers).toEqual([
      expect.objectContaining({
        id: 'free-tier',
        isDefault: true,
        name: 'Gemini Code Assist for individuals',
      }),
      expect.objectContaining({
        id: 'standard-tier',
        isDefault: false,
        userDefinedCloudaicompanionProject: true,
      }),
    ]);

    const started = await call('new-user', 'onboardUser', {
      tierId: 'free-tier',
      metadata: CLI_METADATA,
    });
    expect(started.body).toEqual({
      name: expect.stringMatching(/^operations\/[0-9a-f]+$/),
      done: false,
    });
    const name = String(started.body.name);

    expect((await poll('new-user', name)).body).toEqual({ name, done: false });
    const finished = await poll('new-user', name);
    expect(finished.body).toEqual({
      name,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse',
        cloudaicompanionProject: {
          id: expect.stringMatching(/^emulated-managed-project-\d+$/),
          name: expect.stringMatching(/^projects\/emulated-managed-project-\d+$/),
        },
      },
    });
    const project = (finished.body.response as { cloudaicompanionProject: { id: string } })
      .cloudaicompanionProject.id;

    const after = await call('new-user', 'loadCodeAssist', { metadata: CLI_METADATA });
    expect(after.body).toMatchObject({
      currentTier: { id: 'free-tier' },
      cloudaicompanionProject: project,
    });
    expect(emulator.account('new-user')).toMatchObject({ onboarded: true, project });
  });

  it('finishes onboarding for clients that re-POST onboardUser instead of polling', async () => {
    const first = await call('new-workspace', 'onboardUser', {
      tierId: 'standard-tier',
      cloudaicompanionProject: 'my-gcp',
      metadata: CLI_METADATA,
    });
    expect(first.body.done).toBe(false);
    expect(
      (
        await call('new-workspace', 'onboardUser', {
          tierId: 'standard-tier',
          cloudaicompanionProject: 'my-gcp',
        })
      ).body.done,
    ).toBe(false);
    const done = await call('new-workspace', 'onboardUser', {
      tierId: 'standard-tier',
      cloudaicompanionProject: 'my-gcp',
    });
    expect(done.body).toMatchObject({
      done: true,
      response: { cloudaicompanionProject: { id: 'my-gcp', name: 'projects/my-gcp' } },
    });
    expect((await call('new-workspace', 'loadCodeAssist', {})).body).toMatchObject({
      currentTier: { id: 'standard-tier' },
      cloudaicompanionProject: 'my-gcp',
    });
  });

  it('rejects a free-tier onboard that names a project with FAILED_PRECONDITION', async () => {
    const response = await call('new-user', 'onboardUser', {
      tierId: 'free-tier',
      cloudaicompanionProject: 'mine',
    });
    expect(response).toEqual({
      status: 400,
      body: { error: { code: 400, message: 'Precondition Failed', status: 'FAILED_PRECONDITION' } },
    });
  });

  it('rejects an unknown tier id', async () => {
    const response = await call('new-user', 'onboardUser', { tierId: 'gold-tier' });
    expect(response.status).toBe(400);
  });

  it('reports a standard tier without a project, and echoes a requested one', async () => {
    const bare = await call('workspace', 'loadCodeAssist', { metadata: CLI_METADATA });
    expect(bare.body.currentTier).toMatchObject({ id: 'standard-tier' });
    expect('cloudaicompanionProject' in bare.body).toBe(false);
    const withProject = await call('workspace', 'loadCodeAssist', {
      cloudaicompanionProject: 'env-project',
      metadata: { ...CLI_METADATA, duetProject: 'env-project' },
    });
    expect(withProject.body.cloudaicompanionProject).toBe('env-project');
  });

  it('reports ineligible tiers and leaves them out of allowedTiers', async () => {
    const response = await call('retired', 'loadCodeAssist', { metadata: CLI_METADATA });
    expect(response.body.ineligibleTiers).toEqual([
      {
        reasonCode: 'INELIGIBLE_ACCOUNT',
        reasonMessage: 'Gemini Code Assist for individuals is no longer available.',
        tierId: 'free-tier',
        tierName: 'Gemini Code Assist for individuals',
      },
    ]);
    expect((response.body.allowedTiers as { id: string }[]).map((tier) => tier.id)).toEqual([
      'standard-tier',
    ]);
    expect((await call('retired', 'onboardUser', { tierId: 'free-tier' })).status).toBe(403);
  });

  it('does not let one account poll another account’s operation', async () => {
    const started = await call('new-user', 'onboardUser', { tierId: 'free-tier' });
    expect((await poll('workspace', String(started.body.name))).status).toBe(404);
    expect((await poll('new-user', 'operations/unknown')).status).toBe(404);
  });

  it('retrieves one REQUESTS bucket per model from the account quota', async () => {
    const response = await call('quota', 'retrieveUserQuota', { project: 'q-project' });
    expect(response.body).toEqual({
      buckets: [
        {
          modelId: 'gemini-2.5-pro',
          remainingAmount: '250',
          remainingFraction: 0.25,
          resetTime: '2026-08-22T00:00:00Z',
          tokenType: 'REQUESTS',
        },
        {
          modelId: 'gemini-3-pro-preview',
          remainingAmount: '1000',
          remainingFraction: 1,
          resetTime: expect.stringMatching(/T00:00:00Z$/),
          tokenType: 'REQUESTS',
        },
      ],
    });
  });

  it.each([
    ['listExperiments', { experimentIds: [], flags: [] }],
    ['recordCodeAssistMetrics', {}],
    ['fetchAdminControls', {}],
  ])('answers %s harmlessly', async (method, expected) => {
    expect(await call('quota', method, { project: 'q-project' })).toEqual({
      status: 200,
      body: expected,
    });
  });

  it('serves the global user setting over GET', async () => {
    const response = await fetch(`${emulator.url}/v1internal:getCodeAssistGlobalUserSetting`, {
      headers: { authorization: `Bearer ${tokens.quota ?? ''}` },
    });
    expect(await response.json()).toEqual({
      cloudaicompanionProject: 'q-project',
      freeTierDataCollectionOptin: false,
    });
  });
});
