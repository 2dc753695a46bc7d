import { MeasureId } from '../plan/measure-id';
import { FieldError, FieldSpec, FieldsOf } from './field-rule';

export type StoredData = Readonly<Record<string, unknown>>;

/** A superseded shape still found in the store, with the step that lifts it one version. */
export interface OlderActivityVersion {
  readonly schemaVersion: number;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly upcast: (data: StoredData) => StoredData;
}

/**
 * Everything the domain knows about one activity type: its current shape, the shapes it had
 * before, the measure it reports under and the rules spanning several fields.
 */
export interface ActivityDefinition<Type extends string, Data> {
  readonly type: Type;
  readonly schemaVersion: number;
  /**
   * The measure every record of this type reports under, or null when the record itself
   * decides (a meeting's kind, a training's course) or when it is a correction.
   */
  readonly measureId: MeasureId | null;
  /** All measures records of this type can report under. */
  readonly measureIds: readonly MeasureId[];
  readonly description: string;
  readonly fields: FieldsOf<Data>;
  /** Oldest first; each upcasts to the next, the last one to `schemaVersion`. */
  readonly olderVersions: readonly OlderActivityVersion[];
  /** Rules across fields, run once every field is individually valid. */
  invariants?(data: Data): FieldError[];
}

/** The same definition with its data type erased, for code that handles any activity type. */
export interface AnyActivityDefinition {
  readonly type: string;
  readonly schemaVersion: number;
  readonly measureId: MeasureId | null;
  readonly measureIds: readonly MeasureId[];
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly olderVersions: readonly OlderActivityVersion[];
  invariants?(data: StoredData): FieldError[];
}
