package org.lungprep.core;

import java.util.Arrays;
import java.util.Objects;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A 3D image with where it is in the patient and where it came from: the one type the command
 * line, ImageJ 1.x and the SciJava commands share.
 * <p>
 * The image is (x, y, z) with min 0 on every axis. HU volumes are {@code ShortType}, normalized
 * ones {@code FloatType}, masks {@code UnsignedByteType}. Immutable as a record (the pixels belong
 * to the image, which is shared, not copied).
 *
 * @param <T> pixel type
 */
public final class Volume<T extends RealType<T>> {

	private final RandomAccessibleInterval<T> image;
	private final Geometry geometry;
	private final VolumeInfo info;

	/**
	 * @param image 3D image (x, y, z), zero-min
	 * @param geometry spacing, origin, direction
	 * @param info source metadata and warnings
	 */
	public Volume(final RandomAccessibleInterval<T> image, final Geometry geometry, final VolumeInfo info) {
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(geometry, "geometry");
		Objects.requireNonNull(info, "info");
		if (image.numDimensions() != 3)
			throw new IllegalArgumentException("a volume needs a 3D image (x, y, z), got " + image.numDimensions() + "D");
		for (int d = 0; d < 3; d++)
			if (image.min(d) != 0) throw new IllegalArgumentException("a volume's image must start at 0, axis " + d + " starts at " + image.min(d));
		this.image = image;
		this.geometry = geometry;
		this.info = info;
	}

	/** @return the pixels, (x, y, z) */
	public RandomAccessibleInterval<T> image() { return image; }

	/** @return spacing, origin and direction */
	public Geometry geometry() { return geometry; }

	/** @return source metadata and warnings */
	public VolumeInfo info() { return info; }

	/** @return size along axis d (0 = x, 1 = y, 2 = z) */
	public int size(final int d) { return (int) image.dimension(d); }

	/** @return sizes (x, y, z) */
	public long[] dimensions() { return image.dimensionsAsLongArray(); }

	/** @return sizes in numpy order (z, y, x) */
	public long[] shapeZyx() { return new long[] { image.dimension(2), image.dimension(1), image.dimension(0) }; }

	/** @return spacing in numpy order (z, y, x), mm */
	public double[] spacingZyx() {
		return new double[] { geometry.spacing(2), geometry.spacing(1), geometry.spacing(0) };
	}

	/** @return number of voxels */
	public long voxelCount() { return image.dimension(0) * image.dimension(1) * image.dimension(2); }

	/** @return a volume with other pixels on the same geometry and info */
	public <U extends RealType<U>> Volume<U> withImage(final RandomAccessibleInterval<U> other) {
		return new Volume<>(other, geometry, info);
	}

	/** @return a volume with other pixels and geometry, same info */
	public <U extends RealType<U>> Volume<U> withImage(final RandomAccessibleInterval<U> other, final Geometry g) {
		return new Volume<>(other, g, info);
	}

	/** @return the same pixels and geometry with other info */
	public Volume<T> withInfo(final VolumeInfo other) { return new Volume<>(image, geometry, other); }

	/** @return the same pixels and geometry with one more warning */
	public Volume<T> withWarning(final String warning) { return new Volume<>(image, geometry, info.withWarning(warning)); }

	@Override
	public String toString() {
		return "Volume[shape(z,y,x)=" + Arrays.toString(shapeZyx()) + " spacing(z,y,x)=" + Arrays.toString(spacingZyx()) + " " + info + "]";
	}
}
