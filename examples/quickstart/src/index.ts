export { type DemoDataOptions, demoData } from './demo-data-plugin.js';
export { type QuickstartOptions, quickstartPlugins } from './plugins.js';
