/**
 * HTML constraints read from a zod object schema, so a form's inputs state the limits the server
 * enforces without copying them into JSX. (Epic Stack uses Conform's getZodConstraint for this; we
 * keep to zod's own API and this small reader, for a smaller dependency surface.)
 *
 * Read from zod 3's definitions: ZodString's min/max/length checks, ZodNumber's min/max, through
 * ZodOptional, ZodNullable, ZodDefault, ZodCatch (each makes the field optional), ZodEffects
 * (refine, transform, preprocess) and ZodPipeline (its input side). `required` means the form must
 * send something non-empty: a string with a minimum length, or a number. An enum says nothing: its
 * select's options are the constraint (and `required` on a select whose first option is a value
 * would be invalid HTML). Unions and anything else give no constraints.
 */
import { z } from 'zod';

export interface FieldConstraint {
  required?: boolean;
  /** Only above 1: a minimum of one character is what `required` says. */
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

type ObjectSchema = z.AnyZodObject | z.ZodEffects<z.AnyZodObject, unknown, unknown>;
type ShapeOf<Schema> =
  Schema extends z.ZodObject<infer Shape>
    ? Shape
    : Schema extends z.ZodEffects<infer Inner, unknown, unknown>
      ? ShapeOf<Inner>
      : never;

export type Constraints<Schema extends ObjectSchema> = { [Field in keyof ShapeOf<Schema>]: FieldConstraint };

export function constraintsOf<Schema extends ObjectSchema>(schema: Schema): Constraints<Schema> {
  let object: z.ZodTypeAny = schema;
  while (object instanceof z.ZodEffects) object = object._def.schema;
  if (!(object instanceof z.ZodObject)) throw new TypeError('constraintsOf takes a zod object schema');
  const shape = (object as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
  return Object.fromEntries(
    Object.entries(shape).map(([field, type]) => [field, constraintOf(type)]),
  ) as Constraints<Schema>;
}

/** The constraints of one field's schema. */
export function constraintOf(schema: z.ZodTypeAny): FieldConstraint {
  let type = schema;
  let optional = false;
  for (;;) {
    if (
      type instanceof z.ZodOptional ||
      type instanceof z.ZodNullable ||
      type instanceof z.ZodDefault ||
      type instanceof z.ZodCatch
    ) {
      optional = true;
      type = type._def.innerType;
    } else if (type instanceof z.ZodEffects) type = type._def.schema;
    else if (type instanceof z.ZodPipeline) type = type._def.in;
    else break;
  }

  const constraint: FieldConstraint = {};
  if (type instanceof z.ZodString) {
    let minLength = 0;
    for (const check of type._def.checks) {
      if (check.kind === 'min' || check.kind === 'length') minLength = Math.max(minLength, check.value);
      if (check.kind === 'max' || check.kind === 'length') {
        constraint.maxLength = Math.min(constraint.maxLength ?? Infinity, check.value);
      }
    }
    if (!optional && minLength >= 1) constraint.required = true;
    if (minLength > 1) constraint.minLength = minLength;
  } else if (type instanceof z.ZodNumber) {
    const whole = type._def.checks.some((check) => check.kind === 'int');
    for (const check of type._def.checks) {
      // An exclusive bound is one step in for whole numbers; for others HTML cannot say it.
      if (check.kind === 'min' && (check.inclusive || whole)) {
        constraint.min = Math.max(constraint.min ?? -Infinity, check.inclusive ? check.value : check.value + 1);
      }
      if (check.kind === 'max' && (check.inclusive || whole)) {
        constraint.max = Math.min(constraint.max ?? Infinity, check.inclusive ? check.value : check.value - 1);
      }
    }
    if (!optional) constraint.required = true;
  }
  return constraint;
}
