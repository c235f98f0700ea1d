import type { JsonSchema } from '../entities/json-schema.js';
import type { Where } from '../query/types.js';

/**
 * Text shown to people: one string, or one per locale (`{ en: 'Pipeline', 'zh-Hans': '销售管道' }`,
 * with `en` as the fallback).
 */
export type LocalText = string | Readonly<Record<string, string>>;

/** What every declared view has. */
interface ViewBase {
  /** `<plugin>.<name>`, unique in the deployment. */
  id: string;
  title: LocalText;
  description?: LocalText;
}

/** A list of an entity's records: the columns shown first, the default sort and filter. */
export interface ListView extends ViewBase {
  kind: 'list';
  entity: string;
  /** Field paths shown as columns, in order (others can be added by the user). */
  columns: readonly string[];
  sort?: readonly string[];
  /** A fixed filter (a saved list: "open deals", "my tickets"); `$me` stands for the caller's id. */
  where?: Where;
  /** Field paths offered as filters first. */
  filters?: readonly string[];
}

/** The layout of an entity's detail and edit form: sections of fields. */
export interface FormView extends ViewBase {
  kind: 'form';
  entity: string;
  sections: ReadonlyArray<{ title?: LocalText; fields: readonly string[] }>;
}

/** Where a kanban's lanes come from. */
export type KanbanLanes =
  | { values: ReadonlyArray<{ value: string; title?: LocalText }> }
  /**
   * A plugin route answering `{ lanes: [{ value, title, ... }] }` for the board's parameters
   * (`/api/sales/board?pipeline={pipeline}`); placeholders are filled from the board's `params`.
   * The answer may also carry `params` (the values it chose for parameters left empty) and
   * `options` (`{ pipeline: [{ value, title }] }`, offered as a choice above the board).
   */
  | { route: string };

/** Records as cards in lanes by a field; dragging a card to a lane patches that field. */
export interface KanbanView extends ViewBase {
  kind: 'kanban';
  entity: string;
  /** The field whose value is the lane; a move writes it (`PATCH` with `If-Match`). */
  laneField: string;
  lanes: KanbanLanes;
  card: { title: string; fields?: readonly string[] };
  where?: Where;
  sort?: readonly string[];
  /** Parameters the board is opened with (`pipeline`), each a field the board also filters on. */
  params?: readonly string[];
}

/** A chart of a metric over periods, or of an aggregate. */
export interface ChartView extends ViewBase {
  kind: 'chart';
  chart: 'line' | 'bar' | 'pie';
  source:
    | {
        metric: string;
        params?: Readonly<Record<string, string | number | boolean>>;
        period: 'day' | 'week' | 'month' | 'quarter' | 'year';
        last: number;
      }
    | { aggregate: { entity: string; groupBy: readonly string[]; measure: string; where?: Where } }
    | { route: string; points?: RoutePoints };
}

/**
 * How a chart reads points out of a route answer of its own shape (`/api/sales/funnel`'s
 * `stages`): the array, each item's label, and one series per value path.
 */
export interface RoutePoints {
  /** Path of the array in the answer (`stages`); empty for an answer that is the array. */
  items: string;
  /** Path of each item's label (`name`). */
  label: string;
  /** One line or bar per value path (`reached.count`), with its title. */
  series: ReadonlyArray<{ value: string; title: LocalText }>;
  /**
   * The values' unit: `count`, `days`, `ratio`, a currency code for minor units, or `$<path>` for
   * a currency code in the answer (`$currency`). Default `count`.
   */
  unit?: string;
}

/** One figure: a metric's value for the current period, with its direction. */
export interface TileView extends ViewBase {
  kind: 'tile';
  metric: string;
  params?: Readonly<Record<string, string | number | boolean>>;
  period: 'day' | 'week' | 'month' | 'quarter' | 'year';
}

/** One row of {@link TileRow}s handed to `ctx.views.tiles`: the tile's id, the metric it shows, and its title. */
export type TileRow = readonly [id: string, metric: string, title: LocalText];

/** What the tiles declared together by `ctx.views.tiles` share. */
export interface TileRowOptions {
  period: TileView['period'];
  params?: TileView['params'];
}

