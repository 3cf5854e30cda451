package org.lungprep.pipeline;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.lungprep.normalize.NormalizeSettings;
import org.lungprep.resample.Grid;
import org.lungprep.resample.Interpolation;
import org.lungprep.resample.ResampleSettings;
import org.lungprep.segment.SegmentSettings;

/**
 * Everything {@link Preprocessor} needs, immutable. The defaults are the tutorial's choices where it made one (1 mm,
 * cubic, clip -1000..400, mean 0.25) and LungPrep's better ones where it did not (physical grid, robust segmentation).
 */
public final class PreprocessSettings {

	/** Extra output formats besides the always-written {@code .npy} arrays. */
	public enum Format {
		/** NIfTI-1, gzipped ({@code .nii.gz}), RAS affine. */
		NII("nii.gz"),
		/** MetaImage ({@code .mhd} + {@code .raw}), LPS. */
		MHD("mhd"),
		/** ImageJ TIFF stack with calibration (mm, origin; HU for int16). */
		TIF("tif");

		private final String extension;

		Format(final String extension) { this.extension = extension; }

		/** @return the file extension without dot */
		public String extension() { return extension; }

		/** @param s nii, mhd or tif (case-insensitive) */
		public static Format parse(final String s) {
			for (final Format f : values())
				if (f.name().equalsIgnoreCase(s.trim()) || f.extension.equalsIgnoreCase(s.trim())) return f;
			throw new IllegalArgumentException("unknown format '" + s + "' (choose from nii, mhd, tif)");
		}
	}

	/** Defaults: 1 mm isotropic, cubic, physical grid, robust segmentation with fill, clip -1000..400, mean 0.25. */
	public static final PreprocessSettings DEFAULT = new PreprocessSettings(LoadOptions.DEFAULT, new double[] { 1, 1, 1 },
		Interpolation.CUBIC, Grid.PHYSICAL, SegmentSettings.DEFAULT, false, NormalizeSettings.DEFAULT, Double.NaN, EnumSet.noneOf(Format.class), true);

	private final LoadOptions load;
	private final double[] spacingZyx;
	private final Interpolation interpolation;
	private final Grid grid;
	private final SegmentSettings segment;
	private final boolean labels;
	private final NormalizeSettings normalize;
	private final double maskMm;
	private final Set<Format> formats;
	private final boolean qc;

	private PreprocessSettings(final LoadOptions load, final double[] spacingZyx, final Interpolation interpolation, final Grid grid,
		final SegmentSettings segment, final boolean labels, final NormalizeSettings normalize, final double maskMm, final Set<Format> formats,
		final boolean qc)
	{
		if (!Double.isNaN(maskMm) && !(maskMm >= 0 && maskMm < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("mask margin must be >= 0 mm, got " + maskMm);
		if (spacingZyx.length != 3) throw new IllegalArgumentException("spacing needs 3 values (z,y,x), got " + Arrays.toString(spacingZyx));
		for (final double s : spacingZyx)
			if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("spacing must be > 0 mm, got " + Arrays.toString(spacingZyx));
		this.load = load;
		this.spacingZyx = spacingZyx.clone();
		this.interpolation = interpolation;
		this.grid = grid;
		this.segment = segment;
		this.labels = labels;
		this.normalize = normalize;
		this.maskMm = maskMm;
		this.formats = Collections.unmodifiableSet(formats.isEmpty() ? EnumSet.noneOf(Format.class) : EnumSet.copyOf(formats));
		this.qc = qc;
	}

	public LoadOptions load() { return load; }
	public double[] spacingZyx() { return spacingZyx.clone(); }
	public Interpolation interpolation() { return interpolation; }
	public Grid grid() { return grid; }
	public SegmentSettings segment() { return segment; }
	/** @return whether lungs.npy holds labels 0/1/2 (right/left) instead of 0/1 */
	public boolean labels() { return labels; }
	public NormalizeSettings normalize() { return normalize; }
	/** @return whether normalized values far from the lungs are replaced by the normalize settings' outside fill */
	public boolean masked() { return !Double.isNaN(maskMm); }
	/** @return the margin (mm) around the lung mask kept when {@link #masked()}, NaN otherwise */
	public double maskMm() { return maskMm; }
	public Set<Format> formats() { return formats; }
	/** @return whether qc.png is drawn */
	public boolean qc() { return qc; }

	/** @return the resampling settings these settings imply */
	public ResampleSettings resample() {
		return ResampleSettings.of(spacingZyx).withInterpolation(interpolation).withGrid(grid);
	}

	public PreprocessSettings withLoad(final LoadOptions l) { return new PreprocessSettings(l, spacingZyx, interpolation, grid, segment, labels, normalize, maskMm, formats, qc); }
	public PreprocessSettings withSpacingZyx(final double[] s) { return new PreprocessSettings(load, s, interpolation, grid, segment, labels, normalize, maskMm, formats, qc); }
	public PreprocessSettings withInterpolation(final Interpolation i) { return new PreprocessSettings(load, spacingZyx, i, grid, segment, labels, normalize, maskMm, formats, qc); }
	public PreprocessSettings withGrid(final Grid g) { return new PreprocessSettings(load, spacingZyx, interpolation, g, segment, labels, normalize, maskMm, formats, qc); }
	public PreprocessSettings withSegment(final SegmentSettings s) { return new PreprocessSettings(load, spacingZyx, interpolation, grid, s, labels, normalize, maskMm, formats, qc); }
	public PreprocessSettings withLabels(final boolean l) { return new PreprocessSettings(load, spacingZyx, interpolation, grid, segment, l, normalize, maskMm, formats, qc); }
	public PreprocessSettings withNormalize(final NormalizeSettings n) { return new PreprocessSettings(load, spacingZyx, interpolation, grid, segment, labels, n, maskMm, formats, qc); }
	/** @param mm margin around the lung mask kept in normalized.npy (outside it: the outside fill); NaN: no masking */
	public PreprocessSettings withMaskMm(final double mm) { return new PreprocessSettings(load, spacingZyx, interpolation, grid, segment, labels, normalize, mm, formats, qc); }
	public PreprocessSettings withFormats(final Set<Format> f) { return new PreprocessSettings(load, spacingZyx, interpolation, grid, segment, labels, normalize, maskMm, f, qc); }
	public PreprocessSettings withQc(final boolean q) { return new PreprocessSettings(load, spacingZyx, interpolation, grid, segment, labels, normalize, maskMm, formats, q); }

	/** @return the settings as a JSON-ready map, for report.json */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("series", load.series());
		m.put("spacing_zyx", spacingZyx.clone());
		m.put("interpolation", interpolation.name().toLowerCase());
		m.put("grid", grid.name().toLowerCase());
		m.put("segmentation", segment.method().name().toLowerCase());
		m.put("fill", segment.fill());
		m.put("labels", labels);
		m.put("clip", new double[] { normalize.min(), normalize.max() });
		m.put("mean", normalize.mean());
		m.put("mask_margin_mm", masked() ? maskMm : null);
		m.put("mask_fill", masked() ? (Object) (double) normalize.outsideFill() : null);
		m.put("formats", formats.stream().map(f -> f.name().toLowerCase()).toArray(String[]::new));
		return m;
	}
}
