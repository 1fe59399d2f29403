/** Runs the Store contract suite against the memory driver. */
import { openStore } from './index.ts';
import { storeContract } from './store.case.ts';

storeContract('memory', async (t, options) => {
  const store = await openStore({ driver: 'memory', ...options });
  t.after(() => store.close());
  return store;
});
