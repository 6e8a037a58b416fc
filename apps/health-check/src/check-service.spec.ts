import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkService } from './check-service';

async function serve(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => response.writeHead(status).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('checkService', () => {
  it('passes when /health says ok', async () => {
    const { url, server } = await serve(200, '{"status":"ok","backend":"ready"}');
    await expect(checkService(url)).resolves.toMatchObject({ status: 'pass', finding: expect.stringContaining('ready') });
    server.close();
  });

  it('fails with the status when /health is not ok', async () => {
    const { url, server } = await serve(503, 'down');
    await expect(checkService(url)).resolves.toMatchObject({ status: 'fail', finding: expect.stringContaining('503') });
    server.close();
  });

  it('fails fast and says why when nothing listens', async () => {
    const { url, server } = await serve(200, '');
    server.close();
    await new Promise((resolve) => server.on('close', resolve));
    await expect(checkService(url)).resolves.toMatchObject({ status: 'fail', finding: expect.stringContaining('ECONNREFUSED') });
  });
});
