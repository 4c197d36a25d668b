/**
 * Writes docs/protocol.md from the zod contract (src/shared/contract.ts): every command's input
 * and output, every event's payload, and the two transports. `--check` fails when the file is not
 * what the contract says (run by `npm run lint`), so the document cannot drift from the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { commands, events } from '../src/shared/contract';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  $ref?: string;
};

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'docs', 'protocol.md');
const SHARED = path.join(ROOT, 'src', 'shared');

/** A schema as a TypeScript-like type, indented for nested objects. */
export function renderType(schema: JsonSchema, indent = ''): string {
  if (schema.$ref) return schema.$ref === '#' ? '(itself)' : schema.$ref.replace(/^#\/\$defs\//, '');
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((member) => renderType(member, indent)).join(' | ');
  if (schema.allOf) return schema.allOf.map((member) => renderType(member, indent)).join(' & ');
  if (Array.isArray(schema.type)) return schema.type.map((type) => renderType({ ...schema, type }, indent)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      if (schema.prefixItems) return `[${schema.prefixItems.map((item) => renderType(item, indent)).join(', ')}]`;
      const item = renderType(schema.items ?? {}, indent);
      return /[ |&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
      return renderObject(schema, indent);
    default:
      return 'unknown';
  }
}

function renderObject(schema: JsonSchema, indent: string): string {
  const properties = Object.entries(schema.properties ?? {});
  const extra = schema.additionalProperties;
  if (properties.length === 0) {
    if (extra && typeof extra === 'object') return `Record<string, ${renderType(extra, indent)}>`;
    return '{}';
  }
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const lines = properties.map(([key, value]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    const optional = required.has(key) ? '' : '?';
    const fallback = value.default === undefined ? '' : `  // default ${JSON.stringify(value.default)}`;
    return `${inner}${name}${optional}: ${renderType(value, inner)};${fallback}`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The JSDoc above each command and event in src/shared, by name. */
function docComments(): Map<string, string> {
  const docs = new Map<string, string>();
  for (const file of fs.readdirSync(SHARED).filter((name) => name.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(SHARED, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /(commands|Commands|events|Events)$/.test(node.name.text)) {
        const literal = node.initializer && ts.isAsExpression(node.initializer) ? node.initializer.expression : node.initializer;
        if (literal && ts.isObjectLiteralExpression(literal)) {
          for (const property of literal.properties) {
            if (!ts.isPropertyAssignment(property)) continue;
            const name = ts.isStringLiteral(property.name) || ts.isIdentifier(property.name) ? property.name.text : null;
            const comment = (ts.getLeadingCommentRanges(text, property.getFullStart()) ?? [])
              .map((range) => text.slice(range.pos, range.end))
              .filter((raw) => raw.startsWith('/**'))
              .pop();
            if (name && comment) docs.set(name, cleanComment(comment));
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return docs;
}

const cleanComment = (raw: string): string =>
  raw
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .filter(Boolean)
    .join(' ');

const typeOf = (schema: z.ZodType, io: 'input' | 'output'): string =>
  renderType(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema);

const block = (code: string): string => `\`\`\`ts\n${code}\n\`\`\``;

const HEADER = `# The Switchyard protocol

Generated from the zod contract in \`src/shared/\` by \`npm run docs:protocol\`; \`npm run lint\` fails when
this file is out of date. Every process (the Electron window, \`switchyard serve\`, the CLI, Codex's hooks
and the MCP server) speaks this one contract; every input is parsed against its schema at the boundary.

## Transports

**WebSocket** (what the browser UI uses). \`switchyard serve --repo PATH\` prints a URL like
\`http://127.0.0.1:PORT/?token=TOKEN\`; connect to \`ws://127.0.0.1:PORT/ws?token=TOKEN\` (loopback only). Send
\`{"type":"invoke","id":1,"name":"agents.list","input":{}}\`; the answer is
\`{"type":"result","id":1,"result":RESULT}\`. Events arrive unasked as \`{"type":"event","name":NAME,"payload":PAYLOAD}\`.

**Control socket** (what the CLI, the hooks and the MCP server use). A Unix socket, private to the user
(directory 0700, socket 0600). A running instance records its socket, port and token in
\`$XDG_RUNTIME_DIR/switchyard-UID/instances/<hash>.json\` (the system's temp folder when
\`XDG_RUNTIME_DIR\` is unset; \`SWITCHYARD_RUNTIME_DIR\` overrides both). One JSON object per line:
\`{"id":1,"name":"locks.list","input":{}}\` → \`{"id":1,"result":RESULT}\`. No events on this socket.

**RESULT** is \`{"ok":true,"value":OUTPUT}\` or \`{"ok":false,"error":{"code":CODE,"message":TEXT}}\`; CODE is one of
\`invalid-input\`, \`unknown-command\`, \`not-found\`, \`codex-not-found\`, \`not-a-repository\`, \`spawn-failed\`,
\`no-repository\`, \`unavailable\`, \`internal\`. The message is written for a person.

Types below are the JSON shapes, written as TypeScript: \`?\` marks a field that may be left out (a
\`// default\` says what it then is), \`integer\` is a whole number.
`;

export function protocolDocument(): string {
  const docs = docComments();
  const parts = [HEADER, '## Commands\n'];
  for (const [name, spec] of Object.entries(commands)) {
    parts.push(`### \`${name}\`\n`);
    const doc = docs.get(name);
    if (doc) parts.push(`${doc}\n`);
    parts.push(`Input:\n\n${block(typeOf(spec.input, 'input'))}\n\nOutput:\n\n${block(typeOf(spec.output, 'output'))}\n`);
  }
  parts.push('## Events\n');
  for (const [name, schema] of Object.entries(events)) {
    parts.push(`### \`${name}\`\n`);
    const doc = docs.get(name);
    if (doc) parts.push(`${doc}\n`);
    parts.push(`${block(typeOf(schema, 'output'))}\n`);
  }
  return parts.join('\n');
}

if (require.main === module) {
  const document = protocolDocument();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== document) {
      process.stderr.write('docs/protocol.md is not what the contract in src/shared says: run `npm run docs:protocol` and commit it.\n');
      process.exit(1);
    }
    process.stdout.write('docs/protocol.md: current\n');
  } else {
    fs.writeFileSync(OUTPUT, document);
    process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT)}\n`);
  }
}
