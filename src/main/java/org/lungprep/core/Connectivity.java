package org.lungprep.core;

/**
 * Which neighbours touch: 4 or 8 in 2D, 6, 18 or 26 in 3D. skimage's default (full
 * connectivity) is {@link #EIGHT} in 2D and {@link #TWENTY_SIX} in 3D.
 */
public enum Connectivity {
	/** 2D, edge neighbours. */
	FOUR(2, 1),
	/** 2D, edge and corner neighbours (skimage's 2D default). */
	EIGHT(2, 2),
	/** 3D, face neighbours. */
	SIX(3, 1),
	/** 3D, face and edge neighbours. */
	EIGHTEEN(3, 2),
	/** 3D, face, edge and corner neighbours (skimage's 3D default). */
	TWENTY_SIX(3, 3);

	private final int dimensions;
	private final int maxNonZero;

	Connectivity(final int dimensions, final int maxNonZero) {
		this.dimensions = dimensions;
		this.maxNonZero = maxNonZero;
	}

	/** @return 2 or 3 */
	public int dimensions() { return dimensions; }

	/** @return number of neighbours (4, 8, 6, 18 or 26) */
	public int neighbours() {
		return offsets().length;
	}

	/**
	 * All neighbour offsets, each an int[dimensions] with entries in {-1, 0, 1}: those with
	 * at most {@code maxNonZero} non-zero entries.
	 */
	public int[][] offsets() {
		final int n = (int) Math.pow(3, dimensions);
		final java.util.List<int[]> out = new java.util.ArrayList<>();
		for (int i = 0; i < n; i++) {
			final int[] o = new int[dimensions];
			int k = i, nz = 0;
			for (int d = 0; d < dimensions; d++) {
				o[d] = k % 3 - 1;
				k /= 3;
				if (o[d] != 0) nz++;
			}
			if (nz > 0 && nz <= maxNonZero) out.add(o);
		}
		return out.toArray(new int[0][]);
	}

	/**
	 * Offsets that come earlier in raster order (x fastest): the half of the neighbourhood a
	 * two-pass labeling looks back at.
	 */
	public int[][] backwardOffsets() {
		final java.util.List<int[]> out = new java.util.ArrayList<>();
		for (final int[] o : offsets()) {
			for (int d = dimensions - 1; d >= 0; d--) {
				if (o[d] < 0) { out.add(o); break; }
				if (o[d] > 0) break;
			}
		}
		return out.toArray(new int[0][]);
	}

	/** @return the connectivity for a neighbour count (4, 8, 6, 18, 26) */
	public static Connectivity ofNeighbours(final int n) {
		for (final Connectivity c : values())
			if (c.neighbours() == n) return c;
		throw new IllegalArgumentException("connectivity must be 4 or 8 (2D) or 6, 18 or 26 (3D), got " + n);
	}
}
