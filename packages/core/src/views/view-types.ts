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
    | { route: string };
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
  | CustomView;

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
