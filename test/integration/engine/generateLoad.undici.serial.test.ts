// The engine through undici (the client for TLS and HTTP/2, and on request for http://).
import { generateLoadSuite } from './generateLoadSuite';

generateLoadSuite('undici');
