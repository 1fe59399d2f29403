/** GET of one object (JSON, or a one-row Table when the Accept header asks). */
import type { ApiContext, Call, Result } from './context.ts';
import { json, q } from './context.ts';
import { getStored, view } from './objects.ts';
import type { Target } from './routing.ts';
import { includeObjectOf, TABLE_CONTENT_TYPE, toTable, wantsTable } from './table.ts';

export async function handleGet(ctx: ApiContext, call: Call, t: Target, name: string): Promise<Result> {
  const stored = await getStored(ctx, t.info, t.namespace, name);
  const obj = view(t.info, stored.object);
  if (wantsTable(call.headers.accept)) {
    const table = toTable(
      t.info,
      [obj],
      String(stored.revision),
      ctx.config.clock.now(),
      includeObjectOf(q(call.query, 'includeObject')),
    );
    return { type: 'object', status: 200, body: table, contentType: TABLE_CONTENT_TYPE };
  }
  return json(200, obj);
}
