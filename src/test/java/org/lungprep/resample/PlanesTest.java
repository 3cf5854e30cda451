package org.lungprep.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Writing interpolated values to int16 planes: half away from zero, clamped, NaN to 0. */
class PlanesTest {

	@Test
	void int16RoundsHalfAwayFromZeroAndClamps() {
		final double[] in = { 0, -0.0, 0.49, 0.5, -0.5, 1.5, -1.5, 2.5, -2.4999, 32766.6, 32767.4, 32767.6, 40000, -32767.6, -32768.4, -32768.6, -40000,
			Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300 };
		final short[] expected = { 0, 0, 0, 1, -1, 2, -2, 3, -2, 32767, 32767, 32767, 32767, -32768, -32768, -32768, -32768, 0, 32767, -32768, 32767, -32768 };
		final short[][] plane = { new short[in.length] };
		new Planes.Shorts(plane, in.length, 1).write(0, 0, in.length, in, 0, 1);
		for (int k = 0; k < in.length; k++)
			assertEquals(expected[k], plane[0][k], "value " + in[k]);
		// strided source, offset target
		final double[] strided = { 7.5, 99, -7.5, 99 };
		final short[][] p2 = { new short[4] };
		new Planes.Shorts(p2, 4, 1).write(0, 2, 2, strided, 0, 2);
		assertEquals(0, p2[0][0]);
		assertEquals(8, p2[0][2]);
		assertEquals(-8, p2[0][3]);
	}

	/** Random values, exact halves among them, against rounding by comparison and clamping. */
	@Test
	void int16RoundingMatchesItsDefinitionOnRandomValues() {
		final java.util.Random r = new java.util.Random(4);
		final double[] in = new double[100_000];
		for (int i = 0; i < in.length; i++)
			in[i] = i % 3 == 0 ? (r.nextInt(80_000) - 40_000) / 2.0 : i % 3 == 1 ? r.nextGaussian() * 3000 : (r.nextDouble() - 0.5) * 1e6;
		final short[][] plane = { new short[in.length] };
		new Planes.Shorts(plane, in.length, 1).write(0, 0, in.length, in, 0, 1);
		for (int k = 0; k < in.length; k++) {
			final double v = in[k];
			final double rounded = v >= 0 ? Math.floor(v + 0.5) : Math.ceil(v - 0.5);
			assertEquals((short) Math.max(-32768, Math.min(32767, rounded)), plane[0][k], "value " + v);
		}
	}
}
