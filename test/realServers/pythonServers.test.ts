// Real Python dev servers (http.server, Flask, Django runserver) in network namespaces.
import { testDevServer } from './devServerSuite';
import { DEV_SERVERS } from './devServers';

for (const server of DEV_SERVERS.filter((s) => s.language === 'python')) testDevServer(server);
