import { summarizeAccount, findAccounts } from '../account-summary';
import { outcome, type CheckOutcome } from '../check-result';
import { bearer, type CheckContext } from '../check-context';
import { errorMessage, field, probe, ProbeError } from '../http-probe';
import { anchorForAccountProblem, fixLink } from '../troubleshooting';

/** The gateway's `/status`: each account's tier, project, eligibility and cooldown. */
export async function checkAccounts(context: CheckContext): Promise<CheckOutcome> {
  if (context.gatewayUp === false) return outcome.skipped('the gateway is not reachable');
  let response;
  try {
    response = await probe(`${context.url}/status`, {
      headers: bearer(context.password),
      timeoutMs: context.timeoutMs,
    });
  } catch (error) {
    const reason = error instanceof ProbeError ? error.reason : String(error);
    return outcome.fail(`GET /status got no answer (${reason})`, fixLink('service-not-reachable'));
  }
  if (response.status === 404)
    return outcome.skipped('GET /status is not available in this gateway version');
  if (response.status === 401)
    return outcome.fail('GET /status refused the password (401)', fixLink('401-unauthorized'));
  if (response.status !== 200) {
    const why = errorMessage(response.json) ?? 'no details';
    return outcome.fail(
      `GET /status answered ${response.status}: ${why}`,
      fixLink(anchorForAccountProblem(why)),
    );
  }
  const accounts = [...findAccounts(response.json), ...apiKeyEntries(response.json)].map(
    summarizeAccount,
  );
  const details = { accounts };
  if (accounts.length === 0) {
    return outcome.warn('GET /status lists no accounts', fixLink('no-credentials'), details);
  }
  const broken = accounts.filter((account) => account.problem);
  const cooling = accounts.filter((account) => !account.problem && account.cooldown);
  const usable = accounts.length - broken.length;
  const first = broken[0] ?? cooling[0];
  const problem = first ? `${first.label}: ${first.problem ?? first.cooldown}` : '';
  const count = `${usable}/${accounts.length} account${accounts.length === 1 ? '' : 's'} usable`;
  if (broken.length === accounts.length) {
    return outcome.fail(
      `no usable account: ${problem}`,
      fixLink(anchorForAccountProblem(problem)),
      details,
    );
  }
  if (first)
    return outcome.warn(`${count}; ${problem}`, fixLink(anchorForAccountProblem(problem)), details);
  const ok = accounts[0];
  const about = [ok?.tier, ok?.project && `project ${ok.project}`].filter(Boolean).join(', ');
  return outcome.pass(`${count}${about ? ` (${about})` : ''}`, details);
}

/**
 * The Gemini API keys of `/status` (`apiKeys`), each named by its label, which carries a short
 * fingerprint and never the key: `api-key-2 (sha256 1a2b3c4d)`.
 */
function apiKeyEntries(body: unknown): unknown[] {
  const keys = field(body, 'apiKeys');
  if (!Array.isArray(keys)) return [];
  return keys.map((entry: unknown) => ({
    ...(typeof entry === 'object' && entry !== null ? entry : {}),
    id: field(entry, 'label') ?? field(entry, 'id'),
  }));
}
