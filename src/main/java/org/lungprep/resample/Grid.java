package org.lungprep.resample;

/**
 * Where the output samples lie in the input.
 * <p>
 * With {@code n} input and {@code m} output samples along an axis, output index {@code j} samples input position
 * <ul>
 * <li>{@link #PHYSICAL}: {@code (j + 0.5) * n / m - 0.5} — the field of view (voxel edges) is kept, so the
 * result's spacing ({@code spacing * n / m}) and origin (moved by half the difference of the voxel sizes) describe
 * exactly where each sample was taken;</li>
 * <li>{@link #SCIPY}: {@code j * (n - 1) / (m - 1)} — what {@code scipy.ndimage.zoom} (grid_mode=False) does, and so
 * what the tutorial's arrays are. The first and last samples coincide with the first and last input voxels, so the
 * samples are really {@code spacing * (n - 1) / (m - 1)} apart, while the tutorial (and this grid) report
 * {@code spacing * n / m} with the origin unchanged: up to half an input voxel of difference at the far end. Use it
 * to reproduce data for models trained on tutorial output.</li>
 * </ul>
 */
public enum Grid {
	/** Field of view preserved; spacing and origin exact. The default. */
	PHYSICAL,
	/** scipy.ndimage.zoom's sample positions, as in the tutorial. */
	SCIPY
}
