/**
 * Types derived from the route schemas (server/http/schema-types.ts): a handler reads what its
 * schema admits, and a service input that drifts from the schema fails the typecheck. ts-jest
 * type-checks this file, so the type-level lines below are assertions too.
 */
import { validatorFor } from '../../../lib/validation';
import type { Assert, Fits, HandlerInput, SameType, Validated } from '../../../server/http/schema-types';
import { defineRoute } from '../../../server/http/route';
import type { mapSuccessorRoute } from '../../../server/api/region-successor.routes';
import { mergeBody } from '../../../server/api/operators.schemas';
import type { createOperatorRoute, listOperatorsRoute } from '../../../server/api/operators.routes';
import type { OperatorInput } from '../../../services/operator.service';

type Input<R extends { handler: (ctx: never) => unknown }> = HandlerInput<R>;

describe('types derived from route schemas', () => {
  it('types path, query and body from the schemas: defaults required, enums as unions', () => {
    type Query = Input<typeof listOperatorsRoute>['query'];
    type ExpectedQuery = {
      q?: string;
      type?: 'own-it' | 'municipal-provider' | 'inter-municipal' | 'private-provider' | 'state' | 'federal';
      land?: string;
      limit: number;
      cursor?: string;
    };
    type Checks = [
      Assert<SameType<Query, ExpectedQuery>>,
      Assert<SameType<Input<typeof mapSuccessorRoute>['params'], { key: string }>>,
      Assert<SameType<Input<typeof mapSuccessorRoute>['body']['mode'], 'move' | 'copy'>>,
      Assert<SameType<Input<typeof createOperatorRoute>['body'], OperatorInput>>,
    ];
    const checks: Checks = [true, true, true, true];
    expect(checks).toEqual([true, true, true, true]);
  });

  it('a value of the derived type is one the schema accepts', () => {
    const body: Validated<typeof mergeBody> = { into: 7 };
    expect(validatorFor(mergeBody)(body)).toBe(true);
  });

  it('tells a drifted service type apart', () => {
    type Body = Input<typeof createOperatorRoute>['body'];
    const drifts: [
      SameType<Body, OperatorInput & { extra?: string }>,
      SameType<Body, Omit<OperatorInput, 'note'>>,
      Fits<Body, Omit<OperatorInput, 'note'>>,
      Fits<Body, OperatorInput & { extra?: string }>,
      Fits<Body, Omit<OperatorInput, 'name'> & { name: number }>,
    ] = [false, false, false, false, false];
    expect(drifts).toEqual([false, false, false, false, false]);
    // @ts-expect-error Assert refuses a check that does not hold
    type Refused = Assert<SameType<Body, Partial<OperatorInput>>>;
    const unused: Refused | undefined = undefined;
    expect(unused).toBeUndefined();
  });

  it('keeps explicit type arguments for routes without literal schemas', () => {
    const route = defineRoute<{ id: string }, Record<string, never>, Buffer>({
      method: 'post',
      path: '/x/:id',
      operationId: 'x',
      summary: 'x',
      tags: [],
      access: 'public',
      responses: { 204: { description: 'ok' } },
      handler: ({ res, params, body }) => {
        res.status(204).end(`${params.id}${body.length}`);
      },
    });
    type Checks = [
      Assert<SameType<Input<typeof route>['params'], { id: string }>>,
      Assert<SameType<Input<typeof route>['body'], Buffer>>,
    ];
    const checks: Checks = [true, true];
    expect(checks).toEqual([true, true]);
    expect(route.operationId).toBe('x');
  });

  it('types a route without schemas loosely, as before', () => {
    const route = defineRoute({
      method: 'get',
      path: '/y',
      operationId: 'y',
      summary: 'y',
      tags: [],
      access: 'public',
      responses: { 204: { description: 'ok' } },
      handler: ({ res }) => {
        res.status(204).end();
      },
    });
    type Checks = [
      Assert<SameType<Input<typeof route>['params'], Record<string, string>>>,
      Assert<SameType<Input<typeof route>['query'], Record<string, unknown>>>,
      Assert<SameType<Input<typeof route>['body'], unknown>>,
    ];
    const checks: Checks = [true, true, true];
    expect(checks).toEqual([true, true, true]);
    expect(route.operationId).toBe('y');
  });
});
