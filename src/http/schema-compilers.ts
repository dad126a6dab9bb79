import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

// Building the app compiles a validator and a serializer for each of a few hundred route schemas, most of its start
// time. Each compiled function depends only on its schema, the shared schemas (addSchema) and the compiler options,
// so a process that builds the app more than once (the tests build one per file) reuses them instead of compiling
// again: Fastify's own compilers (Ajv, fast-json-stringify), their output kept by the JSON text of all three.
// Fastify hands each build fresh schema objects, so the key is the text, not the object.

type BuildValidator = ReturnType<typeof AjvCompiler>;
type BuildSerializer = ReturnType<typeof SerializerSelector>;

const ajvPool = AjvCompiler();
const validators = new Map<string, ReturnType<ReturnType<BuildValidator>>>();

const buildValidator = ((externalSchemas, options) => {
  const compile = ajvPool(externalSchemas, options);
  // The pool itself keys its Ajv instance by these two; plugins are functions, named by their source.
  const scope = JSON.stringify([externalSchemas, options?.customOptions ?? null, (options?.plugins ?? []).map(String), options?.mode ?? null]);
  return (route) => {
    const key = `${scope}\n${JSON.stringify(route.schema)}`;
    let validate = validators.get(key);
    if (!validate) validators.set(key, (validate = compile(route)));
    return validate;
  };
}) as BuildValidator;

const fjsPool = SerializerSelector();
const serializers = new Map<string, ReturnType<ReturnType<BuildSerializer>>>();

const buildSerializer: BuildSerializer = (externalSchemas, options) => {
  const compile = fjsPool(externalSchemas, options);
  const scope = JSON.stringify([externalSchemas, options ?? null]);
  return (route) => {
    const key = `${scope}\n${JSON.stringify(route.schema)}`;
    let serialize = serializers.get(key);
    if (!serialize) serializers.set(key, (serialize = compile(route)));
    return serialize;
  };
};

/** Fastify's `schemaController.compilersFactory`: the default compilers, their output reused across builds. */
export const cachedCompilers = { buildValidator, buildSerializer };