/** What a detail-page panel shows. */
export type PanelContent =
  /** The records of another entity pointing at this one (`deal` by `customerId`). */
  | { related: { entity: string; foreignKey: string; columns: readonly string[]; sort?: readonly string[] } }
  /** A plugin route for this record (`/api/customers/{id}/timeline`), rendered as one of the built-in shapes. */
  | { route: string; render: 'timeline' | 'keyValue' | 'table' | 'profile' }
  /** A custom element the plugin ships (see {@link CustomView}). */
  | { element: string };

/** A panel on the detail page of an entity's records. */
export interface PanelView extends ViewBase {
  kind: 'panel';
  entity: string;
  content: PanelContent;
  /** Lower comes first (default 100). */
  order?: number;
}

/**
 * A button on the detail page of an entity's records that calls a plugin route for the record
 * (`POST /api/sales/leads/{id}/convert`), shown when the record matches `when`.
 */
export interface ActionView extends ViewBase {
  kind: 'action';
  entity: string;
  /** The route, `{id}` standing for the record's id; it must start with `/api/`. */
  route: string;
  /** Default `POST`. */
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The JSON body sent (default `{}`). */
  body?: Readonly<Record<string, unknown>>;
  /** The records it is offered for (`{ status: 'qualified' }`): `eq`, `ne`, `in`, `nin` and `exists` on fields. */
  when?: Where;
  /** The `entity:action` permission the caller needs to be offered it (the route checks anyway). */
  permission?: string;
  /** Asked before the call, with Confirm and Cancel. */
  confirm?: LocalText;
  /**
   * Fields asked in a form before the call (a JSON Schema object, as an entity's): the answers are
   * merged over `body`. The server validates them anyway; its field errors show at the fields. A
   * reference (`from: referenceTo('customer')`, or a `customerId`) is picked by search.
   */
  input?: JsonSchema;
  /**
   * A body field the console fills with a fresh random key for each attempt (an idempotency key a
   * route asks for): a retry after a lost answer repeats it, a new submission after an answer gets
   * a new one.
   */
  freshKey?: string;
  /**
   * A route (`{id}` filled) the console first sends the same body to, showing its answer — the
   * fields at `show`, paths into it — with Confirm and Back; a refusal there is shown as the
   * call's would be. For what a person should see before it happens (a merge, a launch).
   */
  preview?: { route: string; show?: readonly string[] };
  /** A record of the answer to open afterwards: its entity and the path of its id (`deal.id`). */
  open?: { entity: string; id: string };
  /**
   * An answer field shown after the call, once, in a dialog the person closes (a secret made by
   * the call, such as a webhook's signing secret): `path` into the answer, and a title. The
   * console keeps it nowhere.
   */
  reveal?: { path: string; title?: LocalText };
  /** Lower comes first (default 100). */
  order?: number;
}

/** A page of tiles and charts. */
export interface DashboardView extends ViewBase {
  kind: 'dashboard';
  /** Ids of tile and chart views, in order. */
  items: readonly string[];
}

/**
 * The escape hatch: a custom element (`<sales-forecast-chart>`) from a module the plugin ships as
 * a static asset, given the host API of `hostApi`'s version (a `rapport` property with the
 * caller, `fetch` to the API and the locale). For what no built-in kind expresses.
 */
export interface CustomView extends ViewBase {
  kind: 'custom';
  /** A custom element name: lower case with a hyphen. */
  element: string;
  /** Path of the ES module under the plugin's console assets (`forecast.js`). */
  module: string;
  /** The host API version the element is written against. */
  hostApi: 1;
  /** Where it appears: its own page, or a panel of an entity's detail page. */
  placement: { page: true } | { panelOf: string; order?: number };
}

/** A view a plugin declares; the console renders it with its own widgets. */
export type ViewDefinition =
  | ListView
  | FormView
  | KanbanView
  | ChartView
  | TileView
  | PanelView
  | DashboardView
  | CustomView
  | ActionView;

/** The kinds of {@link ViewDefinition}. */
export type ViewKind = ViewDefinition['kind'];

/** An entry of the console's menu. */
export interface MenuEntry {
  /** `<plugin>.<name>`. */
  id: string;
  title: LocalText;
  /** A group heading the entry sits under (`Sales`); entries of one group are kept together. */
  group?: LocalText;
  /** What it opens: a declared view, or an entity's generated list. */
  target: { view: string } | { entity: string };
  /** Lower comes first (default 100). */
  order?: number;
}
