import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../api/http.js';
import { entityNamed } from '../api/model.js';
import { type EntityRecord, recordUrl } from '../api/records.js';
import { recordLabel } from '../api/search.js';
import { useSession } from '../layout/session-context.js';

/** A link to the record a reference points at, named by its label. */
export function RefLink({ entity, id }: { entity: string; id: string }) {
  const { model } = useSession();
  const target = entityNamed(model, entity);
  const record = useQuery({
    queryKey: ['ref-label', entity, id],
    enabled: !!target,
    queryFn: async () => (await api<EntityRecord>(recordUrl(target!, id))).data,
    staleTime: 60_000,
    retry: false,
  });
  if (!target) return <>{id}</>;
  return (
    <Link to="/records/$path/$id" params={{ path: target.path, id }}>
      {record.data ? recordLabel(target, record.data) : id}
    </Link>
  );
}
