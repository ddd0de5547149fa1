/** A queue an async loop drains with a timeout, fed by callbacks (line readers, timers, background tasks). */
export class EventQueue<T> {
	private items: T[] = [];
	private wake: (() => void) | null = null;
	push(item: T): void {
		this.items.push(item);
		this.poke();
	}
	/** Wakes a waiting next() without an item (a state change the loop should look at). */
	poke(): void {
		this.wake?.();
		this.wake = null;
	}
	/** The next item, or null when none came within timeoutMs (or poke() was called). */
	async next(timeoutMs: number): Promise<T | null> {
		if (this.items.length === 0) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, timeoutMs);
				this.wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		}
		return this.items.shift() ?? null;
	}
	get length(): number {
		return this.items.length;
	}
}
