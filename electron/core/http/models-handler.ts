// GET /v1/models and GET /v1/models/{id}: the models some active provider serves, OpenAI-shaped.
import type { ServerResponse } from 'node:http';
import type { CandidateTable } from '../routing/candidates';
import { errors } from '../model/errors';
import { sendError, sendJson } from './respond';

interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

function modelObject(m: { id: string; ownedBy: string }): ModelObject {
  return { id: m.id, object: 'model', created: 0, owned_by: m.ownedBy };
}

export function handleListModels(table: CandidateTable, res: ServerResponse): void {
  sendJson(res, 200, { object: 'list', data: table.models().map(modelObject) });
}

export function handleGetModel(table: CandidateTable, id: string, res: ServerResponse): void {
  const m = table.models().find((x) => x.id === id);
  if (m) sendJson(res, 200, modelObject(m));
  else
    sendError(
      res,
      errors.modelNotFound(
        id,
        table.models().map((x) => x.id),
      ),
    );
}
