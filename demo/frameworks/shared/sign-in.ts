// Demo plumbing shared by the framework examples: "signing in" against the reference
// backend's development surface. A real app gets its session JWT from its own sign-in.

export const API_BASE = '/api/v0';

export interface DemoSession {
  jwt: string;
  environmentId: string;
}

/** Starts a session for one of the reference backend's demo users (dev mode only). */
export async function demoSignIn(userId: string): Promise<DemoSession> {
  const response = await fetch(`${API_BASE}/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`The demo backend answered ${response.status}.`);
  return (await response.json()) as DemoSession;
}
