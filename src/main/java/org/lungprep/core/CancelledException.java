package org.lungprep.core;

/** Thrown when the user cancelled long work through a {@link ProgressListener}. */
public class CancelledException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	/** @param message why, e.g. "cancelled by the user" */
	public CancelledException(final String message) { super(message); }
}
