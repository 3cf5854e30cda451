package org.lungprep.resample;

import java.util.Arrays;

/**
 * What to resample to and how. Immutable. Spacings are given in (z, y, x) order like everything numpy users see.
 * <p>
 * Anti-aliasing (a Gaussian prefilter before downsampling, sigma = (n/m - 1)/2 input voxels, like scikit-image) is on
 * by default with the physical grid and off with the scipy grid, whose purpose is to reproduce the tutorial's arrays.
 */
public final class ResampleSettings {

	/** Whether anti-aliasing is on, off, or chosen by the grid. */
	public enum AntiAlias { AUTO, ON, OFF }

	private final double[] spacingXyz;
	private final Interpolation interpolation;
	private final Grid grid;
	private final AntiAlias antiAlias;

	private ResampleSettings(final double[] spacingXyz, final Interpolation interpolation, final Grid grid, final AntiAlias antiAlias) {
		for (final double s : spacingXyz)
			if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("target spacing must be > 0 mm, got " + Arrays.toString(spacingXyz));
		this.spacingXyz = spacingXyz.clone();
		this.interpolation = interpolation;
		this.grid = grid;
		this.antiAlias = antiAlias;
	}

	/** @return cubic, physical grid, anti-aliasing by grid, to the given isotropic spacing */
	public static ResampleSettings isotropic(final double mm) {
		return new ResampleSettings(new double[] { mm, mm, mm }, Interpolation.CUBIC, Grid.PHYSICAL, AntiAlias.AUTO);
	}

	/** @param spacingZyx target spacing (z, y, x) in mm */
	public static ResampleSettings of(final double[] spacingZyx) {
		if (spacingZyx.length != 3) throw new IllegalArgumentException("spacing needs 3 values (z, y, x), got " + Arrays.toString(spacingZyx));
		return new ResampleSettings(new double[] { spacingZyx[2], spacingZyx[1], spacingZyx[0] }, Interpolation.CUBIC, Grid.PHYSICAL, AntiAlias.AUTO);
	}

	public ResampleSettings withInterpolation(final Interpolation i) { return new ResampleSettings(spacingXyz, i, grid, antiAlias); }
	public ResampleSettings withGrid(final Grid g) { return new ResampleSettings(spacingXyz, interpolation, g, antiAlias); }
	/** @param on true: always anti-alias when downsampling; false: never */
	public ResampleSettings withAntiAlias(final boolean on) { return new ResampleSettings(spacingXyz, interpolation, grid, on ? AntiAlias.ON : AntiAlias.OFF); }

	/** @return target spacing along axis d (0 = x, 1 = y, 2 = z) */
	public double spacing(final int d) { return spacingXyz[d]; }
	/** @return target spacing (z, y, x) */
	public double[] spacingZyx() { return new double[] { spacingXyz[2], spacingXyz[1], spacingXyz[0] }; }
	public Interpolation interpolation() { return interpolation; }
	public Grid grid() { return grid; }
	/** @return whether downsampled axes are smoothed first */
	public boolean antiAliasing() { return antiAlias == AntiAlias.ON || antiAlias == AntiAlias.AUTO && grid == Grid.PHYSICAL; }

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "ResampleSettings[spacing (z,y,x) %s mm, %s, grid %s, anti-aliasing %s]", Arrays.toString(spacingZyx()),
			interpolation, grid, antiAliasing() ? "on" : "off");
	}
}
