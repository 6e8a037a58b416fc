import { outcome, type CheckOutcome } from '../check-result';
import type { CheckContext } from '../check-context';
import { probe, ProbeError } from '../http-probe';
import { fixLink } from '../troubleshooting';

const WRONG_PASSWORD = 'health-check-wrong-password-9f3c';

type Method = {
  name: string;
  request: (password: string) => { path: string; headers: Record<string, string> };
};

/** Every way the gateway accepts the password. */
const METHODS: Method[] = [
  {
    name: 'Bearer',
    request: (p) => ({ path: '/v1/models', headers: { authorization: `Bearer ${p}` } }),
  },
  {
    name: 'Basic',
    request: (p) => ({
      path: '/v1/models',
      headers: { authorization: `Basic ${Buffer.from(`health-check:${p}`).toString('base64')}` },
    }),
  },
  {
    name: 'x-goog-api-key',
    request: (p) => ({ path: '/v1/models', headers: { 'x-goog-api-key': p } }),
  },
  {
    name: '?key=',
    request: (p) => ({ path: `/v1/models?key=${encodeURIComponent(p)}`, headers: {} }),
  },
];

/**
 * Authentication really works and is really enforced: the password is accepted in every form,
 * and requests with no password or a wrong one are refused with 401.
 */
export async function checkAuthentication(context: CheckContext): Promise<CheckOutcome> {
  if (context.gatewayUp === false) return outcome.skipped('the gateway is not reachable');
  const statusOf = async (path: string, headers: Record<string, string>) =>
    (await probe(`${context.url}${path}`, { headers, timeoutMs: context.timeoutMs })).status;
  try {
    const anonymous = await statusOf('/v1/models', {});
    const wrong = await statusOf('/v1/models', { authorization: `Bearer ${WRONG_PASSWORD}` });
    const enforced = { noPassword: anonymous, wrongPassword: wrong };
    if (anonymous !== 401 || wrong !== 401) {
      const what = anonymous !== 401 ? 'without a password' : 'with a wrong password';
      return outcome.fail(
        `authentication is NOT enforced: GET /v1/models ${what} answered ${anonymous !== 401 ? anonymous : wrong} instead of 401`,
        fixLink('authentication-not-enforced'),
        enforced,
      );
    }
    if (context.password === undefined) {
      return outcome.warn(
        'a wrong or missing password is refused (401), but no password was given to test the accepted forms: pass --password or set GEMINI_AUTH_PASSWORD',
        fixLink('401-unauthorized'),
        enforced,
      );
    }
    const password = context.password;
    const accepted: Record<string, number> = {};
    for (const method of METHODS) {
      const { path, headers } = method.request(password);
      accepted[method.name] = await statusOf(path, headers);
    }
    const refused = Object.entries(accepted).filter(
      ([, status]) => status === 401 || status === 403,
    );
    const details = { ...enforced, accepted };
    if (refused.length === METHODS.length) {
      return outcome.fail(
        `the password from ${context.passwordSource} is refused (401): it does not match the gateway's GEMINI_AUTH_PASSWORD`,
        fixLink('401-unauthorized'),
        details,
      );
    }
    if (refused.length > 0) {
      const list = refused.map(([name, status]) => `${name} → ${status}`).join(', ');
      return outcome.warn(
        `the password works, but not in every form: ${list}`,
        fixLink('401-unauthorized'),
        details,
      );
    }
    return outcome.pass(
      `password accepted as ${METHODS.map((m) => m.name).join(', ')}; missing and wrong passwords are refused (401)`,
      details,
    );
  } catch (error) {
    const reason = error instanceof ProbeError ? error.reason : String(error);
    return outcome.fail(
      `the gateway stopped answering (${reason})`,
      fixLink('service-not-reachable'),
    );
  }
}
