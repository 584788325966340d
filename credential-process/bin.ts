// Entry of the helper bundle (dist/helper.js, CommonJS): starts the helper as the process.
import { startHelperProcess } from './main.js';

startHelperProcess();
