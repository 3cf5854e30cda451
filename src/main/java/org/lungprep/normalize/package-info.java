/**
 * The tutorial's last two steps: clip Hounsfield units to a window and scale it to [0, 1]
 * ({@code normalize}), then subtract a mean ({@code zero_center}), in float32.
 * <p>
 * Defaults are the tutorial's: window −1000..400 HU, mean 0.25 (its {@code PIXEL_MEAN}, about the mean of
 * LUNA16). {@link org.lungprep.normalize.Normalizer#view} gives a lazy ImgLib2 converter view (no memory);
 * {@link org.lungprep.normalize.Normalizer#normalize} writes a float32 planar image in parallel.
 * {@link org.lungprep.normalize.CohortMean} accumulates the mean of the scaled values over a cohort, for
 * {@code batch --compute-mean}.
 */
package org.lungprep.normalize;
