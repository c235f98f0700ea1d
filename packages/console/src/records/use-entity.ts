import type { FormView } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/http.js';
import { type ConsoleEntity, entityAt } from '../api/model.js';
import { type EntityRecord, recordUrl } from '../api/records.js';
import { useSession } from '../layout/session-context.js';
import { type FieldSpec, fieldsOf } from '../schema/fields.js';

/** An entity of the route, its fields and its form layout (if a plugin declared one). */
export interface EntityContext {
  entity: ConsoleEntity;
  fields: FieldSpec[];
  layout?: FormView;
}

/** The entity at REST path `path` with its fields, or undefined when the caller may not read it. */
export function useEntity(path: string): EntityContext | undefined {
  const { model } = useSession();
  return useMemo(() => {
    const entity = entityAt(model, path);
    if (!entity) return undefined;
    const names = new Set(model.entities.map((candidate) => candidate.name));
    const fields = fieldsOf(entity.schema, {
      readOnly: entity.readOnly,
      locked: entity.locked ?? [],
      entities: names,
    });
    const layout = model.views.find(
      (view): view is FormView => view.kind === 'form' && view.entity === entity.name,
    );
    return { entity, fields, ...(layout ? { layout } : {}) };
  }, [model, path]);
}

/** The query of one record, with its version from the ETag. */
export function useRecord(entity: ConsoleEntity | undefined, id: string) {
  return useQuery({
    queryKey: ['record', entity?.path, id],
    enabled: !!entity,
    retry: false,
    queryFn: async ({ signal }) => {
      const answer = await api<EntityRecord>(recordUrl(entity!, id), { signal });
      return answer.data;
    },
  });
}
