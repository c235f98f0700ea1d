import { createMemoryVolume, memoryStore } from '@rapport/core';
import { describeStoreConformance } from './conformance/describe-store-conformance.js';

describeStoreConformance('memory', () => {
  const volume = createMemoryVolume();
  return { create: () => memoryStore({ volume }) };
});
