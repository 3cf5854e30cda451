package org.lungprep.io.dicom;

/**
 * Options of {@link DicomSeriesReader}. Immutable.
 * <p>
 * By default the reader never changes the slices: a tilted or unevenly spaced series is returned as acquired, with
 * warnings that say so (angle, steps, missing slices). The two corrections resample the converted (HU) values and
 * are reported in the warnings too.
 */
public final class DicomReadOptions {

	/** Slices as acquired. */
	public static final DicomReadOptions DEFAULT = new DicomReadOptions(false, false);

	private final boolean tiltCorrection;
	private final boolean regularGrid;

	private DicomReadOptions(final boolean tiltCorrection, final boolean regularGrid) {
		this.tiltCorrection = tiltCorrection;
		this.regularGrid = regularGrid;
	}

	/** @return whether a gantry-tilted series is resampled onto an orthogonal grid (each slice shifted in its plane, bilinear) */
	public boolean tiltCorrection() { return tiltCorrection; }

	/** @return whether unevenly spaced slices are resampled (linearly along the normal) onto a regular grid at the median step */
	public boolean regularGrid() { return regularGrid; }

	/** @param on whether to correct gantry tilt */
	public DicomReadOptions withTiltCorrection(final boolean on) { return new DicomReadOptions(on, regularGrid); }

	/** @param on whether to resample uneven spacing onto a regular grid */
	public DicomReadOptions withRegularGrid(final boolean on) { return new DicomReadOptions(tiltCorrection, on); }

	/** @return whether any correction is asked for */
	public boolean corrects() { return tiltCorrection || regularGrid; }

	@Override
	public String toString() {
		return "DicomReadOptions[tiltCorrection=" + tiltCorrection + ", regularGrid=" + regularGrid + "]";
	}
}
