import type { KanbanView, Where } from '@rapport/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http.js';
import { entityNamed } from '../api/model.js';
import { ApiError } from '../api/problem.js';
import { allOf, type EntityRecord, listUrl, type RecordPage, recordUrl, withCaller } from '../api/records.js';
import { recordLabel } from '../api/search.js';
import { formatNumber, formatValue, humanize } from '../format/format.js';
import { localText } from '../i18n/i18n.js';
import { useSession } from '../layout/session-context.js';
import { PersonName, RefLink } from '../records/ref-link.js';
import { fieldLabel, pathLabel } from '../schema/field-label.js';
import { fieldAt, fieldsOf, PERSON_FIELDS } from '../schema/fields.js';
import { valueAt } from '../schema/value-at.js';

interface Lane {
  value: string;
  title: string;
  /** What a card gets on entering the lane, when the lanes route says (a stage's probability). */
  probability?: number;
}

/** The lanes of a board, the parameter values its route chose, and the choices it offers. */
interface Lanes {
  lanes: Lane[];
  params: Record<string, string>;
  options: Record<string, Array<{ value: string; title: string }>>;
}

/** What a kanban's lanes route answers. */
interface LanesAnswer {
  lanes: Array<{ value: string; title?: string; probability?: unknown }>;
  params?: Record<string, unknown>;
  options?: Record<string, Array<{ value: string; title?: string }>>;
}

