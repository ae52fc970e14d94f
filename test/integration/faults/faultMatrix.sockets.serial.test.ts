// The fault matrix for the lean sockets client (the cases: faultMatrixCases.ts).
import { faultMatrix } from './faultMatrixCases';

faultMatrix('sockets');
