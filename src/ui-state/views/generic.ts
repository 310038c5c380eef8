// Any other resource (CRDs included): the table and the shared resource keys, no drill-down.
import { resourceModule } from './resource-table.js';

export const genericResourceView = resourceModule({ id: 'resource' });
