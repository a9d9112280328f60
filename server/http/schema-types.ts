/**
 * TypeScript types derived from the JSON schemas of the routes, so that the schema ajv checks
 * and the type a handler or a service reads are one declaration and cannot drift apart.
 *
 * The schemas are `as const` literals (or inferred as such by `defineRoute`), and
 * `json-schema-to-ts` turns them into types at compile time only: nothing of it runs.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { JsonSchema } from '../../lib/validation';

/**
 * The value a literal schema admits after validation: properties with a `default` are
 * required, since ajv fills them in (`useDefaults`) before a handler sees the value.
 */
export type Validated<S extends JSONSchema> = FromSchema<S>;

/**
 * The type of a value checked by schema `S`: `Fallback` when there is no literal schema (the
 * route declares none, or it is built at run time and typed {@link JsonSchema}); `never` when a
 * literal schema holds a part that is not literal, so the handler's use of the value fails to
 * compile instead of being typed loosely.
 */
export type Derived<S, Fallback> = JsonSchema extends S ? Fallback : S extends JSONSchema ? FromSchema<S> : never;

/** `[T] extends [never]`: no explicit type argument was given. */
type Explicit<T, Otherwise> = [T] extends [never] ? Otherwise : T;

/** Path parameters of a route: explicit `P`, else derived from the params schema `PS`. */
export type ParamsOf<P, PS> = Explicit<P, Derived<PS, Record<string, string>>>;

/** Query of a route after coercion and defaults: explicit `Q`, else derived from `QS`. */
export type QueryOf<Q, QS> = Explicit<Q, Derived<QS, Record<string, unknown>>>;

/** JSON body of a route: explicit `B`, else derived from the body schema `BS`. */
export type BodyOf<B, BS> = Explicit<B, Derived<BS, unknown>>;

/**
 * `true` exactly when `A` and `B` are the same type. Where a service keeps its own input
 * interface, `Assert<SameType<Validated<typeof schema>, ServiceInput>>` makes a drift between
 * schema and service fail the typecheck (see `server/api/schema-service-checks.ts`).
 */
export type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * Compiles to `true` when a value of `A` can be passed where `B` is expected and `A` names
 * exactly `B`'s fields: for a service type that deliberately takes more than the API sends
 * (null for "not given", optional where the schema fills in a default), so {@link SameType}
 * is too strict, but a field missing on either side still fails.
 */
export type Fits<A, B> = [A] extends [B] ? SameType<keyof A & string, keyof B & string> : false;

/** What a route's handler receives (`params`, `query`, `body` …), for type-level checks. */
export type HandlerInput<R extends { handler: (ctx: never) => unknown }> = Parameters<R['handler']>[0];

/** Compiles only with `true`: `type _ = Assert<SameType<A, B>>` fails the typecheck when A and B differ. */
export type Assert<T extends true> = T;
