// The wire drift guard: every request body the core sent during the browser suite (recorded by
// test/support/wire-recorder.mjs), and every answer field it reads, held to Dynamic's API models
// (`@dynamic-labs/sdk-api-core`): field names, required fields, and for accepted requests enum
// values and primitive types. Run after the browser suite (`npm test` does): the log is its.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { WIRE_LOG } from '../support/wire-recorder.mjs';
import { ENDPOINTS, EXTENSIONS, RESPONSES } from './contract.mjs';
import { checkLog, readingProblems, sourceSendersProblems } from './guard.mjs';
import { REPO_ROOT, repoType, SDK_PACKAGE_VERSION, sdkModel, sdkOperations } from './models.mjs';

function failWith(problems, title) {
  if (problems.length > 0) assert.fail(`${title}:\n  - ${problems.join('\n  - ')}`);
}

/** `providers/{providerType}/verify` and `providers/{provider}/verify` are one path. */
const samePath = (a, b) => a.replace(/\{[^}]+\}/g, '{}') === b.replace(/\{[^}]+\}/g, '{}');

function operationAt(operations, endpoint) {
  const [method, path] = endpoint.split(' ');
  return operations.find((op) => op.method === method && samePath(op.path, path));
}

describe(`the wire, against @dynamic-labs/sdk-api-core ${SDK_PACKAGE_VERSION}`, () => {
  it("maps each endpoint to the models Dynamic's own SDKApi uses for it", () => {
    const operations = sdkOperations();
    const problems = [];
    for (const entry of ENDPOINTS) {
      const own = operationAt(operations, entry.endpoint);
      const dynamicEndpoint = entry.sameOperationAs ?? entry.endpoint;
      if (entry.sameOperationAs && own) {
        problems.push(`${entry.endpoint}: Dynamic's API now has it (${own.name}); map it directly and drop sameOperationAs`);
      }
      const op = operationAt(operations, dynamicEndpoint);
      if (!op) {
        problems.push(`${entry.endpoint}: Dynamic's SDKApi has no operation ${dynamicEndpoint}; classify it as an extension, or name the operation it stands for`);
        continue;
      }
      if (op.request !== entry.request) problems.push(`${entry.endpoint}: Dynamic's ${op.name} sends ${op.request ?? 'no body'}, the map says ${entry.request ?? 'no body'}`);
      if (op.response !== entry.response) problems.push(`${entry.endpoint}: Dynamic's ${op.name} answers ${op.response ?? 'no body'}, the map says ${entry.response ?? 'no body'}`);
      for (const model of [entry.request, entry.response].filter(Boolean)) {
        assert.equal(sdkModel(model).kind, 'object', `${model} is an object model`);
      }
    }
    for (const extension of EXTENSIONS) {
      assert.ok(extension.why.length > 40, `${extension.endpoint}: an extension says why it is one`);
      const has = Boolean(operationAt(operations, extension.endpoint));
      if (has !== extension.dynamicHasPath) {
        problems.push(`${extension.endpoint}: dynamicHasPath is ${extension.dynamicHasPath}, but Dynamic's SDKApi ${has ? 'has' : 'does not have'} it: correct the reason`);
      }
      if (ENDPOINTS.some((e) => e.endpoint === extension.endpoint)) problems.push(`${extension.endpoint}: both mapped and an extension`);
    }
    failWith(problems, 'the endpoint map does not match Dynamic\'s SDKApi');
  });

  it("lets the recorder tell the core's requests: every module that calls the step-up API marks them", () => {
    const modules = readdirSync(`${REPO_ROOT}src`, { recursive: true })
      .map((file) => `src/${file.split('\\').join('/')}`)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    failWith(sourceSendersProblems(modules), 'the recorder cannot tell some of the core\'s requests');
  });

  describe('requests the core sent in the browser suite', () => {
    let log;
    before(() => {
      assert.ok(existsSync(WIRE_LOG), 'no request log (.wire-log/requests.jsonl): run the browser suite first (npm run test:browser)');
      log = readFileSync(WIRE_LOG, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    });

    it('are all classified, cover every mapped endpoint, and each body is an instance of its model', () => {
      const { problems, seen, senders } = checkLog(log, { endpoints: ENDPOINTS, extensions: EXTENSIONS }, sdkModel);
      console.log(`  ${log.length} step-up API requests recorded: ${Object.entries(senders).map(([s, n]) => `${n} ${s}`).join(', ')}`);
      for (const { endpoint, request } of [...ENDPOINTS, ...EXTENSIONS]) {
        console.log(`  ${String(seen.get(endpoint) ?? 0).padStart(5)} × ${endpoint}${request ? ` → ${request}` : request === null ? ' (no body)' : ' (extension)'}`);
      }
      failWith(problems, 'the core\'s requests drift from Dynamic\'s models');
    });
  });

  it("reads from each answer only fields Dynamic's model has, and copes where the model leaves one optional", () => {
    const problems = [];
    const mapped = new Map(ENDPOINTS.map((e) => [e.endpoint, e]));
    for (const endpoint of ENDPOINTS) {
      if (!RESPONSES.some((r) => r.endpoints?.includes(endpoint.endpoint))) {
        problems.push(`${endpoint.endpoint}: what the core reads from its answer is not listed in RESPONSES`);
      }
    }
    for (const reading of RESPONSES) {
      const coreType = reading.coreType && repoType(reading.coreType.file, reading.coreType.name);
      // One check per model: the verify endpoints answer VerifyResponse or UpdateSelfResponse.
      const byModel = new Map();
      if (reading.model) byModel.set(reading.model, [reading.label]);
      for (const endpoint of reading.endpoints ?? []) {
        const entry = mapped.get(endpoint);
        if (!entry) {
          problems.push(`RESPONSES names ${endpoint}, which ENDPOINTS does not map`);
          continue;
        }
        byModel.set(entry.response, [...(byModel.get(entry.response) ?? []), endpoint]);
      }
      for (const [model, labels] of byModel) {
        problems.push(...readingProblems({ ...reading, coreType, label: labels.join(', ') }, model && sdkModel(model)));
      }
    }
    failWith(problems, 'what the core reads drifts from Dynamic\'s answer models');
  });
});
