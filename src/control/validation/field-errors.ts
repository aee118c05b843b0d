// What a validator reports: one entry per bad field, with the field's path from the object's
// root (`spec.template.spec.containers[0].image`; map keys in brackets, `data[ca.crt]`) and a
// short user-facing reason (`required`, `must be between 1 and 65535`).

export interface FieldError {
  path: string;
  reason: string;
}

export class FieldErrors {
  readonly list: FieldError[] = [];

  add(path: string, reason: string): void {
    this.list.push({ path, reason });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** The paths reported, in order (handy in tests). */
  paths(): string[] {
    return this.list.map((e) => e.path);
  }

  toString(): string {
    return this.list.map((e) => `${e.path}: ${e.reason}`).join('\n');
  }
}
