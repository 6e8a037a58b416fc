import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boundedFetch, EndpointProblem } from './bounded-fetch';

describe('boundedFetch (a deadline and a diagnosis for every account call)', () => {
  let server: Server;
  let url: string;
  const hanging = new Set<() => void>();
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/hang') {
        hanging.add(() => response.destroy());
        return;
      }
      if (request.url === '/html') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>portal</html>');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const close of hanging) close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails a call that never answers with a timeout naming the setting', async () => {
    const fetch = boundedFetch(globalThis.fetch, { timeoutMs: 150, timeoutSetting: 'SOME_MS' });
    const error = await fetch(`${url}/hang`).catch((caught: unknown) => caught);
    expect(EndpointProblem.find(error)).toMatchObject({
      kind: 'timeout',
      message: 'did not answer within 0.2 s (SOME_MS)',
    });
  });

  it('refuses a 2xx that is not JSON when JSON is expected, and passes JSON through', async () => {
    const fetch = boundedFetch(globalThis.fetch, { timeoutMs: 2000, expectJson: true });
    const error = await fetch(`${url}/html`).catch((caught: unknown) => caught);
    expect(EndpointProblem.find(error)).toMatchObject({
      kind: 'not-json',
      message: 'answered HTTP 200 with text/html, not JSON',
    });
    expect(await (await fetch(`${url}/json`)).json()).toEqual({ ok: true });
  });

  it("passes the caller's own abort through as is (not a deadline)", async () => {
    const fetch = boundedFetch(globalThis.fetch, { timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = fetch(`${url}/hang`, { signal: controller.signal });
    controller.abort(new Error('client left'));
    const error = await pending.catch((caught: unknown) => caught);
    expect(EndpointProblem.find(error)).toBeUndefined();
  });
});
