export { type DemoDataOptions, demoData } from './demo-data-plugin.js';
export { quickstartPlugins } from './plugins.js';
