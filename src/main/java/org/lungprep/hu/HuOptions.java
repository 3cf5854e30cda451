package org.lungprep.hu;

/**
 * Options of the Hounsfield conversion. Immutable.
 * <p>
 * Padding (pixels outside the scan's field of view: DICOM PixelPaddingValue/PixelPaddingRangeLimit, and the raw
 * -2000 that GE and the tutorial's data use) becomes {@link #paddingHu()} (air, -1024 HU, by default) whatever the
 * intercept is. The tutorial instead sets raw -2000 to 0 <em>before</em> rescaling, which gives 0 HU (water) when the
 * intercept is 0; {@link #withTutorialPadding(boolean)} reproduces that for users who must match it.
 */
public final class HuOptions {

	/** Padding to -1024 HU. */
	public static final HuOptions DEFAULT = new HuOptions((short) -1024, false);

	private final short paddingHu;
	private final boolean tutorialPadding;

	private HuOptions(final short paddingHu, final boolean tutorialPadding) {
		this.paddingHu = paddingHu;
		this.tutorialPadding = tutorialPadding;
	}

	/** @return the HU value padding becomes */
	public short paddingHu() { return paddingHu; }

	/** @return whether the tutorial's rule is used (raw -2000 set to raw 0 before rescaling; PixelPaddingValue ignored) */
	public boolean tutorialPadding() { return tutorialPadding; }

	/** @param hu the HU value padding becomes (default -1024) */
	public HuOptions withPaddingHu(final short hu) { return new HuOptions(hu, tutorialPadding); }

	/** @param on whether to reproduce the tutorial's padding rule exactly */
	public HuOptions withTutorialPadding(final boolean on) { return new HuOptions(paddingHu, on); }

	@Override
	public String toString() {
		return tutorialPadding ? "HuOptions[tutorial padding: raw -2000 -> raw 0]" : "HuOptions[padding -> " + paddingHu + " HU]";
	}
}
