package org.lungprep.io.dicom.codec;

/**
 * What one frame's pixels look like, from the image pixel module: rows, columns, bits allocated
 * and stored, signedness (PixelRepresentation), samples per pixel, planar configuration.
 */
public final class FrameFormat {

	private final int rows;
	private final int columns;
	private final int bitsAllocated;
	private final int bitsStored;
	private final boolean signed;
	private final int samplesPerPixel;
	private final int planarConfiguration;

	/**
	 * @param rows (0028,0010)
	 * @param columns (0028,0011)
	 * @param bitsAllocated (0028,0100), 8 or 16
	 * @param bitsStored (0028,0101)
	 * @param signed PixelRepresentation (0028,0103) == 1
	 * @param samplesPerPixel (0028,0002), 1 for CT
	 * @param planarConfiguration (0028,0006), 0 or 1
	 */
	public FrameFormat(final int rows, final int columns, final int bitsAllocated, final int bitsStored, final boolean signed,
		final int samplesPerPixel, final int planarConfiguration)
	{
		if (rows <= 0 || columns <= 0) throw new IllegalArgumentException("rows and columns must be > 0, got " + rows + "x" + columns);
		if (bitsAllocated != 8 && bitsAllocated != 16) throw new IllegalArgumentException("bits allocated must be 8 or 16, got " + bitsAllocated);
		if (bitsStored < 1 || bitsStored > bitsAllocated) throw new IllegalArgumentException("bits stored must be 1.." + bitsAllocated + ", got " + bitsStored);
		if (samplesPerPixel < 1 || samplesPerPixel > 4) throw new IllegalArgumentException("samples per pixel must be 1..4, got " + samplesPerPixel);
		this.rows = rows;
		this.columns = columns;
		this.bitsAllocated = bitsAllocated;
		this.bitsStored = bitsStored;
		this.signed = signed;
		this.samplesPerPixel = samplesPerPixel;
		this.planarConfiguration = planarConfiguration;
	}

	public int rows() { return rows; }
	public int columns() { return columns; }
	public int bitsAllocated() { return bitsAllocated; }
	public int bitsStored() { return bitsStored; }
	public boolean signed() { return signed; }
	public int samplesPerPixel() { return samplesPerPixel; }
	public int planarConfiguration() { return planarConfiguration; }

	/** @return rows × columns */
	public int pixelCount() { return rows * columns; }

	@Override
	public String toString() {
		return rows + "x" + columns + " " + bitsAllocated + "/" + bitsStored + " bit " + (signed ? "signed" : "unsigned") + " spp=" + samplesPerPixel;
	}
}
