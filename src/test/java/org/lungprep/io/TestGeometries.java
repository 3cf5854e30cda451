package org.lungprep.io;

/** Geometries for format tests. */
public final class TestGeometries {

	private TestGeometries() { }

	/**
	 * A rotation by 25 degrees about the axis (1, 2, 3) / sqrt(14) (Rodrigues' formula), row-major: no entry is 0 or 1,
	 * so a transposed or mis-signed matrix anywhere in a format's path shows.
	 */
	public static double[] rotation() {
		final double n = Math.sqrt(14);
		final double x = 1 / n, y = 2 / n, z = 3 / n, t = Math.toRadians(25), c = Math.cos(t), s = Math.sin(t), k = 1 - c;
		return new double[] { c + x * x * k, x * y * k - z * s, x * z * k + y * s, y * x * k + z * s, c + y * y * k, y * z * k - x * s, z * x * k - y * s,
			z * y * k + x * s, c + z * z * k };
	}
}
