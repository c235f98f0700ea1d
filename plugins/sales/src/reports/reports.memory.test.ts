import { memoryStore } from '@rapport/core';
import { describeCalendarBoundaries } from '../test-support/calendar-suite.js';
import { describeSalesReports } from '../test-support/report-suite.js';

describeSalesReports('the memory store', () => ({ create: () => memoryStore() }));
describeCalendarBoundaries('the memory store', () => ({ create: () => memoryStore() }));
