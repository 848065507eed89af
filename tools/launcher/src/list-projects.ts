// Prints the Nx projects `npm start` must build, space-separated: derived from what the launcher launches.
import { storeProjects } from './store-services';

process.stdout.write(`${storeProjects().join(' ')}\n`);
