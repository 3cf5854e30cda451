package org.lungprep.commands;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lungprep.ij1.IJProgress;
import org.lungprep.pipeline.BatchRunner;
import org.lungprep.pipeline.Cohort;
import org.lungprep.pipeline.PreprocessSettings;
import org.lungprep.pipeline.Preprocessor;
import org.lungprep.segment.SegmentSettings;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

import ij.IJ;

/** Preprocess Chest CT...: the command line's {@code preprocess} for one scan, with its outputs in a folder. */
@Plugin(type = Command.class, label = "Preprocess Chest CT")
public class PreprocessChestCt extends FolderCommand {


	@Override
	public void run() {
		if (input == null || !input.exists() || output == null) {
			cancel("Input must exist and an output folder must be given (input: '" + input + "')");
			return;
		}
		try {
			final Preprocessor.Result r = new Preprocessor(settings(spacing, segmentation, mask)).run(input.toPath(), output.toPath(), false, new IJProgress());
			IJ.log("LungPrep preprocess: " + input + " -> " + output + ", lungs " + ((Map<?, ?>) r.report().get("lungs")).get("total_ml") + " mL");
		}
		catch (final Exception e) {
			cancel(e.getMessage() == null ? e.toString() : e.getMessage());
		}
	}

	static PreprocessSettings settings(final double spacing, final String segmentation, final double maskMargin) {
		return PreprocessSettings.DEFAULT.withSpacingZyx(new double[] { spacing, spacing, spacing })
			.withSegment(SegmentSettings.DEFAULT.withMethod(SegmentSettings.Method.valueOf(segmentation.toUpperCase(Locale.ROOT))))
			.withMaskMm(maskMargin < 0 ? Double.NaN : maskMargin);
	}

	/** Batch Preprocess Folder...: the command line's {@code batch} over a cohort folder. */
	@Plugin(type = Command.class, label = "Batch Preprocess Folder")
	public static class Batch extends FolderCommand {

		@Override
		public void run() {
			if (input == null || !input.isDirectory() || output == null) {
				cancel("Input must be a folder and an output folder must be given (input: '" + input + "')");
				return;
			}
			try {
				final PreprocessSettings s = settings(spacing, segmentation, mask);
				final List<Cohort.Patient> patients = Cohort.find(input.toPath());
				final BatchRunner.Summary summary = BatchRunner.defaults(p -> 1L << 28).run(patients, output.toPath(), BatchRunner.Shard.ALL,
					(p, dir, threads, progress) -> new Preprocessor(s).runInto(p.input(), dir, progress).row(), new IJProgress());
				IJ.log("LungPrep batch: " + summary);
				if (summary.failed() > 0) cancel(summary.failed() + " patient(s) failed; see " + summary.manifest());
			}
			catch (final Exception e) {
				cancel(e.getMessage() == null ? e.toString() : e.getMessage());
			}
		}
	}
}
