package org.lungprep.core;

import java.util.Arrays;

/**
 * Where a volume's voxels are in the patient: spacing, origin and direction cosines.
 * Immutable.
 * <p>
 * All vectors are in image axis order (x, y, z). {@code origin} is the physical position (DICOM
 * LPS, mm) of the <em>centre</em> of voxel (0, 0, 0). {@code direction} is a 3×3 matrix in
 * row-major order whose <em>columns</em> are the unit vectors of the image axes in LPS, i.e.
 * {@code physical = origin + D · diag(spacing) · index}, the same convention as ITK and MetaImage's
 * {@code TransformMatrix} read column by column.
 */
public final class Geometry {

	private static final double[] IDENTITY = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };

	private final double[] spacing;
	private final double[] origin;
	private final double[] direction;

	/**
	 * @param spacing voxel size in mm along x, y, z; each finite and &gt; 0
	 * @param origin LPS position in mm of the centre of voxel (0,0,0)
	 * @param direction 3×3 row-major, columns are the axis unit vectors in LPS
	 */
	public Geometry(final double[] spacing, final double[] origin, final double[] direction) {
		if (spacing == null || spacing.length != 3) throw new IllegalArgumentException("spacing needs 3 values (x, y, z), got " + Arrays.toString(spacing));
		if (origin == null || origin.length != 3) throw new IllegalArgumentException("origin needs 3 values (x, y, z), got " + Arrays.toString(origin));
		if (direction == null || direction.length != 9) throw new IllegalArgumentException("direction needs 9 values (3x3 row-major), got " + Arrays.toString(direction));
		for (final double s : spacing)
			if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("spacing must be finite and > 0 mm, got " + Arrays.toString(spacing));
		for (final double o : origin)
			if (!Double.isFinite(o)) throw new IllegalArgumentException("origin must be finite, got " + Arrays.toString(origin));
		for (final double d : direction)
			if (!Double.isFinite(d)) throw new IllegalArgumentException("direction must be finite, got " + Arrays.toString(direction));
		this.spacing = spacing.clone();
		this.origin = origin.clone();
		this.direction = direction.clone();
	}

	/** Axis-aligned geometry with the given spacing (x, y, z), origin 0 and identity direction. */
	public static Geometry of(final double sx, final double sy, final double sz) {
		return new Geometry(new double[] { sx, sy, sz }, new double[3], IDENTITY);
	}

	/** @return a copy of the spacing in mm, (x, y, z) */
	public double[] spacing() { return spacing.clone(); }

	/** @return spacing along axis {@code d} (0 = x, 1 = y, 2 = z) */
	public double spacing(final int d) { return spacing[d]; }

	/** @return a copy of the origin (LPS mm of voxel (0,0,0)'s centre) */
	public double[] origin() { return origin.clone(); }

	/** @return a copy of the 3×3 row-major direction matrix (columns = axis unit vectors) */
	public double[] direction() { return direction.clone(); }

	/** @return the LPS unit vector of image axis {@code d} (a column of the direction matrix) */
	public double[] axis(final int d) {
		return new double[] { direction[d], direction[3 + d], direction[6 + d] };
	}

	/** @return true when the direction matrix is the identity (within 1e-6) */
	public boolean isIdentityDirection() {
		for (int i = 0; i < 9; i++)
			if (Math.abs(direction[i] - IDENTITY[i]) > 1e-6) return false;
		return true;
	}

	/** @return a geometry with another spacing and the same origin and direction */
	public Geometry withSpacing(final double[] newSpacing) { return new Geometry(newSpacing, origin, direction); }

	/** @return a geometry with another origin and the same spacing and direction */
	public Geometry withOrigin(final double[] newOrigin) { return new Geometry(spacing, newOrigin, direction); }

	/**
	 * Physical (LPS mm) position of a continuous voxel index (x, y, z).
	 *
	 * @param index continuous index, voxel centres at integers
	 * @return new array with the LPS position
	 */
	public double[] toPhysical(final double[] index) {
		final double[] p = origin.clone();
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 3; c++)
				p[r] += direction[3 * r + c] * spacing[c] * index[c];
		return p;
	}

	/** Inverse of {@link #toPhysical}: continuous voxel index of an LPS position. */
	public double[] toIndex(final double[] physical) {
		final double[] d = new double[3];
		for (int i = 0; i < 3; i++) d[i] = physical[i] - origin[i];
		final double[] inv = invert3(direction);
		final double[] idx = new double[3];
		for (int r = 0; r < 3; r++) {
			double s = 0;
			for (int c = 0; c < 3; c++) s += inv[3 * r + c] * d[c];
			idx[r] = s / spacing[r];
		}
		return idx;
	}

	/** Volume of one voxel in mL (spacing product / 1000). */
	public double voxelMillilitres() { return spacing[0] * spacing[1] * spacing[2] / 1000.0; }

	private static double[] invert3(final double[] m) {
		final double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
		final double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
		final double det = a * A + b * B + c * C;
		if (Math.abs(det) < 1e-12) throw new IllegalStateException("direction matrix is singular: " + Arrays.toString(m));
		return new double[] { A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det,
			-(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det };
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Geometry)) return false;
		final Geometry g = (Geometry) o;
		return Arrays.equals(spacing, g.spacing) && Arrays.equals(origin, g.origin) && Arrays.equals(direction, g.direction);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * Arrays.hashCode(spacing) + Arrays.hashCode(origin)) + Arrays.hashCode(direction);
	}

	@Override
	public String toString() {
		return "Geometry[spacing(x,y,z)=" + Arrays.toString(spacing) + " origin=" + Arrays.toString(origin) + " direction=" + Arrays.toString(direction) + "]";
	}
}
