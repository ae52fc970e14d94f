// Real dev servers of PHP and static-site generators (php -S, Hugo, Jekyll) in network namespaces.
import { testDevServer } from './devServerSuite';
import { DEV_SERVERS } from './devServers';

for (const server of DEV_SERVERS.filter((s) => s.language !== 'python' && s.language !== 'node')) testDevServer(server);
