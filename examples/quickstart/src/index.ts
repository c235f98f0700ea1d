export { type DemoDataOptions, demoData } from './demo-data-plugin.js';
export { DEMO_PEOPLE, type DemoPerson } from './demo-users.js';
export { type QuickstartOptions, quickstartPlugins } from './plugins.js';
