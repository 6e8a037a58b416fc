import { Router } from 'express';
import type { Registry } from 'prom-client';

/** `GET /metrics`: the Prometheus text exposition of `registry`. */
export function metricsRoute(registry: Registry): Router {
  const router = Router();
  router.get('/metrics', async (_request, response) => {
    const body = await registry.metrics();
    response.set('content-type', registry.contentType).send(body);
  });
  return router;
}
