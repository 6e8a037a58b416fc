import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI, { PermissionDeniedError, RateLimitError } from 'openai';
import { admin, createKey } from './support/admin-client';
import { postJson, startStack, type Stack } from './support/start-stack';

const chat: { model: string; messages: { role: 'user'; content: string }[] } = {
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'hi' }],
};

describe('client API keys (embedded SQLite, no Redis)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('creates a g2a- key shown once; lists keys without secrets; refuses bad input and duplicate names', async () => {
    const created = await admin(stack, 'POST', '/admin/keys', {
      name: 'alice',
      models: ['gemini-2.5-*'],
      rpm: 60,
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^g2a-[A-Za-z0-9_-]{44}$/);
    expect(created.body).toMatchObject({
      name: 'alice',
      prefix: created.body.key.slice(0, 8),
      models: ['gemini-2.5-*'],
      rpm: 60,
      tpm: null,
      daily_tokens: null,
      expires_at: null,
      revoked_at: null,
      usage_today: { requests: 0, tokens: 0 },
    });
    const listed = await admin(stack, 'GET', '/admin/keys');
    expect(listed.status).toBe(200);
    const text = JSON.stringify(listed.body);
    expect(text).toContain('alice');
    expect(text).not.toContain(created.body.key);
    expect(text).not.toContain(created.body.key.slice(8));
    expect(listed.body.data[0]).not.toHaveProperty('hash');
    expect(listed.body.data[0]).not.toHaveProperty('key');

    const duplicate = await admin(stack, 'POST', '/admin/keys', { name: 'alice' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toContain('alice');
    const bad = await admin(stack, 'POST', '/admin/keys', { name: 'bob', rpm: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: 'invalid_request_error' });
    expect(bad.body.error.message).toContain('rpm');
    const unknown = await admin(stack, 'PATCH', '/admin/keys/nope', { rpm: 5 });
    expect(unknown.status).toBe(404);
  });

  it('a key works with the OpenAI SDK and on every auth form of the Gemini surface', async () => {
    const { key } = await createKey(stack, { name: 'forms' });
    const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: key, maxRetries: 0 });
    const answer = await openai.chat.completions.create({ ...chat });
    expect(answer.choices[0]?.message.content).toBeTruthy();

    const genai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: stack.url } });
    const generated = await genai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'hello',
    });
    expect(generated.text).toBeTruthy();

    const path = '/v1beta/models/gemini-2.5-flash:generateContent';
    const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const forms: Record<string, string>[] = [
      { 'x-goog-api-key': key },
      { authorization: `Basic ${Buffer.from(`user:${key}`).toString('base64')}` },
    ];
    for (const headers of forms) {
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(200);
    }
    const query = await fetch(`${stack.url}${path}?key=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(query.status).toBe(200);
  });

  it('over its rpm a key gets a 429 with Retry-After and x-ratelimit headers, in each surface shape', async () => {
    const { key } = await createKey(stack, { name: 'limited', rpm: 2 });
    const first = await postJson({ url: stack.url, password: key }, '/v1/chat/completions', chat);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+s$|^1m0s$/);
    expect(
      (await postJson({ url: stack.url, password: key }, '/v1/chat/completions', chat)).status,
    ).toBe(200);

    const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: key, maxRetries: 0 });
    const refused = await openai.chat.completions
      .create({ ...chat })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    const error = refused as RateLimitError;
    expect(error.status).toBe(429);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.message).toContain('2 requests per minute');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(error.headers?.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');

    const gemini = await postJson(
      { url: stack.url, password: key },
      '/v1beta/models/gemini-2.5-flash:generateContent',
      { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
    );
    expect(gemini.status).toBe(429);
    expect(gemini.headers.get('retry-after')).toBeTruthy();
    const body = (await gemini.json()) as { error: { code: number; status: string } };
    expect(body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
  });

  it('a model outside the allow-list is a 403 naming the allowed models', async () => {
    const { key } = await createKey(stack, { name: 'flash-only', models: ['gemini-2.5-flash*'] });
    const openai = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: key, maxRetries: 0 });
    await expect(openai.chat.completions.create({ ...chat })).resolves.toBeTruthy();
    const refused = await openai.chat.completions
      .create({ ...chat, model: 'gemini-2.5-pro' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermissionDeniedError);
    expect((refused as PermissionDeniedError).message).toContain('gemini-2.5-flash*');
    expect((refused as PermissionDeniedError).code).toBe('model_not_allowed');

    const genai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: stack.url } });
    const geminiRefused = await genai.models
      .generateContent({ model: 'gemini-2.5-pro', contents: 'hi' })
      .catch((error: unknown) => error);
    expect(geminiRefused).toBeInstanceOf(ApiError);
    expect((geminiRefused as ApiError).status).toBe(403);
    expect((geminiRefused as ApiError).message).toContain('gemini-2.5-flash*');
  });

  it('client keys never open /admin; revoked and expired keys are refused', async () => {
    const { key, id } = await createKey(stack, { name: 'short-lived' });
    const denied = await admin(stack, 'GET', '/admin/keys', undefined, key);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('admin password');
    expect((await admin(stack, 'GET', '/admin/keys', undefined, 'wrong-password')).status).toBe(
      401,
    );

    for (const path of ['/status', '/metrics']) {
      const operator = await fetch(`${stack.url}${path}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(operator.status).toBe(403);
    }
    const revoked = await admin(stack, 'DELETE', `/admin/keys/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).toEqual(expect.any(String));
    const after = await postJson({ url: stack.url, password: key }, '/v1/chat/completions', chat);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toContain(
      'revoked',
    );

    const old = await createKey(stack, { name: 'expired', expires_at: '2001-01-01T00:00:00Z' });
    const expired = await postJson(
      { url: stack.url, password: old.key },
      '/v1/chat/completions',
      chat,
    );
    expect(expired.status).toBe(401);
  });

  it('updates limits over PATCH (null clears one) and the new limit applies at once', async () => {
    const { key, id } = await createKey(stack, { name: 'patched', rpm: 1 });
    const client = { url: stack.url, password: key };
    expect((await postJson(client, '/v1/chat/completions', chat)).status).toBe(200);
    expect((await postJson(client, '/v1/chat/completions', chat)).status).toBe(429);
    const patched = await admin(stack, 'PATCH', `/admin/keys/${id}`, { rpm: null, tpm: 1000000 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ rpm: null, tpm: 1000000 });
    expect((await postJson(client, '/v1/chat/completions', chat)).status).toBe(200);
  });

  it('the ledger records each request with key, surface, models, tokens and status', async () => {
    const { key } = await createKey(stack, { name: 'ledger' });
    const client = { url: stack.url, password: key };
    expect((await postJson(client, '/v1/chat/completions', chat)).status).toBe(200);
    expect(
      (
        await postJson(client, '/v1beta/models/gemini-2.5-flash:generateContent', {
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
        })
      ).status,
    ).toBe(200);
    const recent = await admin(stack, 'GET', '/admin/requests?limit=2');
    expect(recent.status).toBe(200);
    expect(recent.body.data).toHaveLength(2);
    const [gemini, openai] = recent.body.data;
    expect(gemini).toMatchObject({ key_name: 'ledger', surface: 'gemini', status: 200 });
    expect(openai).toMatchObject({
      key_name: 'ledger',
      surface: 'openai',
      model: 'gemini-2.5-flash',
      backend: 'code-assist',
      status: 200,
    });
    expect(openai.prompt_tokens).toBeGreaterThan(0);
    expect(openai.completion_tokens).toBeGreaterThan(0);
    expect(openai.latency_ms).toBeGreaterThan(0);
    expect(JSON.stringify(recent.body)).not.toContain(key);

    const usage = await admin(stack, 'GET', '/admin/usage?group_by=key,surface');
    expect(usage.status).toBe(200);
    const rows = usage.body.data.filter((row: { key_name: string }) => row.key_name === 'ledger');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.requests).toBe(1);
      expect(row.total_tokens).toBe(row.prompt_tokens + row.completion_tokens);
      expect(row.latency_ms_p50).toEqual(expect.any(Number));
    }
    const listed = await admin(stack, 'GET', '/admin/keys');
    const ledgerKey = listed.body.data.find((row: { name: string }) => row.name === 'ledger');
    expect(ledgerKey.usage_today.requests).toBe(2);
    expect(ledgerKey.last_used_at).toEqual(expect.any(String));
    const metrics = await (
      await fetch(`${stack.url}/metrics`, {
        headers: { authorization: `Bearer ${stack.password}` },
      })
    ).text();
    expect(metrics).toMatch(/geminicli2api_key_requests_total\{key="ledger"\} 2/);
    expect(metrics).toMatch(/geminicli2api_key_tokens_total\{key="ledger",type="prompt"\} [1-9]/);
    expect((await admin(stack, 'GET', '/admin/usage?group_by=color')).status).toBe(400);
    expect((await admin(stack, 'GET', '/admin/requests?limit=5000')).status).toBe(400);
  });

  it('the admin password keeps working on the API and is recorded as admin', async () => {
    expect((await postJson(stack, '/v1/chat/completions', chat)).status).toBe(200);
    const recent = await admin(stack, 'GET', '/admin/requests?limit=1');
    expect(recent.body.data[0]).toMatchObject({ key_id: null, key_name: 'admin' });
  });
});
