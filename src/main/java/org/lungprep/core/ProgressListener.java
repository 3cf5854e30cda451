package org.lungprep.core;

/**
 * Where long work reports how far it is, and where it learns that the user cancelled.
 * Algorithms call {@link #progress} now and then and {@link #checkCancelled} between chunks;
 * the fronts adapt it (terminal bar, ImageJ's progress bar and Esc key).
 */
public interface ProgressListener {

	/** Listener that ignores progress and never cancels. */
	ProgressListener NONE = (stage, fraction) -> { };

	/**
	 * @param stage short human name of the current step, e.g. "resample"
	 * @param fraction 0..1 of that step done
	 */
	void progress(String stage, double fraction);

	/** @return true once the user asked to stop */
	default boolean isCancelled() { return false; }

	/** @throws CancelledException when {@link #isCancelled()} */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException("cancelled by the user");
	}

	/**
	 * A listener that maps this step's 0..1 onto [from, to] of this listener, for a stage that is
	 * part of a larger job.
	 */
	default ProgressListener range(final double from, final double to) {
		final ProgressListener outer = this;
		return new ProgressListener() {
			@Override
			public void progress(final String stage, final double fraction) {
				outer.progress(stage, from + (to - from) * Math.max(0, Math.min(1, fraction)));
			}

			@Override
			public boolean isCancelled() { return outer.isCancelled(); }
		};
	}
}
