// Reads a JSON request body and validates it, so no handler ever sees unchecked input.
import { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, invalidRequestFromZod, invalidScope } from './errors.js';
import { isKnownScope, type Scope } from './scope-policy.js';

/** Request bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

export const payloadTooLarge = () => new ApiError(413, 'payload_too_large', 'The request is too large.');

/** The body as text, read in chunks and abandoned as soon as it passes MAX_BODY_BYTES. */
export async function readCappedText(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw payloadTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The Node request under the request, when the reference backend is served by @hono/node-server
 * (its documented `HttpBindings`: the standalone server, createNodeMiddleware) and nothing has
 * read the body yet. Reading that stream directly skips the web `Request` the adapter would
 * otherwise build around it, a large part of a small request's cost.
 */
function unreadIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return undefined;
  return incoming.readableFlowing === null && !incoming.readableDidRead && !incoming.readableEnded && !incoming.destroyed ? incoming : undefined;
}

/**
 * The body of a Node request as text, with the same cap as readCappedText. An oversized body is
 * left paused, not destroyed: the 413 still goes out, and the adapter drains the rest after it.
 */
function readCappedIncoming(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error?: Error) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onGone);
      incoming.off('close', onGone);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        incoming.pause();
        settle(payloadTooLarge());
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => settle();
    // The client went away before the end of its body: nobody is left to read the answer.
    const onGone = () => settle(new ApiError(400, 'invalid_request', 'The request body ended early.'));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onGone);
    incoming.on('close', onGone);
  });
}

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export const isJsonContentType = (value: string | undefined): boolean => JSON_CONTENT_TYPE.test(value ?? '');

export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  if (!isJsonContentType(c.req.header('content-type'))) {
    throw new ApiError(400, 'invalid_request', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const incoming = unreadIncoming(c);
  const text = await (incoming ? readCappedIncoming(incoming) : readCappedText(c.req.raw));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequestFromZod(result.error);
  return result.data;
}

/**
 * Schema slot for `requestedScopes`: accepted as anything here so that `parseRequestedScopes`
 * answers `invalid_scope` (not `invalid_request`) even when the field is missing.
 */
export const requestedScopesField = z.unknown().optional();

/** `requestedScopes` of a verify body: a non-empty array of known scopes, else `invalid_scope`. */
export function parseRequestedScopes(value: unknown): Scope[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isKnownScope)) throw invalidScope();
  return value;
}
