/**
 * Runtime checks for every request in the message map, for the background only (it is the one place
 * that trusts nothing it receives). Keyed by the map, so a new message type without a check fails to compile.
 */
import { z } from '../zod';
import type { MessageType, PayloadCheck } from './protocol';

const Empty = z.strictObject({});

const requestSchemas: { [K in MessageType]: z.ZodType } = {
  'status:get': Empty,
  'packs:list': Empty,
  'diagnostics:get': Empty,
};

export const requestChecks = Object.fromEntries(
  Object.entries(requestSchemas).map(([type, schema]) => [
    type,
    ((payload) => {
      const result = schema.safeParse(payload ?? {});
      return result.success
        ? { ok: true, value: result.data }
        : { ok: false, message: result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ') };
    }) satisfies PayloadCheck,
  ]),
) as { [K in MessageType]: PayloadCheck };
