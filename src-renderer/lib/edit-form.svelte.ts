import type { z } from 'zod';

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/**
 * A form that adds a thing or edits one: its fields as typed, what is being edited (null when adding),
 * and one message per field. Subclasses build the command input with the contract's own schemas.
 */
export abstract class EditForm<Fields extends object, Field extends string, Editing> {
  fields = $state() as Fields;
  #errors = $state<FieldErrors<Field>>({});
  #editing = $state<Editing | null>(null);

  constructor(private readonly blank: () => Fields) {
    this.fields = blank();
  }

  get editing(): Editing | null {
    return this.#editing;
  }
  get errors(): FieldErrors<Field> {
    return this.#errors;
  }

  startAdd() {
    this.#start(null, this.blank());
  }

  abstract startEdit(editing: Editing): void;

  protected startEditing(editing: Editing, fields: Fields) {
    this.#start(editing, fields);
  }

  /** Sets the fields' messages; returns whether there were none. */
  protected setErrors(errors: FieldErrors<Field>): boolean {
    this.#errors = errors;
    return Object.keys(errors).length === 0;
  }

  #start(editing: Editing | null, fields: Fields) {
    this.#editing = editing;
    this.fields = fields;
    this.#errors = {};
  }
}

/**
 * zod's issues keyed by form field: the first path part that names a field (an update nests them), the
 * first message per field, in the form's own words where it has them.
 */
export function fieldErrors<Field extends string>(error: z.ZodError, fields: ReadonlySet<string>, words: (field: Field, message: string) => string): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).find((part) => fields.has(part)) as Field | undefined;
    if (field && !errors[field]) errors[field] = words(field, issue.message);
  }
  return errors;
}
