export { GREETER_ROLE } from './access.js';
export { MOOD_SAD } from './cheer-up.js';
export {
  DAILY_DIGEST_CRON,
  type GreetingDigest,
  GreetingDigestEntity,
  registerDailyDigest,
} from './daily-digest.js';
export { PERSON_ADDED, type PersonAdded } from './greet-new-people.js';
export { GREETER, type Greeter, greeterProvider } from './greeter-service.js';
export { GREETING_CHANNELS, type Greeting, GreetingEntity } from './greeting-entity.js';
export { type ComposeContext, createHelloHooks, HELLO_HOOKS, type HelloHooks } from './hello-hooks.js';
export { hello } from './hello-plugin.js';
export { helloMetrics } from './metrics.js';
export { MOOD_PLUGIN_ID, type Mood, MoodEntity, mood } from './mood-plugin.js';
export { type HelloInput, type HelloOptions, OPTIONS_SCHEMA, optionProblems } from './options.js';
export { PEOPLE_PLUGIN_ID, type Person, PersonEntity, people } from './people-plugin.js';
export { HELLO_PLUGIN_ID } from './plugin-id.js';
export { RATING_LINK_OPENAPI, RATING_PAGE_OPENAPI, ratingLinkRoutes } from './rating-link-route.js';
export { HELLO_MESSAGES, HELLO_RATE, ratingRoutes } from './rating-page.js';
