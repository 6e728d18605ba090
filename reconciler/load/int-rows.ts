// A growable table of fixed-width integer rows, stored in fixed-size chunks: growing never copies
// what is already stored, and at most one chunk stands partly empty.
const CHUNK_BITS = 14;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const ROW_MASK = CHUNK_ROWS - 1;

export class IntRows {
  private readonly chunks: Int32Array[] = [];
  count = 0;

  constructor(private readonly width: number) {}

  /** Appends a zeroed row and returns its index. */
  add(): number {
    if ((this.count & ROW_MASK) === 0 && this.count >>> CHUNK_BITS === this.chunks.length)
      this.chunks.push(new Int32Array(CHUNK_ROWS * this.width));
    return this.count++;
  }

  get(row: number, column: number): number {
    return this.chunks[row >>> CHUNK_BITS]![(row & ROW_MASK) * this.width + column]!;
  }

  set(row: number, column: number, value: number): void {
    this.chunks[row >>> CHUNK_BITS]![(row & ROW_MASK) * this.width + column] = value;
  }

  /** Drops rows from `count` on (a reader that gave up); their chunks are reused. */
  truncate(count: number): void {
    this.count = count;
    const chunk = this.chunks[count >>> CHUNK_BITS];
    if (chunk !== undefined) chunk.fill(0, (count & ROW_MASK) * this.width);
    for (let i = (count >>> CHUNK_BITS) + 1; i < this.chunks.length; i++) this.chunks[i]!.fill(0);
  }
}

/** Gives each distinct value a small integer id (its place in first-seen order), and back. */
export class Interner<T> {
  private readonly values: T[] = [];
  private readonly ids = new Map<T, number>();

  id(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of a value seen before, or undefined. */
  find(value: T): number | undefined {
    return this.ids.get(value);
  }

  at(id: number): T {
    return this.values[id]!;
  }
}
