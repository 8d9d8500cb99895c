// The wire drift guard's checks, as plain functions over shapes read by models.mjs: a request
// body against its model, a recorded log against the endpoint map, and the response fields the
// core reads against the answer's model. Each returns readable problems; an empty list passes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, resolveType } from './models.mjs';

function valueKind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const MAX_LISTED_VALUES = 8;
const listValues = (values) =>
  values.length > MAX_LISTED_VALUES ? `${values.slice(0, MAX_LISTED_VALUES).join(', ')}, …` : values.join(', ');

/**
 * What is wrong with `body` as an instance of `model`: fields the model does not have, required
 * fields that are absent (or null), recursively through nested models and arrays of them.
 * With `checkValues`, also enum values outside the enum and primitives of the wrong type.
 * Returns `[{ field, kind: 'extra' | 'missing' | 'value' | 'type' | 'shape', message }]`.
 */
export function bodyProblems(body, model, { checkValues = false, prefix = '' } = {}) {
  const problems = [];
  const at = (field) => `${prefix}${field}`;
  if (valueKind(body) !== 'object') {
    return [{ field: prefix.replace(/\.$/, '') || '(body)', kind: 'shape', message: `is ${valueKind(body)}, not a ${model.name} object` }];
  }
  if (model.kind !== 'object') return problems;
  for (const [field, value] of Object.entries(body)) {
    const declared = model.fields[field];
    if (!declared) {
      if (!model.indexed) problems.push({ field: at(field), kind: 'extra', message: `is sent, but ${model.name} has no such field` });
      continue;
    }
    if (value === null || value === undefined) continue;
    problems.push(...valueProblems(value, resolveType(declared.type), at(field), checkValues));
  }
  for (const [field, declared] of Object.entries(model.fields)) {
    if (declared.required && (body[field] === undefined || body[field] === null)) {
      problems.push({ field: at(field), kind: 'missing', message: `is required by ${model.name} but not sent` });
    }
  }
  return problems;
}

function valueProblems(value, type, field, checkValues) {
  if (type.kind === 'object') return bodyProblems(value, type, { checkValues, prefix: `${field}.` });
  if (type.kind === 'array') {
    if (!Array.isArray(value)) return checkValues ? [{ field, kind: 'type', message: `is ${valueKind(value)}; the model declares an array` }] : [];
    return value.flatMap((item, i) => valueProblems(item, type.of, `${field}[${i}]`, checkValues));
  }
  if (!checkValues) return [];
  if (type.kind === 'enum') {
    return type.values.includes(value)
      ? []
      : [{ field, kind: 'value', message: `is ${JSON.stringify(value)}, not one of ${type.name} (${listValues(type.values)})` }];
  }
  if (['string', 'number', 'boolean'].includes(type.kind) && valueKind(value) !== type.kind) {
    return [{ field, kind: 'type', message: `is ${valueKind(value)}; the model declares ${type.kind}` }];
  }
  return [];
}