/** Fills `{name}` placeholders of a route with the board's parameters. */
export function fillRoute(route: string, params: Record<string, string>): string {
  return route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/**
 * Records as cards in lanes by a field. Dragging a card to a lane (or choosing the lane in the
 * card's "Move to" list, for keyboards) patches the lane field with `If-Match`; a refused move
 * shows the server's reason.
 */
export function KanbanBoard({ view, params }: { view: KanbanView; params: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const { model, place, me } = useSession();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const entity = entityNamed(model, view.entity);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const lanes = useQuery({
    queryKey: ['lanes', view.id, params],
    queryFn: async ({ signal }): Promise<Lanes> => {
      if ('values' in view.lanes)
        return {
          lanes: view.lanes.values.map((lane) => ({
            value: lane.value,
            title: localText(lane.title, i18n.language) || humanize(lane.value),
          })),
          params: {},
          options: {},
        };
      const answer = (await api<LanesAnswer>(fillRoute(view.lanes.route, params), { signal })).data;
      return {
        lanes: answer.lanes.map((lane) => ({
          value: lane.value,
          title: lane.title ?? humanize(lane.value),
          ...(typeof lane.probability === 'number' ? { probability: lane.probability } : {}),
        })),
        params: Object.fromEntries(
          Object.entries(answer.params ?? {}).map(([name, value]) => [name, String(value)]),
        ),
        options: Object.fromEntries(
          Object.entries(answer.options ?? {}).map(([name, choices]) => [
            name,
            choices.map((choice) => ({ value: choice.value, title: choice.title ?? humanize(choice.value) })),
          ]),
        ),
      };
    },
  });
  const shown = { ...lanes.data?.params, ...params };
  const paramWhere: Where = Object.fromEntries(
    (view.params ?? []).filter((name) => shown[name]).map((name) => [name, { eq: shown[name] }]),
  );
  const where = allOf(withCaller(view.where, me.user?.id), paramWhere);
  const cardsKey = ['kanban', view.id, where];
  const cards = useQuery({
    queryKey: cardsKey,
    // A board with parameters waits for its lanes, which say which values were chosen.
    enabled: !!entity && (!view.params?.length || lanes.isSuccess),
    queryFn: async ({ signal }) =>
      (
        await api<RecordPage>(listUrl(entity!, { where, sort: view.sort ?? ['-updatedAt'], limit: 500 }), {
          signal,
        })
      ).data.items,
  });
  if (!entity) return null;
  const fields = fieldsOf(entity.schema, {
    readOnly: entity.readOnly,
    entities: new Set(model.entities.map((candidate) => candidate.name)),
  });
  const cardFields = (view.card.fields ?? []).map((path) => ({ path, field: fieldAt(fields, path) }));

  const move = async (record: EntityRecord, lane: Lane) => {
    if (valueAt(record, view.laneField) === lane.value) return;
    setMessage(undefined);
    try {
      await api(recordUrl(entity, record.id), {
        method: 'PATCH',
        body: { [view.laneField]: lane.value },
        ifMatch: record.version,
      });
      setMessage({ text: t('kanban.moved', { lane: lane.title }), error: false });
    } catch (error) {
      setMessage({
        text: t('kanban.refused', { reason: error instanceof ApiError ? error.message : String(error) }),
        error: true,
      });
    }
    await queries.invalidateQueries({ queryKey: cardsKey });
  };
  const onDrop = (lane: Lane) => (event: DragEvent) => {
    event.preventDefault();
    const id = event.dataTransfer.getData('text/plain');
    const record = cards.data?.find((card) => card.id === id);
    if (record) void move(record, lane);
  };

  return (
    <div className="kanban">
      {Object.entries(lanes.data?.options ?? {}).map(([name, choices]) => (
        <div key={name} className="field field--inline">
          <label htmlFor={`board-${name}`}>{humanize(name)}</label>
          <select
            id={`board-${name}`}
            value={shown[name] ?? ''}
            onChange={(event) =>
              void navigate({
                to: '/views/$viewId',
                params: { viewId: view.id },
                search: { ...params, [name]: event.target.value },
              })
            }
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.title}
              </option>
            ))}
          </select>
        </div>
      ))}
      <p className={message?.error ? 'alert alert--error' : 'muted'} role="status" aria-live="polite">
        {message?.text ?? ''}
      </p>
      <div className="kanban__lanes">
        {(lanes.data?.lanes ?? []).map((lane) => {
          const inLane = (cards.data ?? []).filter((card) => valueAt(card, view.laneField) === lane.value);
          return (
            <section
              key={lane.value}
              className="lane"
              aria-label={lane.title}
              onDragOver={(event) => event.preventDefault()}
              onDrop={onDrop(lane)}
            >
              <h2 className="lane__title">
                {lane.title} <span className="muted">({inLane.length})</span>
              </h2>
              {lane.probability !== undefined ? (
                <p className="lane__hint muted">
                  {t('kanban.probability', {
                    value: formatNumber(lane.probability / 100, place, { style: 'percent' }),
                  })}
                </p>
              ) : null}
              <ul className="lane__cards">
                {inLane.map((card) => (
                  <li
                    key={card.id}
                    className="kanban-card"
                    draggable
                    onDragStart={(event) => event.dataTransfer.setData('text/plain', card.id)}
                  >
                    <Link to="/records/$path/$id" params={{ path: entity.path, id: card.id }}>
                      {String(valueAt(card, view.card.title) ?? recordLabel(entity, card))}
                    </Link>
                    <dl>
                      {cardFields.map(({ path, field }) => (
                        <div key={path}>
                          <dt>{field ? fieldLabel(field, i18n.language) : pathLabel(path, i18n.language)}</dt>
                          <dd>
                            {field?.kind === 'ref' &&
                            field.refEntity &&
                            typeof valueAt(card, path) === 'string' ? (
                              <RefLink entity={field.refEntity} id={valueAt(card, path) as string} />
                            ) : PERSON_FIELDS.has(path) && typeof valueAt(card, path) === 'string' ? (
                              <PersonName id={valueAt(card, path) as string} />
                            ) : (
                              formatValue(
                                field,
                                valueAt(card, path),
                                place,
                                { yes: t('values.yes'), no: t('values.no') },
                                card,
                              )
                            )}
                          </dd>
                        </div>
                      ))}
                    </dl>
                    <label className="visually-hidden" htmlFor={`move-${card.id}`}>
                      {t('kanban.moveTo')}
                    </label>
                    <select
                      id={`move-${card.id}`}
                      value={String(valueAt(card, view.laneField) ?? '')}
                      onChange={(event) => {
                        const target = lanes.data?.lanes.find(
                          (candidate) => candidate.value === event.target.value,
                        );
                        if (target) void move(card, target);
                      }}
                    >
                      {(lanes.data?.lanes ?? []).map((option) => (
                        <option key={option.value} value={option.value}>
                          {t('kanban.moveTo')}: {option.title}
                        </option>
                      ))}
                    </select>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
