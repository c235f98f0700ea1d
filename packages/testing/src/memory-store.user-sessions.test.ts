import { createMemoryVolume, memoryStore } from '@rapport/core';
import { describeUserSessions } from './conformance/describe-user-sessions.js';

describeUserSessions('memory', () => {
  const volume = createMemoryVolume();
  return { create: () => memoryStore({ volume }) };
});
