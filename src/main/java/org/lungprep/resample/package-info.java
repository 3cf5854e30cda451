/**
 * Resampling to a target spacing: the tutorial's shape rule, two sample grids (physical | scipy), nearest, linear and
 * cubic B-spline interpolation, anti-aliasing for downsampling, separable multi-threaded passes.
 */
package org.lungprep.resample;
