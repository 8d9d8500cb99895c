// Keeps a test page's traffic on this machine, and says so: a Content-Security-Policy lets the
// page reach only its own origin (the test runner's server, where the reference backend is
// mounted), and every attempt to go anywhere else — refused by the policy, or loaded anyway by
// something the policy does not govern — is recorded for the test to fail on. For third-party
// code under test (Dynamic's SDK posts telemetry to its own host unless told not to).
// Import it before that code, so the policy is in force before the code is evaluated.

/** Hosts of this machine: the page's server is one of them. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

const attempts: string[] = [];
/** Resource entries before this time (ms, the page's clock) were seen before the last clear. */
let clearedAt = 0;

/** Records an attempt that a caller refused itself, before anything was sent (a fetch wrapper). */
export function noteOffMachineAttempt(url: string): void {
  attempts.push(url);
}

function isOnMachine(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url, location.href);
    return protocol === 'data:' || protocol === 'blob:' || LOOPBACK.test(hostname);
  } catch {
    return false;
  }
}

// 'self' only: scripts, styles, frames, images, fonts, fetch/XHR/WebSocket/beacons. Inline code
// and eval stay allowed: the runner's own page needs them, and they send nothing by themselves.
const policy = document.createElement('meta');
policy.httpEquiv = 'Content-Security-Policy';
policy.content = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:";
document.head.prepend(policy);

document.addEventListener('securitypolicyviolation', (event) => attempts.push(event.blockedURI || event.violatedDirective));

// Every resource the page fetched or tried to (the timeline has them as soon as they finish).
performance.setResourceTimingBufferSize(100_000);

/** Every request the page tried to send off this machine or off its origin, since the last clear. */
export function offMachineAttempts(): string[] {
  const loaded = performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= clearedAt && !isOnMachine(entry.name))
    .map((entry) => entry.name);
  return [...attempts, ...loaded];
}

export function clearOffMachineAttempts(): void {
  attempts.length = 0;
  clearedAt = performance.now();
}
