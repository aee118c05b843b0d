/**
 * FIFO ring buffer with a fixed capacity. push() refuses (returns false) when full instead of
 * growing: a peer that cannot keep up must cost a bounded amount of memory.
 */
export class BoundedQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(item: T): boolean {
    if (this.size === this.capacity) return false;
    this.items[(this.head + this.size) % this.capacity] = item;
    this.size++;
    return true;
  }

  peek(): T | undefined {
    return this.size === 0 ? undefined : this.items[this.head];
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined; // let the message be collected
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    return item;
  }

  clear(): number {
    const dropped = this.size;
    while (this.size > 0) this.shift();
    return dropped;
  }
}
