import type { AccessView } from '../access/access-control.js';
import type { Actor } from '../access/actor.js';
import type { CompiledEntity } from '../entities/entity-registry.js';
import { REFERENCE_KEYWORD } from '../entities/schema-annotations.js';
import type { BootFailure } from '../errors.js';
import type { MetricInfo } from '../metrics/metrics-registry.js';
import { fieldTypeAt } from '../query/field-path.js';
import type { MenuEntry, ViewDefinition } from './view-types.js';

const KINDS = new Set(['list', 'form', 'kanban', 'chart', 'tile', 'panel', 'dashboard', 'custom', 'action']);
const ELEMENT = /^[a-z][a-z0-9]*-[a-z0-9-]*$/;
const MODULE_PATH = /^[A-Za-z0-9_][A-Za-z0-9_./-]*\.js$/;

interface Declared<T> {
  plugin: string;
  item: T;
}

/** What the registry checks views against once every plugin has registered. */
export interface ViewCheckInput {
  entities: ReadonlyMap<string, CompiledEntity>;
  metrics: readonly MetricInfo[];
  failures: BootFailure[];
}

/** The composed views and menu a caller may see (`GET /api/console/views`). */
export interface VisibleViews {
  views: ViewDefinition[];
  menu: MenuEntry[];
}

/** What a running kernel shows of its views. */
export interface ViewsView {
  /** Every declared view, in declaration order. */
  list(): ViewDefinition[];
  /** The views and menu entries `actor` may use: those whose records and metrics it may read. */
  visibleTo(actor: Actor): VisibleViews;
  /** The folder of each plugin's console assets, by plugin id. */
  assets(): ReadonlyMap<string, string>;
}

/**
 * The views plugins declare (lists, forms, kanban boards, charts, tiles, detail panels,
 * dashboards, custom elements) and their menu entries. Declarations are checked at boot against
 * the compiled entities and the metric registry, so a view naming an unknown field, entity or
 * metric is a boot error naming the plugin and the view.
 */
export class ViewRegistry {
  readonly #views = new Map<string, Declared<ViewDefinition>>();
  readonly #menu = new Map<string, Declared<MenuEntry>>();
  readonly #access: AccessView;
  readonly #metricAccess = new Map<string, MetricInfo['access']>();
  readonly #assets = new Map<string, string>();

  constructor(access: AccessView) {
    this.#access = access;
  }

