package org.lungprep.core;

/**
 * A picture as packed 0xRRGGBB ints, row after row, with no AWT behind it. The command line's pictures (qc.png, surface
 * renders) are drawn and written as these: the first {@code java.awt.image.BufferedImage} of a JVM initialises AWT's
 * colour management, which costs tens of milliseconds of a one-shot run.
 */
public final class RgbPixels {

	private final int width, height;
	private final int[] rgb;

	/**
	 * @param width pixels per row, at least 1
	 * @param height rows, at least 1
	 */
	public RgbPixels(final int width, final int height) {
		if (width < 1 || height < 1) throw new IllegalArgumentException("a picture needs at least 1 x 1 pixels, got " + width + " x " + height);
		if ((long) width * height > Integer.MAX_VALUE) throw new IllegalArgumentException("picture of " + width + " x " + height + " pixels is too large");
		this.width = width;
		this.height = height;
		rgb = new int[width * height];
	}

	/** @return pixels per row */
	public int width() { return width; }

	/** @return rows */
	public int height() { return height; }

	/** @return the pixels (0xRRGGBB, the top byte ignored), row after row: the picture itself, not a copy */
	public int[] rgb() { return rgb; }

	/** @return a TYPE_INT_RGB image with a copy of the pixels (for ImageJ and ImageIO) */
	public java.awt.image.BufferedImage toBufferedImage() {
		final java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
		System.arraycopy(rgb, 0, ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData(), 0, rgb.length);
		return img;
	}
}
