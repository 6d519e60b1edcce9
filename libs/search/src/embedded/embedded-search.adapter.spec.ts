import { runSearchPortContract } from '../testing/search-port.contract.js';
import { EmbeddedSearchAdapter } from './embedded-search.adapter.js';

runSearchPortContract('embedded', async () => new EmbeddedSearchAdapter());
