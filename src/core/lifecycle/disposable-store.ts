/** Owns a set of cleanup functions and runs all of them once, in reverse order, on dispose(). */
export type Disposer = () => void;

export class DisposableStore {
  private readonly disposers: Disposer[] = [];
  private disposed = false;

  add(disposer: Disposer): Disposer {
    if (this.disposed) {
      disposer();
    } else {
      this.disposers.push(disposer);
    }
    return disposer;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposer of this.disposers.splice(0).reverse()) {
      try {
        disposer();
      } catch {
        // One failing cleanup must not keep the others from running.
      }
    }
  }
}
