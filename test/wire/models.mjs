// Reads shapes from TypeScript declarations: Dynamic's API models (`@dynamic-labs/sdk-api-core`,
// one `models/X.d.ts` per model: `export interface X { field: T; optional?: T }`), the operations
// of its generated `SDKApi` (method, path, request and response model), and the core's own wire
// types (protocol/wire.ts). The declarations are parsed with TypeScript itself, not by pattern,
// so a field can only be missed if TypeScript would miss it too; anything this reader does not
// understand throws instead of being skipped.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The package's `src/` folder (its models and apis), found the way Node resolves it. */
const SDK_SRC = dirname(createRequire(import.meta.url).resolve('@dynamic-labs/sdk-api-core'));
export const SDK_PACKAGE_VERSION = JSON.parse(readFileSync(join(SDK_SRC, '../package.json'), 'utf8')).version;

const sourceFiles = new Map();
function sourceFile(path) {
  if (!sourceFiles.has(path)) {
    sourceFiles.set(path, ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
  }
  return sourceFiles.get(path);
}

const PRIMITIVES = {
  [ts.SyntaxKind.StringKeyword]: 'string',
  [ts.SyntaxKind.NumberKeyword]: 'number',
  [ts.SyntaxKind.BooleanKeyword]: 'boolean',
};
const OPEN = { kind: 'any' };

/** A declared type as `{ kind: 'string' | 'number' | 'boolean' | 'any' | 'array' | 'ref' }`. */
function describeType(node, file) {
  if (!node) return OPEN;
  if (PRIMITIVES[node.kind]) return { kind: PRIMITIVES[node.kind] };
  if (ts.isArrayTypeNode(node)) return { kind: 'array', of: describeType(node.elementType, file) };
  if (ts.isUnionTypeNode(node)) {
    // `string | null`: nullability is not what this guard compares
    const rest = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) && t.kind !== ts.SyntaxKind.UndefinedKeyword);
    return rest.length === 1 ? describeType(rest[0], file) : OPEN;
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length === 1) return { kind: 'array', of: describeType(node.typeArguments[0], file) };
    if (name === 'Date' || name === 'Record') return OPEN;
    return { kind: 'ref', name, from: file };
  }
  return OPEN; // `object`, `any`, `unknown`, literal object types, template literals: open
}

/** Where `name`, used in `file`, is declared: in `file` itself or in the module it imports it from. */
function declarationFile(name, file) {
  const source = sourceFile(file);
  for (const statement of source.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name) {
      return file;
    }
  }
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const names = statement.importClause?.namedBindings;
    if (!names || !ts.isNamedImports(names) || !names.elements.some((e) => e.name.text === name)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) return undefined; // another package: not followed
    const base = resolve(dirname(file), specifier.replace(/\.js$/, ''));
    return [`${base}.d.ts`, `${base}.ts`].find(existsSync);
  }
  return undefined;
}

const shapes = new Map();

/**
 * The shape declared as `name` in `file`: `{ kind: 'object', name, fields }` (fields:
 * `{ [field]: { required, type } }`, `indexed` when it has an index signature), `{ kind: 'enum',
 * name, values }`, or `{ kind: 'any', name }` for an alias this guard does not look into.
 */
export function shapeOf(name, file) {
  const key = `${file}#${name}`;
  if (shapes.has(key)) return shapes.get(key);
  const where = declarationFile(name, file);
  if (!where) throw new Error(`${name}: no declaration found from ${file}`);
  const declaration = sourceFile(where).statements.find(
    (s) => (ts.isInterfaceDeclaration(s) || ts.isEnumDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name,
  );
  let shape;
  if (ts.isEnumDeclaration(declaration)) {
    const values = declaration.members.map((m) => {
      if (!m.initializer || !ts.isStringLiteral(m.initializer)) throw new Error(`${name}.${m.name.getText()}: not a string enum member`);
      return m.initializer.text;
    });
    shape = { kind: 'enum', name, values };
  } else if (ts.isTypeAliasDeclaration(declaration)) {
    shape = { kind: 'any', name };
  } else {
    if (declaration.heritageClauses?.length) throw new Error(`${name} (${where}): interfaces that extend others are not read yet`);
    const fields = {};
    let indexed = false;
    for (const member of declaration.members) {
      if (ts.isIndexSignatureDeclaration(member)) {
        indexed = true;
        continue;
      }
      if (!ts.isPropertySignature(member)) throw new Error(`${name} (${where}): unexpected member ${member.getText()}`);
      const field = member.name.getText().replace(/^['"]|['"]$/g, '');
      fields[field] = { required: !member.questionToken, type: describeType(member.type, where) };
    }
    shape = { kind: 'object', name, fields, indexed, file: where };
  }
  shapes.set(key, shape);
  return shape;
}

/** The type a field refers to, resolved: an object or enum shape, `{ kind: 'array', of }`, or a primitive. */
export function resolveType(type) {
  if (type.kind === 'ref') return shapeOf(type.name, type.from);
  if (type.kind === 'array') return { kind: 'array', of: resolveType(type.of) };
  return type;
}

const SDK_MODELS = join(SDK_SRC, 'models');

/** One of Dynamic's models by name (`VerifyResponse`), from `models/<name>.d.ts`. */
export function sdkModel(name) {
  const file = join(SDK_MODELS, `${name}.d.ts`);
  if (!existsSync(file)) throw new Error(`@dynamic-labs/sdk-api-core has no model ${name}`);
  return shapeOf(name, file);
}

/** A type of this repository (`protocol/wire.ts`, `StepUpCheckResponse`). */
export function repoType(path, name) {
  return shapeOf(name, join(REPO_ROOT, path));
}

/**
 * The operations of Dynamic's generated `SDKApi`: `{ name, method, path, request, response }`,
 * `path` under `sdk/{environmentId}/` as the generator writes it (`providers/{providerType}/verify`),
 * `request` / `response` the model names it serialises and parses (null: none).
 */
export function sdkOperations() {
  const text = readFileSync(join(SDK_SRC, 'apis/SDKApi.js'), 'utf8');
  const operations = [];
  for (const [, name, body] of text.matchAll(/async (\w+)Raw\(requestParameters, initOverrides\) \{([\s\S]*?)\n {4}\}\n/g)) {
    const path = /path: `\/sdk\/\{environmentId\}\/([^`]*)`/.exec(body)?.[1];
    const method = /method: '([A-Z]+)'/.exec(body)?.[1];
    if (!path || !method || method === 'OPTIONS') continue;
    operations.push({
      name,
      method,
      path,
      request: /body: (\w+)ToJSON\(/.exec(body)?.[1] ?? null,
      response: /=> (\w+)FromJSON\(jsonValue\)/.exec(body)?.[1] ?? null,
    });
  }
  // A generator change that this reading no longer understands must not look like "fewer operations".
  const declared = [...text.matchAll(/method: '([A-Z]+)'/g)].filter(([, m]) => m !== 'OPTIONS').length;
  if (operations.length !== declared || declared === 0) {
    throw new Error(`read ${operations.length} of ${declared} operations from SDKApi.js: the file's layout changed`);
  }
  return operations;
}
