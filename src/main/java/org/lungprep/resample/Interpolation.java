package org.lungprep.resample;

/** How values between samples are computed. */
public enum Interpolation {
	/** The nearest sample (always used for masks and labels). */
	NEAREST,
	/** Linear in each axis (trilinear). */
	LINEAR,
	/** Interpolating cubic B-spline (with prefilter), like {@code scipy.ndimage.zoom(order=3)}. */
	CUBIC
}
