// Makes the built CLI executable so `npm run build` leaves a runnable `kdeck` bin.
import { chmodSync } from 'node:fs';
chmodSync('dist/src/cli.js', 0o755);
