import { plainToInstance } from 'class-transformer';
import {
  ValidationError,
  ValidationTypes,
  ValidatorOptions,
  getMetadataStorage,
  validateSync,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';

/** What a request object is held to: unknown members refused, nothing left unchecked. */
const STRICT: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
};

/** One rule of a property, with the constraint instances class-validator would call. */
interface PropertyRule {
  metadata: ValidationMetadata;
  constraints: readonly ConstraintMetadata[];
}

interface PropertyRules {
  property: string;
  /** `@IsOptional` and the like: when one says no, the property is not validated at all. */
  conditions: readonly ValidationMetadata[];
  rules: readonly PropertyRule[];
}

/** A class's rules, looked up once: class-validator filters its whole registry per object. */
interface ClassRules {
  allowed: ReadonlySet<string>;
  properties: readonly PropertyRules[];
}

/** Null for a class using a kind of rule the quick check does not run (nested, async, each…). */
const rulesByClass = new Map<new () => object, ClassRules | null>();

/**
 * The errors of a plain request object against its class's class-validator rules (whitelist,
 * unknown members forbidden), as field and reason, each field under `prefix`.
 *
 * A batch holds a thousand such objects and nearly all of them are valid, so first the class's
 * rules run straight on the object, with the very constraint instances class-validator
 * would call, and a valid object costs no more than that. An invalid one (or a class whose
 * rules the quick check does not cover) goes through class-transformer and class-validator
 * as before, so every refusal is worded exactly as class-validator words it.
 */
export function requestObjectErrors(
  cls: new () => object,
  plain: Record<string, unknown>,
): { field: string; reason: string }[] {
  const rules = rulesOf(cls);
  if (rules !== null && passes(rules, Object.assign(new cls(), plain))) return [];
  return flatten(validateSync(plainToInstance(cls, plain), STRICT));
}

function rulesOf(cls: new () => object): ClassRules | null {
  let rules = rulesByClass.get(cls);
  if (rules === undefined) {
    rules = compile(cls);
    rulesByClass.set(cls, rules);
  }
  return rules;
}

/** The same metadata lookup as class-validator's `ValidationExecutor.execute`, done once. */
function compile(cls: new () => object): ClassRules | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  if (metadatas.length === 0) return null;
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyRules[] = [];
  for (const [property, all] of Object.entries(grouped)) {
    const conditions: ValidationMetadata[] = [];
    const rules: PropertyRule[] = [];
    for (const metadata of all) {
      switch (metadata.type) {
        case ValidationTypes.WHITELIST:
          break;
        case ValidationTypes.CONDITIONAL_VALIDATION:
          conditions.push(metadata);
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION: {
          if (metadata.each || metadata.validateIf) return null;
          const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
          if (constraints.some((constraint) => constraint.async)) return null;
          rules.push({ metadata, constraints });
          break;
        }
        default:
          return null;
      }
    }
    properties.push({ property, conditions, rules });
  }
  return { allowed: new Set(Object.keys(grouped)), properties };
}

function passes(rules: ClassRules, object: object): boolean {
  const members = object as Record<string, unknown>;
  for (const key of Object.keys(members)) if (!rules.allowed.has(key)) return false;
  for (const { property, conditions, rules: propertyRules } of rules.properties) {
    const value = members[property];
    if (conditions.some((condition) => !condition.constraints[0](object, value))) continue;
    for (const { metadata, constraints } of propertyRules) {
      for (const constraint of constraints) {
        const valid = constraint.instance.validate(value, {
          targetName: object.constructor.name,
          property: metadata.propertyName,
          object,
          value,
          constraints: metadata.constraints,
        });
        if (!valid) return false;
      }
    }
  }
  return true;
}

/** class-validator nests nothing here (the DTOs are flat); one error per failed constraint. */
function flatten(errors: readonly ValidationError[]): { field: string; reason: string }[] {
  return errors.flatMap((error) =>
    Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field: error.property,
      reason:
        constraint === 'whitelistValidation'
          ? 'is not a field of this event'
          : stripProperty(message, error.property),
    })),
  );
}

/** class-validator's built-in messages start with the property name; ours do not. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
