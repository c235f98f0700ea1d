import { memoryStore } from '@rapport/core';
import { describeSalesReports } from '../test-support/report-suite.js';

describeSalesReports('the memory store', () => ({ create: () => memoryStore() }));