  /** Declares a view; returns a message when it cannot (bad id, duplicate, unknown kind). */
  add(plugin: string, view: ViewDefinition): string | undefined {
    const problem = idProblem('view', plugin, view?.id, this.#views);
    if (problem) return problem;
    if (!KINDS.has(view.kind)) {
      return `view '${view.id}': kind '${String(view.kind)}' is not one of ${[...KINDS].join(', ')}`;
    }
    this.#views.set(view.id, { plugin, item: view });
    return undefined;
  }

  /** Declares a menu entry; returns a message when it cannot. */
  addMenu(plugin: string, entry: MenuEntry): string | undefined {
    const problem = idProblem('menu entry', plugin, entry?.id, this.#menu);
    if (problem) return problem;
    this.#menu.set(entry.id, { plugin, item: entry });
    return undefined;
  }

  /** Records the folder of a plugin's console assets (custom element modules); one per plugin. */
  addAssets(plugin: string, directory: string): string | undefined {
    if (this.#assets.has(plugin)) return `console assets of '${plugin}' are already declared`;
    if (typeof directory !== 'string' || !directory.startsWith('/')) {
      return `console assets must be an absolute folder path, got '${String(directory)}'`;
    }
    this.#assets.set(plugin, directory);
    return undefined;
  }

  /** Checks every declaration against the compiled entities and metrics, recording failures. */
  check(input: ViewCheckInput): void {
    for (const metric of input.metrics) this.#metricAccess.set(metric.id, metric.access);
    const known = new Set(input.metrics.map((metric) => metric.id));
    for (const { plugin, item } of this.#views.values()) {
      for (const problem of viewProblems(item, input.entities, known, this.#views, (p) =>
        this.#assets.has(p),
      )) {
        input.failures.push({ plugin, phase: 'compile', message: `view '${item.id}': ${problem}` });
      }
    }
    for (const { plugin, item } of this.#menu.values()) {
      const target = item.target;
      const problem =
        'view' in target
          ? this.#views.has(target.view)
            ? undefined
            : `opens view '${target.view}', which no plugin declares`
          : input.entities.has(target.entity)
            ? undefined
            : `opens entity '${target.entity}', which no plugin defines`;
      if (problem)
        input.failures.push({ plugin, phase: 'compile', message: `menu entry '${item.id}' ${problem}` });
    }
  }

  /** The running kernel's view of the registry. */
  view(): ViewsView {
    return {
      list: () => [...this.#views.values()].map(({ item }) => item),
      assets: () => new Map(this.#assets),
      visibleTo: (actor) => {
        const views = [...this.#views.values()]
          .map(({ item }) => item)
          .filter((view) => this.#mayUse(actor, view));
        const ids = new Set(views.map((view) => view.id));
        const menu = [...this.#menu.values()]
          .map(({ item }) => item)
          .filter((entry) =>
            'view' in entry.target
              ? ids.has(entry.target.view)
              : this.#access.can(actor, entry.target.entity, 'read'),
          )
          .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
        return { views, menu };
      },
    };
  }

  #mayUse(actor: Actor, view: ViewDefinition): boolean {
    const read = (entity: string) => this.#access.can(actor, entity, 'read');
    const metric = (id: string) => {
      if (!this.#access.can(actor, 'metric', 'read')) return false;
      const access = this.#metricAccess.get(id);
      if (!access || access === 'caller') return true;
      const [resource, action] = access.permission.split(':') as [string, string];
      return this.#access.can(actor, resource, action);
    };
    switch (view.kind) {
      case 'list':
      case 'form':
      case 'kanban':
        return read(view.entity);
      case 'panel':
        return read(view.entity) && ('related' in view.content ? read(view.content.related.entity) : true);
      case 'tile':
        return metric(view.metric);
      case 'chart':
        if ('metric' in view.source) return metric(view.source.metric);
        if ('aggregate' in view.source) return read(view.source.aggregate.entity);
        return true;
      case 'custom':
        return 'panelOf' in view.placement ? read(view.placement.panelOf) : true;
      case 'dashboard':
        return true;
      case 'action': {
        if (!read(view.entity)) return false;
        if (!view.permission) return true;
        const [resource, action] = view.permission.split(':') as [string, string];
        return this.#access.can(actor, resource, action);
      }
    }
  }
}

function idProblem(
  what: string,
  plugin: string,
  id: unknown,
  taken: Map<string, Declared<unknown>>,
): string | undefined {
  if (typeof id !== 'string' || !id.startsWith(`${plugin}.`) || id.length > 120) {
    return `${what} id '${String(id)}' must start with '${plugin}.' (at most 120 characters)`;
  }
  const holder = taken.get(id);
  return holder ? `${what} '${id}' is already declared by '${holder.plugin}'` : undefined;
}

/** What is wrong with one view given the compiled entities and metrics (empty when nothing). */
function viewProblems(
  view: ViewDefinition,
  entities: ReadonlyMap<string, CompiledEntity>,
  metrics: ReadonlySet<string>,
  views: ReadonlyMap<string, Declared<ViewDefinition>>,
  hasAssets: (plugin: string) => boolean,
): string[] {
  const problems: string[] = [];
  const entity = (name: string): CompiledEntity | undefined => {
    const found = entities.get(name);
    if (!found) problems.push(`names entity '${name}', which no plugin defines`);
    return found;
  };
  const fields = (of: CompiledEntity | undefined, paths: readonly string[], what: string) => {
    if (!of) return;
    for (const path of paths) {
      if (!fieldTypeAt(of.schema, path.replace(/^-/, '')))
        problems.push(`${what} '${path}' is not a field of ${of.name}`);
    }
  };
  const metric = (id: string) => {
    if (!metrics.has(id)) problems.push(`names metric '${id}', which no plugin defines`);
  };
  switch (view.kind) {
    case 'list': {
      const of = entity(view.entity);
      fields(of, view.columns, 'column');
      fields(of, view.sort ?? [], 'sort');
      fields(of, view.filters ?? [], 'filter');
      break;
    }
    case 'form': {
      const of = entity(view.entity);
      for (const section of view.sections) fields(of, section.fields, 'field');
      break;
    }
    case 'kanban': {
      const of = entity(view.entity);
      fields(
        of,
        [view.laneField, view.card.title, ...(view.card.fields ?? []), ...(view.params ?? [])],
        'field',
      );
      fields(of, view.sort ?? [], 'sort');
      if ('route' in view.lanes && !view.lanes.route.startsWith('/api/'))
        problems.push('lanes.route must start with /api/');
      break;
    }
    case 'panel': {
      entity(view.entity);
      const content = view.content;
      if ('related' in content) {
        const of = entity(content.related.entity);
        fields(of, [content.related.foreignKey, ...content.related.columns], 'field');
      } else if ('route' in content && !content.route.startsWith('/api/')) {
        problems.push('content.route must start with /api/');
      } else if ('element' in content && !ELEMENT.test(content.element)) {
        problems.push(`'${content.element}' is not a custom element name (lower case, with a hyphen)`);
      }
      break;
    }
    case 'tile':
      metric(view.metric);
      break;
    case 'chart':
      if ('metric' in view.source) metric(view.source.metric);
      else if ('aggregate' in view.source) {
        const of = entity(view.source.aggregate.entity);
        fields(of, view.source.aggregate.groupBy, 'groupBy');
      } else if (!view.source.route.startsWith('/api/')) problems.push('source.route must start with /api/');
      break;
    case 'dashboard':
      for (const id of view.items) {
        const item = views.get(id)?.item;
        if (!item) problems.push(`shows view '${id}', which no plugin declares`);
        else if (item.kind !== 'tile' && item.kind !== 'chart')
          problems.push(`shows view '${id}', a ${item.kind}: only tiles and charts`);
      }
      break;
    case 'action': {
      entity(view.entity);
      if (!view.route.startsWith('/api/')) problems.push('route must start with /api/');
      if (view.permission !== undefined && !/^[A-Za-z*][\w*]*:[A-Za-z*][\w*]*$/.test(view.permission))
        problems.push(`permission '${view.permission}' is not 'entity:action'`);
      if (view.open) entity(view.open.entity);
      if (view.input !== undefined && (view.input.type !== 'object' || !view.input.properties))
        problems.push('input must be a JSON Schema object with properties');
      if (view.freshKey !== undefined && !/^[A-Za-z][\w]*$/.test(view.freshKey))
        problems.push(`freshKey '${view.freshKey}' is not a field name`);
      for (const field of Object.values(view.input?.properties ?? {})) {
        const target = field[REFERENCE_KEYWORD];
        if (typeof target === 'string') entity(target);
      }
      if (view.preview && !view.preview.route.startsWith('/api/'))
        problems.push('preview.route must start with /api/');
      break;
    }
    case 'custom':
      if (!ELEMENT.test(view.element))
        problems.push(`'${view.element}' is not a custom element name (lower case, with a hyphen)`);
      if (!MODULE_PATH.test(view.module) || view.module.includes('..')) {
        problems.push(
          `module '${view.module}' must be a relative path to a .js file under the plugin's console assets`,
        );
      }
      if (view.hostApi !== 1)
        problems.push(`hostApi ${String(view.hostApi)} is not a version this kernel offers (1)`);
      if (!hasAssets(view.id.split('.')[0] as string))
        problems.push('needs console assets: ctx.views.assets(folder)');
      if ('panelOf' in view.placement) entity(view.placement.panelOf);
      break;
  }
  return problems;
}