/** `'POST providers/{providerType}/verify'` → a test of `{ method, path }` that `POST providers/google/verify` passes. */
export function endpointMatcher(endpoint) {
  const [method, path] = endpoint.split(' ');
  const pattern = new RegExp(`^${path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
  return (entry) => entry.method === method && pattern.test(entry.path);
}

const SDK_PATH = /^\/sdk\/\{environmentId\}\//;

/**
 * Checks a recorded request log (`[{ method, path, body, status, sender, testFile }]`, path as
 * `/sdk/{environmentId}/…`) against the endpoint map. `contract`: `{ endpoints, extensions }` as
 * in contract.mjs; `modelOf(name)` gives a model's shape. Only the core's requests are judged
 * (`sender: 'core'`); a 2xx answer also has its values checked (enums, primitive types), since a
 * refused request may carry a test's deliberately wrong value but never a different shape.
 * Returns `{ problems: string[], seen: Map<endpoint, count>, senders: { core, … } }`.
 */
export function checkLog(entries, contract, modelOf) {
  const problems = [];
  const senders = {};
  for (const entry of entries) senders[entry.sender] = (senders[entry.sender] ?? 0) + 1;
  if (entries.length === 0) {
    return { problems: ['the request log is empty: run the whole browser suite first (npm run test:browser)'], seen: new Map(), senders };
  }
  const core = entries.filter((e) => e.sender === 'core');
  if (core.length === 0) {
    problems.push(`the request log holds ${entries.length} requests but none from the core: the recorder's sender rule no longer recognises it`);
  }

  const classified = [
    ...contract.endpoints.map((e) => ({ ...e, matches: endpointMatcher(e.endpoint), extension: false })),
    ...contract.extensions.map((e) => ({ ...e, matches: endpointMatcher(e.endpoint), extension: true })),
  ];
  const seen = new Map();
  /** Known differences that occurred, as `endpoint field kind`. */
  const observed = new Set();
  /** Problems by message: how often, and the first test file that caused it. */
  const found = new Map();
  const note = (message, entry) => {
    const known = found.get(message) ?? { count: 0, testFile: entry.testFile };
    known.count += 1;
    found.set(message, known);
  };

  // Only the core's requests: a test's raw request may call any endpoint of the backend (and
  // send deliberately broken bodies); sourceSendersProblems keeps the core recognisable.
  for (const entry of core) {
    if (!SDK_PATH.test(entry.path)) {
      note(`${entry.method} ${entry.path}: not a step-up API path the recorder should have logged`, entry);
      continue;
    }
    const request = { method: entry.method, path: entry.path.replace(SDK_PATH, '') };
    const target = classified.find((c) => c.matches(request));
    if (!target) {
      note(
        `${request.method} ${request.path}: the core calls an endpoint the drift guard does not know. ` +
          'Add it to test/wire/contract.mjs: to ENDPOINTS with its @dynamic-labs/sdk-api-core models, or to EXTENSIONS with the reason it is ours',
        entry,
      );
      continue;
    }
    seen.set(target.endpoint, (seen.get(target.endpoint) ?? 0) + 1);
    if (target.extension) continue;
    if (!target.request) {
      if (entry.body !== null || entry.bodyNote) note(`${target.endpoint}: a body is sent, but Dynamic's endpoint takes none`, entry);
      continue;
    }
    if (entry.bodyNote) {
      note(`${target.endpoint} → ${target.request}: the body was ${entry.bodyNote}`, entry);
      continue;
    }
    const ok = entry.status >= 200 && entry.status < 300;
    for (const problem of bodyProblems(entry.body, modelOf(target.request), { checkValues: ok })) {
      const known = target.knownDifferences?.find((d) => d.field === problem.field && d.kind === problem.kind);
      if (known) {
        observed.add(`${target.endpoint} ${known.field} ${known.kind}`);
        continue;
      }
      note(`${target.endpoint} → ${target.request}: field "${problem.field}" ${problem.message}`, entry);
    }
  }

  for (const [message, { count, testFile }] of found) {
    problems.push(`${message} (${count}×${testFile ? `, first from ${testFile}` : ''})`);
  }
  for (const endpoint of contract.endpoints) {
    if (!seen.has(endpoint.endpoint)) {
      problems.push(
        `${endpoint.endpoint}: the browser suite exercises it, but the core sent it not once — the recorder or the suite lost it (a partial run, e.g. --files, cannot be judged)`,
      );
    }
    for (const known of endpoint.knownDifferences ?? []) {
      if (!observed.has(`${endpoint.endpoint} ${known.field} ${known.kind}`)) {
        problems.push(`${endpoint.endpoint}: the known difference on field "${known.field}" (${known.kind}) no longer occurs: remove it from contract.mjs`);
      }
    }
  }
  return { problems, seen, senders };
}

/** A field path (`credentials[].id`) in `model`: `{ required, model }` of its last step, or `{ missing, in }`. */
export function fieldIn(model, path) {
  let current = model;
  let step;
  for (const segment of path.split('.')) {
    const name = segment.replace(/\[\]$/, '');
    if (current?.kind !== 'object') return { missing: name, in: current?.name ?? '(not an object)' };
    step = current.fields[name];
    if (!step) return { missing: name, in: current.name };
    let type = resolveType(step.type);
    if (segment.endsWith('[]')) {
      if (type.kind !== 'array') return { missing: `${name}[]`, in: current.name };
      type = type.of;
    }
    step = { required: step.required, model: current };
    current = type;
  }
  return step;
}

