import { memoryStore } from '@rapport/core';
import { describeLedger, describeRewards } from '../test-support/ledger-suite.js';

const memory = () => ({ create: () => memoryStore() });
describeLedger('memory', memory);
describeRewards('memory', memory);
