// Recognising a step-up refusal in an answer: RFC 9470's `WWW-Authenticate: Bearer
// error="insufficient_user_authentication"`, RFC 6750's `insufficient_scope`, or the server
// kit's own JSON body (`code: 'step_up_required'`), each naming the scope to elevate.

/** A refused call that a step-up for `scope` can turn into an accepted one. */
export interface StepUpRefusal {
  /** The scope the refused call needs. */
  scope: string;
  /** 'insufficient_user_authentication', 'insufficient_scope' or 'step_up_required'. */
  error: string;
  /** The server's sentence, when it sent one. */
  description: string | undefined;
  /** RFC 9470 `max_age`: seconds since the user's proof within which it is acceptable. */
  maxAge: number | undefined;
  /** RFC 9470 `acr_values`. */
  acrValues: string | undefined;
}

export interface AuthChallenge {
  /** Lower case, e.g. 'bearer'. */
  scheme: string;
  /** By lower-case name; quoted values unescaped. */
  params: Record<string, string>;
}

/**
 * The challenges of a `WWW-Authenticate` value (RFC 9110 §11.6.1): several challenges
 * separated by commas, parameters as tokens or quoted strings with backslash escapes, a
 * token68 ignored. Reading stops at the first thing that cannot be read; what came before
 * is kept.
 */
export function parseChallenges(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  // separator, name, and `= value` for a parameter (none for a scheme or a token68)
  const item = /([\s,]*)([^\s,="]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,"]*))?/y;
  let match;
  while ((match = item.exec(header))) {
    const [, separator, name, value] = match as unknown as [string, string, string, string | undefined];
    const current = challenges.at(-1);
    if (value !== undefined) {
      if (current) current.params[name.toLowerCase()] = value[0] === '"' ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
    } else if (!current || separator.includes(',')) {
      // a bare word right after a scheme, without a comma, is that scheme's token68
      challenges.push({ scheme: name.toLowerCase(), params: {} });
    }
  }
  return challenges;
}

const STEP_UP_ERRORS = ['insufficient_user_authentication', 'insufficient_scope'];

// One scope: a step-up elevates one scope at a time, so a refusal naming several is not one
// this client can answer.
const singleScope = (scope: unknown): scope is string => typeof scope === 'string' && /^\S+$/.test(scope);

/**
 * The step-up refusal `response` says, or undefined when it is not one this client can act
 * on (another status, no scope, several scopes). Reads the body of a clone only, so the
 * response stays readable.
 */
export async function readStepUpRefusal(response: Response): Promise<StepUpRefusal | undefined> {
  if (response.status !== 401 && response.status !== 403) return undefined;
  for (const { scheme, params } of parseChallenges(response.headers.get('www-authenticate') ?? '')) {
    const { error = '', scope } = params;
    if (scheme === 'bearer' && STEP_UP_ERRORS.includes(error) && singleScope(scope)) {
      const maxAge = params.max_age;
      return {
        scope,
        error,
        description: params.error_description,
        maxAge: maxAge && /^\d+$/.test(maxAge) ? Number(maxAge) : undefined,
        acrValues: params.acr_values,
      };
    }
  }
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { code?: unknown; error?: unknown; payload?: { scope?: unknown } } | null | undefined;
  const scope = body?.payload?.scope;
  if (body?.code !== 'step_up_required' || !singleScope(scope)) return undefined;
  const description = typeof body.error === 'string' ? body.error : undefined;
  return { scope, error: body.code, description, maxAge: undefined, acrValues: undefined };
}
