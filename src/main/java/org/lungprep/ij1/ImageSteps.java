package org.lungprep.ij1;

import java.util.Locale;

import org.lungprep.core.CancelledException;
import org.lungprep.core.Volume;
import org.lungprep.normalize.NormalizeSettings;
import org.lungprep.normalize.Normalizer;
import org.lungprep.resample.Grid;
import org.lungprep.resample.Interpolation;
import org.lungprep.resample.ResampleSettings;
import org.lungprep.resample.Resampler;
import org.lungprep.segment.LungSegmentation;
import org.lungprep.segment.LungSegmenter;
import org.lungprep.segment.SegmentSettings;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * The per-image steps of the Plugins › LungPrep menu, one ImageJ 1.x entry per step (the argument in plugins.config
 * names the step): Resample Isotropic..., Segment Lungs..., Normalize.... Each works on the current 16-bit HU stack
 * (e.g. from Open CT Series...), shows its dialog (so the Macro Recorder records it and macros pass the same keys) and
 * opens the result as a new image with its calibration.
 */
public final class ImageSteps implements PlugIn {

	private static final String[] INTERPOLATIONS = { "cubic", "linear", "nearest" };
	private static final String[] GRIDS = { "physical", "scipy" };
	private static final String[] METHODS = { "robust", "tutorial" };

	@Override
	public void run(final String arg) {
		final String title = "resample".equals(arg) ? "Resample Isotropic" : "segment".equals(arg) ? "Segment Lungs" : "normalize".equals(arg) ? "Normalize"
			: null;
		if (title == null) {
			Errors.report("LungPrep", "unknown step '" + arg + "'");
			return;
		}
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null || imp.getStackSize() < 2 || imp.getBitDepth() != 16) {
			Errors.report(title, "open a CT stack in HU first (16-bit, several slices; e.g. with Open CT Series...)");
			return;
		}
		try {
			final ImagePlus out = "resample".equals(arg) ? resample(imp) : "segment".equals(arg) ? segment(imp) : normalize(imp);
			if (out != null) out.show();
		}
		catch (final CancelledException e) {
			IJ.showStatus("LungPrep: cancelled");
		}
		catch (final RuntimeException e) {
			Errors.report(title, e.getMessage() == null ? e.toString() : e.getMessage());
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	private static ImagePlus resample(final ImagePlus imp) {
		final GenericDialog gd = new GenericDialog("Resample Isotropic");
		gd.addNumericField("spacing", 1, 2, 6, "mm (z, y and x)");
		gd.addChoice("interpolation", INTERPOLATIONS, "cubic");
		gd.addChoice("grid", GRIDS, "physical");
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final double mm = gd.getNextNumber();
		if (!(mm > 0)) throw new IllegalArgumentException("spacing must be > 0 mm");
		final Interpolation in = Interpolation.valueOf(gd.getNextChoice().toUpperCase(Locale.ROOT));
		final Grid grid = Grid.valueOf(gd.getNextChoice().toUpperCase(Locale.ROOT));
		final Volume<ShortType> hu = ImagePlusVolumes.huVolume(imp);
		final Volume<ShortType> r = Resampler.resample(hu, ResampleSettings.isotropic(mm).withInterpolation(in).withGrid(grid), new IJProgress());
		return ImagePlusVolumes.toImagePlus(r, imp.getTitle() + " " + mm + " mm");
	}

	private static ImagePlus segment(final ImagePlus imp) {
		final GenericDialog gd = new GenericDialog("Segment Lungs");
		gd.addChoice("method", METHODS, "robust");
		gd.addCheckbox("fill", true);
		gd.addCheckbox("labels", false);
		gd.addMessage("labels: 1 = right lung, 2 = left lung (else a 0/255 binary mask)");
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final SegmentSettings s = SegmentSettings.DEFAULT.withMethod(SegmentSettings.Method.valueOf(gd.getNextChoice().toUpperCase(Locale.ROOT)))
			.withFill(gd.getNextBoolean());
		final boolean labels = gd.getNextBoolean();
		final LungSegmentation seg = LungSegmenter.segment(ImagePlusVolumes.huVolume(imp), s, new IJProgress());
		final String sides = s.method() == SegmentSettings.Method.ROBUST ? String.format(Locale.ROOT, " (right %.0f, left %.0f)", seg.qc().rightMl(), seg.qc().leftMl())
			: "";
		IJ.log(String.format(Locale.ROOT, "LungPrep lungs (%s): %.0f mL%s%s", imp.getTitle(), seg.qc().totalMl(), sides,
			seg.qc().warnings().isEmpty() ? "" : "; " + String.join("; ", seg.qc().warnings())));
		return labels ? ImagePlusVolumes.toLabelImagePlus(seg.labels(), imp.getTitle() + " lungs")
			: ImagePlusVolumes.toBinaryImagePlus(seg.labels(), imp.getTitle() + " lungs");
	}

	private static ImagePlus normalize(final ImagePlus imp) {
		final GenericDialog gd = new GenericDialog("Normalize");
		gd.addNumericField("min", -1000, 0, 6, "HU");
		gd.addNumericField("max", 400, 0, 6, "HU");
		gd.addNumericField("mean", 0.25, 4, 8, "(subtracted after scaling to 0..1)");
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		final double min = gd.getNextNumber(), max = gd.getNextNumber(), mean = gd.getNextNumber();
		if (!(min < max)) throw new IllegalArgumentException("min must be below max");
		final NormalizeSettings s = NormalizeSettings.DEFAULT.withClip(min, max).withMean(mean);
		return ImagePlusVolumes.toFloatImagePlus(Normalizer.normalize(ImagePlusVolumes.huVolume(imp), s, new IJProgress()), imp.getTitle() + " normalized");
	}
}
