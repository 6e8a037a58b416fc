import type { AccountView, DependencyHealth } from '../admin/admin-api-types';
import type { TrafficRecorder } from './traffic-recorder';

export type { DependencyHealth };

/**
 * Google, as the gateway sees it: no credentials → down; every account disabled, refused or
 * cooling down → down / degraded; errors in more than half of the last five minutes' calls →
 * degraded; else ok.
 */
export function dependencyHealth(
  backend: { kind: string; state: string },
  accounts: readonly AccountView[],
  traffic: TrafficRecorder,
): DependencyHealth {
  const name = 'google';
  if (backend.kind === 'none')
    return {
      name,
      state: 'down',
      detail: 'No Google credentials are configured.',
      reason: { code: 'google-no-credentials', values: {} },
    };
  if (accounts.length > 0) {
    const usable = accounts.filter(
      (account) =>
        !account.disabled && account.state !== 'ineligible' && account.state !== 'relogin-required',
    );
    if (usable.length === 0)
      return {
        name,
        state: 'down',
        detail: 'No account or API key can be used right now.',
        reason: { code: 'google-none-usable', values: {} },
      };
    const cooling = usable.filter((account) => account.cooldowns.length > 0).length;
    if (cooling > 0)
      return {
        name,
        state: 'degraded',
        detail: `${cooling} of ${usable.length} usable accounts are cooling down for some models.`,
        reason: { code: 'google-cooling-down', values: { cooling, usable: usable.length } },
      };
  }
  const recent = traffic.series(5, 1);
  const requests = recent.reduce((sum, point) => sum + point.requests, 0);
  const errors = recent.reduce((sum, point) => sum + point.errors, 0);
  if (requests >= 4 && errors / requests > 0.5)
    return {
      name,
      state: 'degraded',
      detail: `${errors} of ${requests} recent requests failed.`,
      reason: { code: 'google-failing', values: { errors, requests } },
    };
  return {
    name,
    state: 'ok',
    detail: `${backend.kind} backend ready.`,
    reason: { code: 'google-ready', values: { backend: backend.kind } },
  };
}
