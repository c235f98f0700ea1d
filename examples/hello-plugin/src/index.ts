export {
  DAILY_DIGEST_CRON,
  type GreetingDigest,
  GreetingDigestEntity,
  registerDailyDigest,
} from './daily-digest.js';
export { GREETER, type Greeter, greeterProvider } from './greeter-service.js';
export {
  type Greeting,
  GreetingEntity,
  HELLO_PLUGIN_ID,
  type HelloOptions,
  hello,
  type PersonAdded,
} from './hello-plugin.js';
export { PEOPLE_PLUGIN_ID, type Person, PersonEntity, people } from './people-plugin.js';
export { RATING_LINK_OPENAPI, RATING_PAGE_OPENAPI, ratingLinkRoutes } from './rating-link-route.js';
export { HELLO_MESSAGES, HELLO_RATE, ratingRoutes } from './rating-page.js';
