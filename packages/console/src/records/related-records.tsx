import type { PanelView } from '@rapport/core';
import type { ConsoleEntity, ConsoleModel } from '../api/model.js';

/** A list of another entity's records pointing at a record (`deal` by `customerId`). */
export interface RelatedList {
  entity: ConsoleEntity;
  foreignKey: string;
  columns?: readonly string[];
  sort?: readonly string[];
  title?: PanelView['title'];
}

/**
 * The related lists of an entity's record page: those plugins declare as panels, then every other
 * readable entity with a `<entity>Id` field pointing at it.
 */
export function relatedLists(model: ConsoleModel, entity: ConsoleEntity): RelatedList[] {
  const declared: RelatedList[] = [];
  for (const view of model.views) {
    if (view.kind !== 'panel' || view.entity !== entity.name || !('related' in view.content)) continue;
    const { related } = view.content;
    const target = model.entities.find((candidate) => candidate.name === related.entity);
    if (target)
      declared.push({
        entity: target,
        foreignKey: related.foreignKey,
        columns: related.columns,
        ...(related.sort ? { sort: related.sort } : {}),
        title: view.title,
      });
  }
  const key = `${entity.name}Id`;
  const generated = model.entities
    .filter((candidate) => candidate.name !== entity.name && candidate.schema.properties?.[key])
    .filter(
      (candidate) => !declared.some((list) => list.entity.name === candidate.name && list.foreignKey === key),
    )
    .map((candidate) => ({ entity: candidate, foreignKey: key }));
  return [...declared, ...generated];
}
