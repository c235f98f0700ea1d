import { memoryStore } from '@rapport/core';
import { describeTicketsOnStore } from '../test-support/store-suite.js';

describeTicketsOnStore('the memory store', () => ({ create: () => memoryStore() }));
