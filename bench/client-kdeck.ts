// kdeck's informer (real kubeconfig loader + transport) on all pods, as the dashboard runs it.
import { loadConnection } from '../src/kubeconfig/index.js';
import { createClient } from '../src/transport/index.js';
import { ListWatchInformer } from '../src/watch/informer.js';
import type { ResourceRef } from '../src/api/catalogue.js';
import { recordEvent, reportSynced, serveWindows } from './client-protocol.js';

const startedAt = Date.now();
const kubeconfig = process.argv[2]!;
// The dashboard's informer options (watchList off: one resourceVersion=0 list); `watchlist` tries a streamed list.
const watchList = process.argv[3] === 'watchlist';
const pods: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['list', 'watch'], categories: [] };
const client = createClient(loadConnection({ kubeconfig }, { env: {}, homeDir: '/nonexistent' }));
const informer = new ListWatchInformer(client, { context: 'bench', resource: pods }, {
  watchList,
  onEvent: (_type, meta) => recordEvent(meta?.annotations?.['sim.kdeck.io/changed-at']),
});
let reported = false;
// As the dashboard does: a sorted view, its visible window read on every (coalesced) notification.
const view = informer.store.view({ sort: { column: 'Name', descending: false } });
informer.subscribe((change) => {
  view.rows(0, Math.min(view.length, 60));
  // Synced = the list is in the store (client-go's HasSynced), as the floor's figure is list + parse.
  if (!reported && change.reset) {
    reported = true;
    reportSynced(startedAt, informer.store.size);
  }
});
informer.start();
serveWindows(async () => {
  await informer.close();
  await client.close();
});
