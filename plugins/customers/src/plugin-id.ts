/**
 * The id of the customers plugin. It names the plugin's hook taps, DI tokens, events
 * (`customers.customer.merged`), metrics (`customers.total`), jobs (`customers.recompute`),
 * error rules (`customers.duplicate`) and its HTTP mount (`/api/customers`).
 */
export const CUSTOMERS_PLUGIN_ID = 'customers';