/** Every field path of a type, nested objects and arrays of them included: `['credentials', 'credentials[].id', …]`. */
export function fieldPaths(type, prefix = '') {
  if (type.kind !== 'object') return [];
  return Object.entries(type.fields).flatMap(([field, declared]) => {
    const path = `${prefix}${field}`;
    const resolved = resolveType(declared.type);
    if (resolved.kind === 'object') return [path, ...fieldPaths(resolved, `${path}.`)];
    if (resolved.kind === 'array' && resolved.of.kind === 'object') return [path, ...fieldPaths(resolved.of, `${path}[].`)];
    return [path];
  });
}

const readSource = (file) => readFileSync(join(REPO_ROOT, file), 'utf8');

/**
 * The recorder tells the core's requests by `accept: application/json` (wire-recorder.mjs
 * `senderOf`). Every module of the core that builds a step-up API URL (`sdkUrl(`) must send that
 * header, or its requests would pass unjudged as a test's own. `files`: the core's modules.
 */
export function sourceSendersProblems(files, source = readSource) {
  const problems = [];
  const senders = files.filter((file) => /\.sdkUrl\(/.test(source(file)));
  if (senders.length === 0) problems.push('no module of the core builds a step-up API URL (sdkUrl): the check looks in the wrong place');
  for (const file of senders) {
    if (!/accept: 'application\/json'/.test(source(file))) {
      problems.push(`${file} sends to the step-up API without accept: 'application/json': the recorder would not count its requests as the core's`);
    }
  }
  return problems;
}

/**
 * Checks what the core reads from one kind of answer against `model` (null: Dynamic's endpoint
 * answers no body). `reading`: `{ label, coreType?, reads, readIn, optional, extensionFields }`
 * (see contract.mjs). Every read field must be in the model (or listed as an extension field);
 * every one the model leaves optional, or does not have, must be listed in `optional` with
 * evidence in the source that the core copes with its absence; a required field of the core's
 * own type must be required by the model. `source(file)` reads a repository file (for tests).
 */
export function readingProblems(reading, model, source = readSource) {
  const problems = [];
  const where = `${reading.label} → ${model?.name ?? 'no body in Dynamic\'s API'}`;
  const coreType = reading.coreType;
  const reads = reading.reads === 'coreType' ? fieldPaths(coreType) : reading.reads;
  const extensionFields = reading.extensionFields ?? {};
  const optional = reading.optional ?? {};
  const mustHandle = new Set();

  if (!model && !reading.extension) problems.push(`${where}: the core reads an answer Dynamic's endpoint does not have; list the reason as "extension"`);

  for (const path of reads) {
    const last = path.split('.').at(-1).replace(/\[\]$/, '');
    const text = reading.readIn.map(source).join('\n');
    if (!new RegExp(`\\b${last}\\b`).test(text)) {
      problems.push(`${where}: field "${path}" is listed as read, but "${last}" does not appear in ${reading.readIn.join(', ')}: update the list`);
    }
    if (!model) continue;
    const found = fieldIn(model, path);
    if (found.missing) {
      if (extensionFields[path]) mustHandle.add(path);
      else problems.push(`${where}: the core reads field "${path}", but ${found.in} has no field "${found.missing}"`);
      continue;
    }
    if (extensionFields[path]) problems.push(`${where}: field "${path}" is listed as an extension, but ${found.model.name} has it now: remove it from extensionFields`);
    if (!found.required) mustHandle.add(path);
  }

  if (coreType && model) {
    for (const path of fieldPaths(coreType)) {
      const found = fieldIn(model, path);
      if (found.missing) {
        if (!extensionFields[path]) problems.push(`${where}: the core's type ${coreType.name} has field "${path}", but ${found.in} has no field "${found.missing}"`);
        continue;
      }
      const declared = fieldIn(coreType, path);
      if (declared.required && !found.required) {
        problems.push(`${where}: the core's type ${coreType.name} promises field "${path}", which ${found.model.name} leaves optional`);
      }
    }
  }

  for (const path of mustHandle) {
    const handled = optional[path];
    if (!handled) {
      problems.push(`${where}: the core relies on field "${path}", which the model does not guarantee; show in "optional" how the core copes without it`);
      continue;
    }
    for (const [file, pattern] of handled.evidence) {
      if (!pattern.test(source(file))) problems.push(`${where}: field "${path}": the evidence ${pattern} that the core copes without it is no longer in ${file}`);
    }
  }
  for (const path of Object.keys(optional)) {
    if (!mustHandle.has(path)) problems.push(`${where}: field "${path}" is listed in "optional", but the model requires it (or it is not read): remove it`);
  }
  return problems;
}
