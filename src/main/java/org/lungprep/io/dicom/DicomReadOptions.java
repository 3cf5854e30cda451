package org.lungprep.io.dicom;

/**
 * Options of {@link DicomSeriesReader}. Immutable.
 * <p>
 * The reader never changes the slices: a tilted or unevenly spaced series is returned as acquired, with warnings
 * that say so (angle, steps, missing slices).
 */
public final class DicomReadOptions {

	/** Slices as acquired. */
	public static final DicomReadOptions DEFAULT = new DicomReadOptions();

	private DicomReadOptions() { }

	@Override
	public String toString() {
		return "DicomReadOptions[as acquired]";
	}
}
