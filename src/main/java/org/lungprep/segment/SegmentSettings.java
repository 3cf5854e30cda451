package org.lungprep.segment;

/** How to segment the lungs. Immutable. */
public final class SegmentSettings {

	/** The method. */
	public enum Method {
		/** The tutorial's steps exactly (threshold -320 HU, outside air = the component of voxel [0,0,0], largest air pocket). */
		TUTORIAL,
		/** Outside air from every lateral edge, trachea and main bronchi removed, left/right labels, holes filled. The default. */
		ROBUST
	}

	/** Robust, with filling, 25 mm closing, no dilation. */
	public static final SegmentSettings DEFAULT = new SegmentSettings(Method.ROBUST, true, 25, 0, -320);

	private final Method method;
	private final boolean fill;
	private final double closingMm;
	private final double dilationMm;
	private final double thresholdHu;

	private SegmentSettings(final Method method, final boolean fill, final double closingMm, final double dilationMm, final double thresholdHu) {
		if (!(closingMm >= 0) || !(dilationMm >= 0)) throw new IllegalArgumentException("closing and dilation must be >= 0 mm, got " + closingMm + ", " + dilationMm);
		this.method = method;
		this.fill = fill;
		this.closingMm = closingMm;
		this.dilationMm = dilationMm;
		this.thresholdHu = thresholdHu;
	}

	public Method method() { return method; }
	/** @return tutorial: fill_lung_structures; robust: fill holes (vessels) and close the lung outline */
	public boolean fill() { return fill; }
	/** @return robust: radius of the per-slice closing of each lung (keeps juxtapleural nodules in), mm; 0 = none */
	public double closingMm() { return closingMm; }
	/** @return robust: margin added around the final mask, mm */
	public double dilationMm() { return dilationMm; }
	/** @return voxels at or below this are air (-320 HU, the tutorial's value) */
	public double thresholdHu() { return thresholdHu; }

	public SegmentSettings withMethod(final Method m) { return new SegmentSettings(m, fill, closingMm, dilationMm, thresholdHu); }
	public SegmentSettings withFill(final boolean f) { return new SegmentSettings(method, f, closingMm, dilationMm, thresholdHu); }
	public SegmentSettings withClosingMm(final double mm) { return new SegmentSettings(method, fill, mm, dilationMm, thresholdHu); }
	public SegmentSettings withDilationMm(final double mm) { return new SegmentSettings(method, fill, closingMm, mm, thresholdHu); }

	@Override
	public String toString() {
		return "SegmentSettings[" + method + ", fill " + fill + ", closing " + closingMm + " mm, dilation " + dilationMm + " mm]";
	}
}
