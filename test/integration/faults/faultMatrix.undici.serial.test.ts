// The fault matrix for undici, plus plain HTTP behind https:// (the cases: faultMatrixCases.ts).
import { faultMatrix, plainBehindHttps } from './faultMatrixCases';

faultMatrix('undici');
plainBehindHttps();
