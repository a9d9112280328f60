import { mapSuccessor, unresolvedConflicts, unresolvedDetail } from '../../services/region-successor.service';
import { suggestSuccessors } from '../../services/region-successor-suggestions';
import { defineRoute } from '../http/route';
import { problem, sendProblem } from '../http/problem-details';
import {
  successorBodySchema,
  successorParams,
  successorResultSchema,
  suggestionsQuerySchema,
  suggestionsSchema,
} from './region-successor.schemas';

/**
 * Maps a retired region to its successor and moves or copies its inventory and offerings. A
 * region that is still current, a successor that is not, or conflicts without a choice are
 * conflicts with the current state (409); a successor on another level or of a level without
 * inventory, or a choice for a key without conflict, is invalid input (422).
 */
export const mapSuccessorRoute = defineRoute({
  method: 'post',
  path: '/api/regions/:key/successor',
  operationId: 'mapRegionSuccessor',
  summary: 'Nachfolger eines nicht mehr geführten Gebiets zuordnen',
  description:
    'Für Gemeinden, Gemeindeverbände und Kreise, die ein neuerer Gebietsstand nicht mehr enthält (Fusion, Eingliederung). ' +
    'Setzt den Nachfolger und verschiebt (`move`, Vorgabe) oder kopiert (`copy`) die Bestandseinträge und Online-Angebote dorthin. ' +
    'Hat der Nachfolger zu einer Komponente oder zu einer Leistung aus derselben Quelle schon einen Eintrag mit anderem Inhalt ' +
    '(eigener oder von einem früher zugeordneten Vorgänger), ist das ein Konflikt: ohne Entscheidung in `resolutions` für jeden ' +
    'Konflikt wird nichts geschrieben (409 mit `conflicts` und `unresolved`). `dryRun: true` zeigt Übernahmen und Konflikte mit ' +
    'beiden Werten, ohne zu schreiben. Gleiche Einträge auf beiden Seiten sind kein Konflikt (`identical`). ' +
    'Beide Gebiete erhalten Einträge in der Änderungshistorie, auch mit dem Wert, der nicht übernommen wurde. ' +
    'Vorschläge für den Nachfolger: `GET /api/regions/{key}/successor-suggestions`.',
  tags: ['Gebiete'],
  access: 'admin',
  params: successorParams,
  body: { json: successorBodySchema },
  responses: {
    200: {
      description: 'Zugeordnet (oder Probelauf): was übernommen wird, was gleich ist, die Konflikte mit Entscheidung.',
      schema: successorResultSchema,
    },
    404: { description: 'Kein Gebiet mit diesem Schlüssel.' },
    409: {
      description:
        'Das Gebiet wird noch geführt, der Nachfolger wird nicht mehr geführt, oder Konflikte ohne Entscheidung: dann nennt ' +
        'der Problem-Body sie unter `conflicts` (beide Werte) und `unresolved` (Schlüssel); nichts wurde geschrieben.',
    },
    422: {
      description:
        'Nachfolger auf einer anderen Ebene oder Ebene ohne Bestandsdaten; eine Entscheidung zu einem Schlüssel ohne Konflikt.',
    },
  },
  handler: async ({ req, res, params, body, actor, deps }) => {
    const result = await mapSuccessor(deps.db.reader, {
      oldKey: params.key,
      newKey: body.successor,
      mode: body.mode,
      dryRun: body.dryRun,
      resolutions: body.resolutions,
      actor,
    });
    if (!result.dryRun && !result.applied) {
      const unresolved = [...new Set(unresolvedConflicts(result.conflicts).map((c) => c.key))];
      sendProblem(req, res, problem(409, unresolvedDetail(result), { conflicts: result.conflicts, unresolved }));
      return;
    }
    res.json(result);
  },
});

/** Ranked successor suggestions from the current directory; an admin confirms one with the route above. */
export const successorSuggestionsRoute = defineRoute({
  method: 'get',
  path: '/api/regions/:key/successor-suggestions',
  operationId: 'suggestRegionSuccessors',
  summary: 'Nachfolger für ein nicht mehr geführtes Gebiet vorschlagen',
  description:
    'Aktuelle Gebiete derselben Ebene im selben Land (ohne gemeindefreie Gebiete), geordnet nach: gleicher Gemeindeverband ' +
    '(ARS-Stellen 6–9, auch bis zum Gebietsstand, mit dem das Gebiet wegfiel) oder sonst gleicher Kreis, Name (gleich, ' +
    'enthalten, gemeinsamer Namensteil; ohne Groß-/Kleinschreibung und Umlaute), neu im selben Gebietsstand; bei gleicher ' +
    'Wertung die größere Einwohnerzahl zuerst. Jeder Vorschlag nennt seine Gründe. Es wird nichts zugeordnet.',
  tags: ['Gebiete'],
  access: 'reader',
  params: successorParams,
  query: suggestionsQuerySchema,
  responses: {
    200: { description: 'Vorschläge, die besten zuerst.', schema: suggestionsSchema },
    404: { description: 'Kein Gebiet mit diesem Schlüssel, oder eines ohne Bestandsdaten (Land, Regierungsbezirk).' },
    409: { description: 'Das Gebiet steht noch im aktuellen Gemeindeverzeichnis.' },
  },
  handler: async ({ res, params, query, deps }) => {
    res.json(await suggestSuccessors(deps.db.reader.manager, params.key, query.limit));
  },
});

export const regionSuccessorRoutes = [mapSuccessorRoute, successorSuggestionsRoute];
