import express, { Router } from 'express';
import { hasKeysRoute } from './mount-console';

describe('hasKeysRoute (whether the console shows its keys pages)', () => {
  it('finds GET /admin/keys on the app or in a router mounted at /admin', () => {
    const direct = express();
    direct.get('/admin/keys', (_request, response) => response.end());
    const mounted = express();
    const admin = Router();
    admin.get('/keys', (_request, response) => response.end());
    mounted.use('/admin', admin);
    expect([hasKeysRoute(direct), hasKeysRoute(mounted)]).toEqual([true, true]);
  });

  it('is false for an app without it (the accounts API alone)', () => {
    const app = express();
    const admin = Router();
    admin.get('/admin/accounts', (_request, response) => response.end());
    app.use(admin);
    expect(hasKeysRoute(app)).toBe(false);
  });
});
