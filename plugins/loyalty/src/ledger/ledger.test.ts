import { memoryStore } from '@rapport/core';
import { describeLedger } from '../test-support/ledger-suite.js';

describeLedger('memory', () => ({ create: () => memoryStore() }));
