import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../api/http.js';
import { entityNamed } from '../api/model.js';
import { type EntityRecord, recordUrl } from '../api/records.js';
import { recordLabel } from '../api/search.js';
import { useSession } from '../layout/session-context.js';

/** The entity a reference points at, and the label of its record once read (the id until then). */
function useRefLabel(entity: string, id: string) {
  const { model } = useSession();
  const target = entityNamed(model, entity);
  const record = useQuery({
    queryKey: ['ref-label', entity, id],
    enabled: !!target,
    queryFn: async () => (await api<EntityRecord>(recordUrl(target!, id))).data,
    staleTime: 60_000,
    retry: false,
  });
  return { target, label: target && record.data ? recordLabel(target, record.data) : id };
}

/** A link to the record a reference points at, named by its label. */
export function RefLink({ entity, id }: { entity: string; id: string }) {
  const { target, label } = useRefLabel(entity, id);
  if (!target) return <>{id}</>;
  return (
    <Link to="/records/$path/$id" params={{ path: target.path, id }}>
      {label}
    </Link>
  );
}

/**
 * The label of the record a reference points at, as text: for places that are links already (a
 * list row opens its own record). Each record is read once and cached.
 */
export function RefName({ entity, id }: { entity: string; id: string }) {
  return <>{useRefLabel(entity, id).label}</>;
}

/**
 * A person's name for a user id (an owner, an assignee), read from `/api/users/{id}` when the
 * caller may read users; the id itself otherwise.
 */
export function PersonName({ id }: { id: string }) {
  const { can } = useSession();
  const allowed = can('user', 'read');
  const user = useQuery({
    queryKey: ['person', id],
    enabled: allowed,
    queryFn: async () => (await api<{ name?: string }>(`/api/users/${encodeURIComponent(id)}`)).data,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return <>{user.data?.name ?? id}</>;
}
