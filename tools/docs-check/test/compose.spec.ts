import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const dockerDir = join(__dirname, '..', '..', '..', 'docker');

interface Service {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  env_file?: (string | { path: string; required?: boolean })[] | string;
  environment?: Record<string, string | number | null>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: {
    test?: string[] | string;
    start_period?: string;
    interval?: string;
    retries?: number;
  };
  restart?: string;
  deploy?: { resources?: { limits?: { cpus?: string; memory?: string } } };
  profiles?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
}

const compose = parse(readFileSync(join(dockerDir, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const gatewayServices = Object.entries(services).filter(
  ([, service]) => service.build?.dockerfile === 'docker/Dockerfile',
);
const defaultGateway = Object.entries(services).find(
  ([, service]) => service.build && !service.profiles,
);

function seconds(duration: string | undefined): number {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration ?? '');
  return match ? Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) : Number.NaN;
}

describe('docker/docker-compose.yml', () => {
  it('has a default gateway service built from docker/Dockerfile with the repo root as context', () => {
    expect(defaultGateway?.[1].build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
  });

  it('maps the host port from ${PORT:-8888} to the container port 8888', () => {
    expect(defaultGateway?.[1].ports).toContain('${PORT:-8888}:8888');
    expect(defaultGateway?.[1].environment?.['PORT']).toBe(8888);
  });

  describe.each(gatewayServices)('gateway service %s', (_name, service) => {
    it('reads the repository .env', () => {
      const files = [service.env_file ?? []]
        .flat()
        .map((file) => (typeof file === 'string' ? file : file.path));
      expect(files).toContain('../.env');
    });

    it('keeps credentials in a named volume mounted at /data', () => {
      const mount = service.volumes?.find((volume) => volume.split(':')[1] === '/data');
      expect(mount).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(mount?.split(':')[0]);
    });

    it('has a healthcheck without curl whose start_period covers a first start', () => {
      expect(JSON.stringify(service.healthcheck?.test)).toContain('/health');
      expect(JSON.stringify(service.healthcheck?.test)).not.toMatch(/curl|wget/);
      expect(seconds(service.healthcheck?.start_period)).toBeGreaterThanOrEqual(30);
    });

    it('restarts unless stopped and has CPU and memory limits', () => {
      expect(service.restart).toBe('unless-stopped');
      expect(service.deploy?.resources?.limits?.cpus).toBeDefined();
      expect(service.deploy?.resources?.limits?.memory).toMatch(/^\d+[MG]$/);
    });

    it.each(['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'])(
      'passes %s through from the host',
      (variable) => {
        expect(String(service.environment?.[variable])).toMatch(
          new RegExp(`^\\$\\{${variable}(:-[^}]*)?\\}$`),
        );
      },
    );
  });

  describe('the scale profile', () => {
    const nginx = Object.entries(services).find(([, service]) =>
      service.image?.startsWith('nginx'),
    );
    const dependsOn = (nginx?.[1].depends_on ?? {}) as Record<string, { condition?: string }>;
    const replicas = gatewayServices.filter(([name]) => name in dependsOn);

    it('runs two gateway replicas behind nginx, which waits for them to be healthy', () => {
      expect(nginx?.[1].profiles).toEqual(['scale']);
      expect(replicas).toHaveLength(2);
      for (const [name] of replicas) expect(dependsOn[name]?.condition).toBe('service_healthy');
      // every gateway beyond the default one only runs with the profile
      for (const [name, service] of gatewayServices)
        if (name !== defaultGateway?.[0]) expect(service.profiles).toEqual(['scale']);
    });

    const confFile = readdirSync(join(dockerDir, 'nginx')).find((file) => file.endsWith('.conf'));
    const conf = readFileSync(join(dockerDir, 'nginx', confFile ?? 'missing.conf'), 'utf8');

    it('mounts the nginx config from docker/nginx', () => {
      expect(nginx?.[1].volumes?.some((volume) => volume.startsWith(`./nginx/${confFile}:`))).toBe(
        true,
      );
    });

    it('balances over both replicas on their container port', () => {
      for (const [name] of replicas) expect(conf).toMatch(new RegExp(`server\\s+${name}:8888\\b`));
    });

    it.each([
      ['response buffering off', /proxy_buffering\s+off;/],
      ['request buffering off', /proxy_request_buffering\s+off;/],
      ['HTTP/1.1 to the upstreams', /proxy_http_version\s+1\.1;/],
    ])('is streaming-safe: %s', (_name, pattern) => {
      expect(conf).toMatch(pattern);
    });

    it('waits at least five minutes for a silent upstream (thinking models)', () => {
      const read = /proxy_read_timeout\s+(\d+)s?;/.exec(conf);
      expect(Number(read?.[1])).toBeGreaterThanOrEqual(300);
    });
  });
});
