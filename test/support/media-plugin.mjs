// Test-runner plugin: emulated media features the page cannot set itself (forced colours, as
// Windows High Contrast sets them), through the DevTools protocol, from browser tests with
// `executeServerCommand('media:emulate', { features: [{ name: 'forced-colors', value: 'active' }] })`.
// An empty list restores the real media.
import { pageCdp } from './page-cdp.mjs';

export function mediaPlugin() {
  return {
    name: 'emulated-media',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media:emulate') return undefined;
      const cdp = await pageCdp(session, 'media');
      await cdp.send('Emulation.setEmulatedMedia', { features: payload?.features ?? [] });
      return true;
    },
  };
}
