package org.lungprep.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.lungprep.normalize.NormalizeSettings;
import org.lungprep.pipeline.PreprocessSettings;
import org.lungprep.resample.Grid;
import org.lungprep.resample.Interpolation;
import org.lungprep.segment.SegmentSettings;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The pipeline options shared by {@code preprocess}, {@code batch} and {@code demo}, declared once. */
final class PipelineOptions {

	@Option(names = "--spacing", paramLabel = "Z,Y,X", description = "Target voxel spacing in mm, (z,y,x) or one value for all (default: ${DEFAULT-VALUE}).", defaultValue = "1")
	String spacing;

	@Option(names = "--interpolation", description = "nearest, linear or cubic (B-spline, like scipy order=3) (default: ${DEFAULT-VALUE}).", defaultValue = "cubic")
	String interpolation;

	@Option(names = "--grid", description = "physical (field of view kept, origin moved by half a voxel difference) or scipy (sample positions of scipy.ndimage.zoom, as the tutorial) (default: ${DEFAULT-VALUE}).", defaultValue = "physical")
	String grid;

	@Option(names = "--segmentation", description = "robust (default: outside air from every edge, trachea removed, left/right labels) or tutorial (the tutorial's method exactly).", defaultValue = "robust")
	String segmentation;

	@Option(names = "--no-fill", description = "Do not fill lung structures (tutorial: fill_lung_structures=False; robust: no hole filling).")
	boolean noFill;

	@Option(names = "--labels", description = "lungs.npy holds 0 background, 1 right lung, 2 left lung instead of 0/1.")
	boolean labels;

	@Option(names = "--clip", paramLabel = "MIN,MAX", description = "HU range mapped to 0..1 (default: ${DEFAULT-VALUE}).", defaultValue = "-1000,400")
	String clip;

	@Option(names = "--mean", paramLabel = "VALUE|mean.json", description = "Value subtracted after scaling (default 0.25, the tutorial's PIXEL_MEAN), or a mean.json written by batch --compute-mean.")
	String mean;

	@Option(names = "--mask", paramLabel = "MM", description = "In normalized.npy, set every voxel further than MM millimetres from the lung mask to --mask-fill (0: outside the mask itself).")
	Double maskMm;

	@Option(names = "--mask-fill", paramLabel = "VALUE", description = "Value outside the mask with --mask (default: what -1000 HU and below normalize to, 0 minus the mean).")
	Float maskFill;

	@Mixin
	LoadMixin load;

	@Option(names = "--formats", paramLabel = "nii,mhd,tif", split = ",", description = "Also write the volumes in these formats, with spacing, origin and orientation.")
	String[] formats;

	@Option(names = "--no-qc", description = "Do not draw qc.png.")
	boolean noQc;

	PreprocessSettings toSettings() throws java.io.IOException {
		final double[] s = Texts.doubles(spacing, "--spacing");
		final double[] spacingZyx = s.length == 1 ? new double[] { s[0], s[0], s[0] } : s;
		if (spacingZyx.length != 3) throw new IllegalArgumentException("--spacing needs one value or three (z,y,x), got '" + spacing + "'");
		final double[] c = Texts.doubles(clip, "--clip");
		if (c.length != 2 || !(c[0] < c[1])) throw new IllegalArgumentException("--clip needs MIN,MAX with MIN < MAX, got '" + clip + "'");
		NormalizeSettings norm = NormalizeSettings.DEFAULT.withClip(c[0], c[1]);
		if (mean != null) norm = norm.withMean(MeanFile.parse(mean));
		if (maskFill != null) {
			if (maskMm == null) throw new IllegalArgumentException("--mask-fill needs --mask MM");
			if (!Float.isFinite(maskFill)) throw new IllegalArgumentException("--mask-fill must be a finite number, got " + maskFill);
			norm = norm.withOutsideFill(maskFill);
		}
		if (maskMm != null && !(maskMm >= 0 && maskMm <= 1000)) throw new IllegalArgumentException("--mask needs a margin of 0 to 1000 mm, got " + maskMm);
		final Set<PreprocessSettings.Format> fs = EnumSet.noneOf(PreprocessSettings.Format.class);
		if (formats != null) for (final String f : formats) fs.add(PreprocessSettings.Format.parse(f));
		final SegmentSettings seg = SegmentSettings.DEFAULT.withMethod(choice(SegmentSettings.Method.class, segmentation, "--segmentation")).withFill(!noFill);
		return PreprocessSettings.DEFAULT.withLoad(load.toLoadOptions()).withSpacingZyx(spacingZyx)
			.withInterpolation(choice(Interpolation.class, interpolation, "--interpolation")).withGrid(choice(Grid.class, grid, "--grid"))
			.withSegment(seg).withLabels(labels).withNormalize(norm).withMaskMm(maskMm == null ? Double.NaN : maskMm).withFormats(fs).withQc(!noQc);
	}

	static <E extends Enum<E>> E choice(final Class<E> type, final String text, final String option) {
		for (final E e : type.getEnumConstants())
			if (e.name().equalsIgnoreCase(text.trim())) return e;
		final StringBuilder sb = new StringBuilder();
		for (final E e : type.getEnumConstants())
			sb.append(sb.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
		throw new IllegalArgumentException(option + ": unknown value '" + text + "' (choose from " + sb + ")");
	}
}
