import { z } from '../zod';
import { Pack } from './schema';

/** The published JSON Schema for pack authors, generated from the zod schema so the two never drift. */
export function packJsonSchema(): string {
  const schema = z.toJSONSchema(Pack, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'backstory-pack/1', title: 'Backstory knowledge pack' }, null, 2)}\n`;
}
